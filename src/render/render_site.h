// The render stage: the model and its assessment in, every output file's
// bytes out. Writes nothing; publish does.
#pragma once
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "assess/assess_site.h"
#include "model/site.h"
#include "render/output.h"
#include "render/summary.h"
#include "render/theme.h"

namespace tracker {

struct RenderResult {
  std::vector<OutputFile> files;  // sorted by path
  std::vector<std::string> errors;
};

struct RenderOptions {
  int jobs = 1;                  // threads rendering authorities' pages
  std::set<std::string> reuse;   // authorities whose pages need no rendering
  // Authorities not in the model this time (unchanged since the last
  // build): what the site-wide files need of them.
  std::vector<AuthoritySummary> others;
};

struct RenderOutcome {
  std::vector<std::string> errors;
  std::vector<AuthoritySummary> summaries;  // every authority, by slug
};

// Receives each file as soon as it is rendered, from any worker thread.
using FileSink = std::function<void(const OutputFile&)>;

// Renders the site, handing every file to `sink`; returns the template
// errors. The files are the same whatever the number of jobs.
RenderOutcome RenderSite(const Site& site, const SiteAssessment& assessment, const Theme& theme,
                                    const RenderOptions& options, const FileSink& sink);

// Every file in memory, sorted by path: for tests and small sites.
RenderResult RenderSite(const Site& site, const SiteAssessment& assessment, const Theme& theme);


}  // namespace tracker
