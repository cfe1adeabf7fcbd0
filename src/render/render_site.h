// The render stage: the model and its assessment in, every output file's
// bytes out. Writes nothing; publish does.
#pragma once
#include <string>
#include <vector>

#include "assess/assess_site.h"
#include "model/site.h"
#include "render/theme.h"

namespace tracker {

struct OutputFile {
  std::string path;  // relative to the output folder, '/' separated
  std::string bytes;
};

struct RenderResult {
  std::vector<OutputFile> files;  // sorted by path
  std::vector<std::string> errors;
};

RenderResult RenderSite(const Site& site, const SiteAssessment& assessment, const Theme& theme);

}  // namespace tracker
