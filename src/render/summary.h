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
  std::array<int, kStatusCount> statuses{};  // measures by Status
  struct DocumentRef {
    std::string slug, title, type;
    Date date;
    bool operator==(const DocumentRef&) const = default;
  };
  std::optional<DocumentRef> latest_document;
  NewestDates newest;               // for the default as-at date
  std::vector<FeedEntry> feed;      // newest first, at most kSiteFeedEntries
  std::vector<std::string> pages;   // its HTML pages
  std::vector<Download> downloads;  // its CSV, .meta.csv and JSON
  size_t rows = 0;                  // rows of open data
  // Each measure's status and the date of its evidence, by id: what the
  // next build compares its own with, to say which statuses changed.
  struct Judged {
    std::string id, title;
    Status status = Status::kNoData;
    Date evidence;  // invalid when there is none
    bool operator==(const Judged&) const = default;
  };
  std::vector<Judged> judged;
  // For the home page's card: the newest Ofsted judgement, and the newest
  // official figure of up to kCardFigures KPIs, each as shown with its period.
  struct OfstedRef {
    Date date;
    std::string judgement;
    bool operator==(const OfstedRef&) const = default;
  };
  std::optional<OfstedRef> latest_ofsted;
  struct KeyFigure {
    std::string label, value, period;
    bool operator==(const KeyFigure&) const = default;
  };
  std::vector<KeyFigure> key_figures;

  bool operator==(const AuthoritySummary&) const = default;
};

inline constexpr size_t kCardFigures = 3;

// Everything but `pages`, `downloads` and `key_figures`, which the renderer
// fills in.
AuthoritySummary Summarize(const SiteConfig& config, const Authority& a, const AuthorityAssessment& aa,
                           const Date& as_at);

// The statuses that changed from one build's summaries to the next's:
// measures in both, by authority then measure id.
struct StatusChange {
  std::string authority, measure, title;
  Status before = Status::kNoData, after = Status::kNoData;
  Date evidence;
};
std::vector<StatusChange> StatusChanges(const std::vector<AuthoritySummary>& before,
                                        const std::vector<AuthoritySummary>& after);

// The site-wide feed: the newest kSiteFeedEntries of every authority's.
std::vector<FeedEntry> SiteFeed(const std::vector<AuthoritySummary>& all);

// Where a feed stops: the last entry's day and id. An entry after it in
// feed order is older (or as old, with a later id).
struct FeedCutoff {
  long day = 0;
  std::string id;
};

// True when SiteFeed(all) is the feed a whole build would make, though the
// authorities' entries after `cutoff` may be missing: it is when the feed is
// full and its last entry is no later than the cutoff.
bool SiteFeedKnown(const std::vector<AuthoritySummary>& all, const std::optional<FeedCutoff>& cutoff);

}  // namespace tracker
