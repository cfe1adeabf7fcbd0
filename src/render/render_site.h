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

// Renders the site, handing every file to `sink`; returns the template
// errors. The files are the same whatever the number of jobs.
RenderOutcome RenderSite(const Site& site, const SiteAssessment& assessment, const Theme& theme,
                                    const RenderOptions& options, const FileSink& sink);

// The same in parts, so that a build can render one authority at a time and
// let it go: RenderSite is these in turn.
//
// Authority i of `site`: its open data, then (unless `pages` is false, when
// its pages are kept from the last build) its pages and feed. What the
// site-wide files need of it goes to `summary_ready` as soon as it is known,
// before the pages; template errors go to `errors`.
void RenderAuthority(const Site& site, const SiteAssessment& assessment, size_t i, const Theme& theme, bool pages,
                     const FileSink& sink, const std::function<void(AuthoritySummary)>& summary_ready,
                     std::vector<std::string>* errors);

// What lists every authority, made from their summaries (sorted by slug):
// the all-authorities downloads, the home and data pages, the site's feed,
// the sitemap and the theme's assets, as tasks that may run side by side.
// `site` gives the settings; when the site has one authority, its dashboard
// is the home page, so `site` must hold it.
class SiteWideFiles {
 public:
  SiteWideFiles(const Site& site, const SiteAssessment& assessment, const Theme& theme,
                const std::vector<AuthoritySummary>& summaries);
  // Task 0 is the largest: taken in order, the others fit beside it.
  size_t tasks() const { return joined_.size() + 1; }
  void Render(size_t task, const FileSink& sink);
  // Every task, on up to `jobs` threads.
  void RenderAll(int jobs, const FileSink& sink);
  const std::vector<std::string>& errors() const { return errors_; }  // once every task is done

 private:
  const Site& site_;
  const SiteAssessment& assessment_;
  const Theme& theme_;
  const std::vector<AuthoritySummary>& summaries_;
  std::vector<OutputFile> joined_;
  std::vector<Download> downloads_;
  std::vector<std::string> errors_;
};
// All of them, on up to `jobs` threads; returns the template errors.
std::vector<std::string> RenderSiteWide(const Site& site, const SiteAssessment& assessment, const Theme& theme,
                                        const std::vector<AuthoritySummary>& summaries, int jobs,
                                        const FileSink& sink);

// Every file in memory, sorted by path: for tests and small sites.
RenderResult RenderSite(const Site& site, const SiteAssessment& assessment, const Theme& theme);


}  // namespace tracker
