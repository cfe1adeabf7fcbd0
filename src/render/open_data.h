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

// One authority's open data: its CSV, .meta.csv and JSON, and the rows the
// all-authorities files are made of.
struct AuthorityData {
  std::vector<OutputFile> files;
  std::vector<Download> downloads;
  std::string csv_rows;   // without the header
  std::string json_rows;  // objects, each on its own line, comma-separated
  size_t rows = 0;
};
AuthorityData RenderAuthorityData(const Site& site, const Authority& a, const AuthorityAssessment& aa,
                                  const Date& as_at);

// The all-authorities files, from every authority's rows in site order.
// Frees each part's rows as it goes.
void RenderAllData(std::vector<AuthorityData>& parts, std::vector<OutputFile>* files,
                   std::vector<Download>* downloads);

// The CSV columns, in order.
const std::vector<std::string>& OpenDataColumns();

}  // namespace tracker
