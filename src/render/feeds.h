// Discovery files: Atom feeds of new documents and figures, the sitemap and
// robots.txt. XML is written through EscapeXml, like every other output.
#pragma once
#include <string>
#include <vector>

#include "model/site.h"

namespace tracker {

struct FeedEntry {
  Date date;
  std::string title, path, summary, id;
  std::string document;  // the document's slug; "" for figures
  size_t figures = 0;    // for figures: how many were reported
  bool operator==(const FeedEntry&) const = default;
};

// The entry for one document, or for one snapshot of figures, of authority
// `slug`; `prefix` starts the title ("Short name: " in the site-wide feed).
FeedEntry DocumentEntry(const SiteConfig& config, const std::string& slug, const std::string& prefix,
                        const std::string& document, const Date& date, const std::string& title,
                        const std::string& summary);
FeedEntry SnapshotEntry(const SiteConfig& config, const std::string& slug, const std::string& prefix,
                        const Date& as_at, size_t figures);

// The site-wide feed lists only the newest entries; each authority's feed
// lists all of its own.
inline constexpr size_t kSiteFeedEntries = 50;

// One authority's documents and snapshots up to `as_at`, newest first. For
// the site-wide feed, titles start with the authority's short name.
std::vector<FeedEntry> FeedEntries(const SiteConfig& config, const Authority& a, const Date& as_at, bool site_wide);

// Newest first, then by id: the order every feed lists its entries in.
void SortFeed(std::vector<FeedEntry>& entries);

// An Atom feed of `entries` (already sorted). `self` is the feed's own path,
// `alternate` the page it follows and `about` the authority's name, or ""
// for the whole site.
std::string RenderAtomFeed(const SiteConfig& config, const std::vector<FeedEntry>& entries, const std::string& self,
                           const std::string& alternate, const std::string& about, const Date& as_at);

// Needs base_url: a sitemap lists absolute addresses.
std::string RenderSitemap(const std::string& base_url, const std::vector<std::string>& html_paths);
std::string RenderRobots(const std::string& base_url);

}  // namespace tracker
