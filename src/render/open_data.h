// Open data: every figure as tidy CSV following the DfE open data standard,
// a .meta.csv describing its columns, and the same rows as JSON.
#pragma once
#include <string>
#include <vector>

#include "assess/assess_site.h"
#include "model/site.h"
#include "render/render_site.h"

namespace tracker {

struct Download {
  std::string path;   // e.g. "downloads/north-east-lincolnshire.csv"
  std::string title;
  std::string format;  // "CSV", "CSV metadata", "JSON"
  size_t rows = 0;
  size_t bytes = 0;
  std::string authority;  // slug, or empty for the whole site
};

// One CSV, meta CSV and JSON per authority, and the same for the whole site.
// Appends the files to `out` and describes them in the returned list.
std::vector<Download> RenderOpenData(const Site& site, const SiteAssessment& assessment,
                                     std::vector<OutputFile>& out);

// The CSV columns, in order.
const std::vector<std::string>& OpenDataColumns();

}  // namespace tracker
