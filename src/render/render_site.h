// The render stage: the model and its assessment in, every output file's
// bytes out. Writes nothing; publish does.
#pragma once
#include <functional>
#include <set>
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

struct RenderOptions {
  int jobs = 1;                  // threads rendering authorities' pages
  std::set<std::string> reuse;   // authorities whose pages need no rendering
};

// Receives each file as soon as it is rendered, from any worker thread.
using FileSink = std::function<void(const OutputFile&)>;

// Renders the site, handing every file to `sink`; returns the template
// errors. The files are the same whatever the number of jobs.
std::vector<std::string> RenderSite(const Site& site, const SiteAssessment& assessment, const Theme& theme,
                                    const RenderOptions& options, const FileSink& sink);

// Every file in memory, sorted by path: for tests and small sites.
RenderResult RenderSite(const Site& site, const SiteAssessment& assessment, const Theme& theme);

// The HTML pages of the whole site, sorted: what the sitemap lists.
std::vector<std::string> SitePages(const Site& site);

}  // namespace tracker
