// The assess stage: every measure's status at the build's as-at date.
#pragma once
#include <vector>

#include "assess/status.h"
#include "model/site.h"

namespace tracker {

struct AuthorityAssessment {
  std::vector<MeasureStatus> measures;  // same order as Authority::measures
};

struct SiteAssessment {
  Date as_at;
  std::vector<AuthorityAssessment> authorities;  // same order as Site::authorities
};

// The as-at date: the flag, else site.yml, else the newest snapshot, else the
// newest document; never the clock.
Date ResolveAsAt(const Site& site, const std::optional<Date>& flag);

SiteAssessment AssessSite(const Site& site, const Date& as_at);

}  // namespace tracker
