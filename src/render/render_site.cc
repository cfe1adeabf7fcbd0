#include "render/render_site.h"

#include <algorithm>
#include <mutex>

#include "parallel.h"
#include "render/feeds.h"
#include "render/open_data.h"
#include "render/pages.h"

namespace tracker {

namespace {

// The files beside the site-wide pages: the site's feed, the sitemap (from
// the page table and every authority's summary), robots.txt and the
// theme's assets.
void RenderSiteFiles(SiteContext& c) {
  const SiteConfig& cfg = c.site.config;
  c.Write({"feed.xml", RenderAtomFeed(cfg, SiteFeed(c.summaries), "feed.xml", "index.html", "", c.as_at())});
  if (!cfg.base_url.empty()) {
    std::vector<std::string> pages;
    for (const auto& type : SitePageTypes())
      if (type.in_sitemap) pages.push_back(type.path);
    for (const auto& s : c.summaries) pages.insert(pages.end(), s.pages.begin(), s.pages.end());
    std::sort(pages.begin(), pages.end());
    c.Write({"sitemap.xml", RenderSitemap(cfg.base_url, pages)});
  }
  c.Write({"robots.txt", RenderRobots(cfg.base_url)});
  for (const auto& [path, bytes] : c.theme.assets) c.Write({path, bytes});
}

}  // namespace

void RenderAuthority(const Site& site, const SiteAssessment& assessment, size_t i, const Theme& theme, bool pages,
                     const FileSink& sink, const std::function<void(AuthoritySummary)>& summary_ready,
                     std::vector<std::string>* errors) {
  const Authority& a = site.authorities[i];
  // The open data first: the summary lists its files and counts its rows.
  AuthorityData data = RenderAuthorityData(site, a, assessment.authorities[i], assessment.as_at);
  for (const auto& f : data.files) sink(f);
  AuthorityContext c(PageContext(site, assessment, theme, sink), i);
  AuthoritySummary summary = Summarize(site.config, a, assessment.authorities[i], assessment.as_at);
  summary.pages = SitemapPages(c);
  summary.downloads = std::move(data.downloads);
  summary.rows = data.rows;
  summary.key_figures = c.KeyFigures();
  summary_ready(std::move(summary));
  if (!pages) return;
  RenderAuthorityPages(c);
  const std::string feed = a.slug + "/feed.xml";
  c.Write({feed, RenderAtomFeed(site.config, FeedEntries(site.config, a, assessment.as_at, false), feed,
                                Paths::Dashboard(a), a.name, assessment.as_at)});
  errors->insert(errors->end(), c.errors.begin(), c.errors.end());
}

SiteWideFiles::SiteWideFiles(const Site& site, const SiteAssessment& assessment, const Theme& theme,
                             const std::vector<AuthoritySummary>& summaries)
    : site_(site), assessment_(assessment), theme_(theme), summaries_(summaries) {
  // The all-authorities files are joined from each authority's, the JSON
  // first as the largest.
  std::vector<std::vector<Download>> each;
  for (const auto& sum : summaries) each.push_back(sum.downloads);
  RenderAllData(each, &joined_, &downloads_);
  std::sort(joined_.begin(), joined_.end(), [](const OutputFile& x, const OutputFile& y) {
    return x.path.compare(x.path.size() - 5, 5, ".json") == 0 && y.path.compare(y.path.size() - 5, 5, ".json") != 0;
  });
}

void SiteWideFiles::Render(size_t task, const FileSink& sink) {
  // The largest joined file first, then the pages, then the other joined
  // files: taken in this order, the pages are made while the large copy
  // runs, not after it.
  const size_t pages = joined_.empty() ? 0 : 1;
  if (task != pages) {
    sink(joined_[task < pages ? task : task - 1]);
    return;
  }
  SiteContext c(PageContext(site_, assessment_, theme_, sink), summaries_, downloads_);
  RenderSitePages(c);
  RenderSiteFiles(c);
  errors_ = std::move(c.errors);
}

void SiteWideFiles::RenderAll(int jobs, const FileSink& sink) {
  ParallelFor(tasks(), std::max(1, jobs), [&](size_t i) { Render(i, sink); });
}

std::vector<std::string> RenderSiteWide(const Site& site, const SiteAssessment& assessment, const Theme& theme,
                                        const std::vector<AuthoritySummary>& summaries, int jobs,
                                        const FileSink& sink) {
  SiteWideFiles files(site, assessment, theme, summaries);
  files.RenderAll(jobs, sink);
  return files.errors();
}

RenderOutcome RenderSite(const Site& site, const SiteAssessment& assessment, const Theme& theme,
                         const RenderOptions& options, const FileSink& sink) {
  // Authorities are independent: workers take them one at a time, and each
  // hands files to the sink as they are made, so memory holds one
  // authority's pages per worker, not the site.
  const size_t n = site.authorities.size();
  std::vector<AuthoritySummary> summaries(n);
  std::vector<std::vector<std::string>> errors(n + 1);
  ParallelFor(n, std::max(1, options.jobs), [&](size_t i) {
    RenderAuthority(site, assessment, i, theme, !options.reuse.count(site.authorities[i].slug), sink,
                    [&](AuthoritySummary s) { summaries[i] = std::move(s); }, &errors[i]);
  });
  // The authorities not loaded this time come from their summaries.
  summaries.insert(summaries.end(), options.others.begin(), options.others.end());
  std::sort(summaries.begin(), summaries.end(),
            [](const AuthoritySummary& x, const AuthoritySummary& y) { return x.slug < y.slug; });
  errors[n] = RenderSiteWide(site, assessment, theme, summaries, options.jobs, sink);
  // Errors in authority order, whatever order the work was done in.
  RenderOutcome out;
  for (const auto& e : errors) out.errors.insert(out.errors.end(), e.begin(), e.end());
  out.summaries = std::move(summaries);
  return out;
}

RenderResult RenderSite(const Site& site, const SiteAssessment& assessment, const Theme& theme) {
  RenderResult result;
  std::mutex mu;
  std::map<std::string, std::string> made;
  FileSink sink = [&](const OutputFile& f) {
    std::lock_guard<std::mutex> lock(mu);
    std::string& bytes = made[f.path];
    bytes = f.bytes;
    for (const Piece& p : f.pieces) bytes += p.from.empty() ? p.bytes : made.at(p.from).substr(p.offset, p.length);
  };
  result.errors = RenderSite(site, assessment, theme, RenderOptions{}, sink).errors;
  for (auto& [path, bytes] : made) result.files.push_back({path, std::move(bytes)});
  return result;
}

}  // namespace tracker
