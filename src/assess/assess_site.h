// The assess stage: every measure's status, its history, every KPI's trend
// and what changed, at the build's as-at date.
#pragma once
#include <map>
#include <vector>

#include "assess/changes.h"
#include "assess/compare.h"
#include "assess/status.h"
#include "model/site.h"

namespace tracker {

struct AuthorityAssessment {
  std::vector<MeasureStatus> measures;             // same order as Authority::measures
  std::vector<std::vector<StatusAt>> histories;    // same order
  std::map<std::string, Trend> trends;             // KPI id -> trend
  // KPI id -> each breakdown item's trend, items in the order first reported
  std::map<std::string, std::vector<std::pair<std::string, Trend>>> item_trends;
  Changes changes;                // since the last meeting, else the previous snapshot
  std::vector<Changes> meetings;  // one for each meeting at or before as_at, same order
  std::vector<size_t> slow;       // SlowToProgress: measures, worst first
  AuthorityComparisons official;  // against the DfE's files, where there are any
};

struct SiteAssessment {
  Date as_at;
  int window = 6;
  std::vector<AuthorityAssessment> authorities;  // same order as Site::authorities
};

// The newest snapshot and the last day of the newest document of one
// authority: what the default as-at date is made from.
struct NewestDates {
  Date snapshot, document;
  Date official;  // the end of the newest period in the official files
  void Add(const NewestDates& o);
  bool operator==(const NewestDates&) const = default;
};
NewestDates NewestOf(const Authority& a);
// The end of the newest period any official figure describes.
Date NewestOfficial(const OfficialData& data);

// The as-at date: the flag, else site.yml, else the newest snapshot, else the
// newest document; never the clock.
Date ResolveAsAt(const Site& site, const std::optional<Date>& flag);
Date ResolveAsAt(const SiteConfig& config, const std::optional<Date>& flag, const NewestDates& newest);

SiteAssessment AssessSite(const Site& site, const Date& as_at, int threads = 1);

}  // namespace tracker
