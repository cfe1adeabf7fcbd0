// Open data: every figure as tidy CSV following the DfE open data standard,
// a .meta.csv describing its columns, and the same rows as JSON.
#pragma once
#include <string>
#include <vector>

#include "assess/assess_site.h"
#include "model/site.h"
#include "render/output.h"

namespace tracker {

struct Download {
  std::string path;   // e.g. "downloads/north-east-lincolnshire.csv"
  std::string title;
  std::string format;  // "CSV", "CSV metadata", "JSON"
  size_t rows = 0;
  size_t bytes = 0;
  std::string authority;  // slug, or empty for the whole site
  bool operator==(const Download&) const = default;
};

// One authority's open data: its CSV, .meta.csv and JSON.
struct AuthorityData {
  std::vector<OutputFile> files;
  std::vector<Download> downloads;
  size_t rows = 0;
};
AuthorityData RenderAuthorityData(const Site& site, const Authority& a, const AuthorityAssessment& aa,
                                  const Date& as_at);

// The all-authorities files, joined from each authority's files in the
// order given (their `downloads` say how large they are), so the nation's
// rows are never all in memory.
void RenderAllData(const std::vector<std::vector<Download>>& authorities, std::vector<OutputFile>* files,
                   std::vector<Download>* downloads);

// The CSV columns, in order.
const std::vector<std::string>& OpenDataColumns();

}  // namespace tracker
