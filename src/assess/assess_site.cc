#include "assess/assess_site.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace tracker {

Date ResolveAsAt(const Site& site, const std::optional<Date>& flag) {
  if (flag) return *flag;
  if (site.config.as_at) return *site.config.as_at;
  Date newest;
  for (const auto& a : site.authorities)
    for (const auto& s : a.snapshots)
      if (s.as_at > newest) newest = s.as_at;
  if (newest.valid()) return newest;
  for (const auto& a : site.authorities)
    for (const auto& d : a.documents)
      if (d.date.valid() && DateFromDays(d.date.LastDay()) > newest) newest = DateFromDays(d.date.LastDay());
  return newest.valid() ? newest : Date{2000, 1, 1};
}

SiteAssessment AssessSite(const Site& site, const Date& as_at) {
  SiteAssessment out;
  out.as_at = as_at;
  out.window = site.config.trend_window;
  out.authorities.resize(site.authorities.size());
  // Authorities are independent; each worker fills its own slots.
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < site.authorities.size();) {
      const Authority& a = site.authorities[i];
      AuthorityAssessment& aa = out.authorities[i];
      for (const auto& m : a.measures) {
        const Kpi* kpi = m.kpi.empty() ? nullptr : site.FindKpi(m.kpi);
        aa.measures.push_back(AssessMeasure(m, kpi, a.snapshots, as_at, out.window));
        aa.histories.push_back(StatusHistory(m, kpi, a.snapshots, as_at, out.window));
      }
      for (const auto& k : site.kpis) {
        if (k.breakdown.empty()) {
          aa.trends[k.id] = TrendOf(k, NumericSeries(k.id, "", a.snapshots, as_at), out.window);
          continue;
        }
        for (const auto& item : BreakdownItems(k.id, a.snapshots, as_at))
          aa.item_trends[k.id].emplace_back(item, TrendOf(k, NumericSeries(k.id, item, a.snapshots, as_at), out.window));
      }
      aa.changes = CompareSnapshots(site, a, as_at, out.window);
    }
  };
  std::vector<std::thread> threads;
  unsigned n = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  for (unsigned t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  return out;
}

}  // namespace tracker
