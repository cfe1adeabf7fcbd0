// What the site-wide files need of one authority: its card on the home page,
// its newest feed entries, its pages for the sitemap and its downloads for
// the data page. Kept between builds, so a rebuild after one authority's
// figures change need not load the others again.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "assess/assess_site.h"
#include "render/feeds.h"
#include "render/open_data.h"

namespace tracker {

struct AuthoritySummary {
  std::string slug, name, short_name, region, ons_code;
  size_t measures = 0, documents = 0;
  std::array<int, 5> statuses{};  // measures by Status
  struct DocumentRef {
    std::string slug, title, type;
    Date date;
  };
  std::optional<DocumentRef> latest_document;
  NewestDates newest;               // for the default as-at date
  std::vector<FeedEntry> feed;      // newest first, at most kSiteFeedEntries
  std::vector<std::string> pages;   // its HTML pages
  std::vector<Download> downloads;  // its CSV, .meta.csv and JSON
  size_t rows = 0;                  // rows of open data

  bool operator==(const AuthoritySummary&) const;
};

// Everything but `pages` and `downloads`, which the renderer fills in.
AuthoritySummary Summarize(const SiteConfig& config, const Authority& a, const AuthorityAssessment& aa,
                           const Date& as_at);

// The cache of summaries beside the site: each with the fingerprint of the
// inputs it was made from, so a stale one is never used.
struct CachedSummary {
  std::string fingerprint;
  AuthoritySummary summary;
};
// `as_at` is the date the summaries were made for. Feed entries are kept
// in short form and made again with `config` when read.
std::string SummariesToJson(const std::vector<CachedSummary>& cached, const std::string& as_at);
// Empty when the text is missing or damaged: the cache only saves time.
std::vector<CachedSummary> SummariesFromJson(const std::string& text, const SiteConfig& config, std::string* as_at);

}  // namespace tracker
