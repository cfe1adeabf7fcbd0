#include "assess/assess_site.h"

#include "parallel.h"

#include <algorithm>

namespace tracker {

void NewestDates::Add(const NewestDates& o) {
  snapshot = std::max(snapshot, o.snapshot);
  document = std::max(document, o.document);
  official = std::max(official, o.official);
}

Date NewestOfficial(const OfficialData& data) {
  Date newest;
  for (const auto& k : data.kpis)
    if (!k.years.empty()) newest = std::max(newest, OfficialPeriodEnd(k.series.period, k.years.back().year));
  return newest;
}

NewestDates NewestOf(const Authority& a) {
  NewestDates n;
  for (const auto& s : a.snapshots) n.snapshot = std::max(n.snapshot, s.as_at);
  for (const auto& d : a.documents)
    if (d.date.valid()) n.document = std::max(n.document, DateFromDays(d.date.LastDay()));
  return n;
}

Date ResolveAsAt(const SiteConfig& config, const std::optional<Date>& flag, const NewestDates& newest) {
  if (flag) return *flag;
  if (config.as_at) return *config.as_at;
  // Official figures are evidence too: a site that holds them describes
  // at least their period, so older local figures show as out of date.
  if (newest.snapshot.valid() || newest.official.valid()) return std::max(newest.snapshot, newest.official);
  return newest.document.valid() ? newest.document : Date{2000, 1, 1};
}

Date ResolveAsAt(const Site& site, const std::optional<Date>& flag) {
  NewestDates newest;
  for (const auto& a : site.authorities) newest.Add(NewestOf(a));
  if (site.official) newest.official = NewestOfficial(*site.official);
  return ResolveAsAt(site.config, flag, newest);
}

SiteAssessment AssessSite(const Site& site, const Date& as_at, int threads) {
  SiteAssessment out;
  out.as_at = as_at;
  out.window = site.config.trend_window;
  out.authorities.resize(site.authorities.size());
  // Authorities are independent; each worker fills its own slots.
  ParallelFor(site.authorities.size(), threads, [&](size_t i) {
      const Authority& a = site.authorities[i];
      AuthorityAssessment& aa = out.authorities[i];
      const JudgingRules rules{out.window, site.config.progress};
      for (const auto& m : a.measures) {
        const Kpi* kpi = m.kpi.empty() ? nullptr : site.FindKpi(m.kpi);
        const auto from = JudgedFrom(a, m);
        aa.measures.push_back(AssessMeasure(m, kpi, a.snapshots, as_at, rules, from));
        aa.histories.push_back(StatusHistory(m, kpi, a.snapshots, as_at, rules, from));
      }
      for (const auto& k : site.kpis) {
        if (k.breakdown.empty()) {
          aa.trends[k.id] = TrendOf(k, NumericSeries(k.id, "", a.snapshots, as_at), out.window);
          continue;
        }
        for (const auto& item : BreakdownItems(k.id, a.snapshots, as_at))
          aa.item_trends[k.id].emplace_back(item, TrendOf(k, NumericSeries(k.id, item, a.snapshots, as_at), out.window));
      }
      aa.official = CompareWithOfficial(site, a, as_at);
      aa.changes = WhatChanged(site, a, as_at, rules);
      aa.meetings = MeetingChanges(site, a, as_at, rules);
      aa.slow = SlowToProgress(a, aa.measures);
  });
  return out;
}

}  // namespace tracker
