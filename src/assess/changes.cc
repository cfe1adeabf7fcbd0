#include "assess/changes.h"

#include <algorithm>

namespace tracker {

namespace {

const Snapshot* Find(const std::vector<Snapshot>& snapshots, const Date& d) {
  for (const auto& s : snapshots)
    if (s.as_at == d) return &s;
  return nullptr;
}

std::optional<Scalar> ScalarOf(const Snapshot* s, const std::string& kpi, const std::string& item) {
  if (!s) return std::nullopt;
  auto v = s->values.find(kpi);
  if (v == s->values.end()) return std::nullopt;
  if (item.empty()) {
    if (const auto* sc = std::get_if<Scalar>(&v->second)) return *sc;
    return std::nullopt;
  }
  if (const auto* b = std::get_if<Breakdown>(&v->second))
    for (const auto& [name, sc] : *b)
      if (name == item) return sc;
  return std::nullopt;
}

}  // namespace

Changes CompareSnapshots(const Site& site, const Authority& a, const Date& as_at, int window) {
  Changes c;
  for (const auto& s : a.snapshots) {
    if (s.as_at > as_at) break;
    c.from = c.to;
    c.to = s.as_at;
  }
  if (!c.to) return c;
  const Snapshot* before = c.from ? Find(a.snapshots, *c.from) : nullptr;
  const Snapshot* after = Find(a.snapshots, *c.to);

  for (const auto& k : site.kpis) {
    std::vector<std::string> items;
    for (const Snapshot* s : {before, after}) {
      if (!s) continue;
      auto v = s->values.find(k.id);
      if (v == s->values.end()) continue;
      if (const auto* b = std::get_if<Breakdown>(&v->second)) {
        for (const auto& [name, _] : *b)
          if (std::find(items.begin(), items.end(), name) == items.end()) items.push_back(name);
      } else if (std::find(items.begin(), items.end(), "") == items.end()) {
        items.push_back("");
      }
    }
    for (const auto& item : items) {
      KpiChange ch;
      ch.kpi = &k;
      ch.item = item;
      ch.before = ScalarOf(before, k.id, item);
      ch.after = ScalarOf(after, k.id, item);
      if (ch.before && ch.after) {
        const double* x = std::get_if<double>(&*ch.before);
        const double* y = std::get_if<double>(&*ch.after);
        if (x && y) {
          ch.change = *y - *x;
          int sign = ImprovementSign(k, nullptr);
          ch.better = *ch.change == 0 ? 0 : (*ch.change > 0 ? sign : -sign);
        }
      }
      c.kpis.push_back(ch);
    }
  }

  if (c.from) {
    for (size_t i = 0; i < a.measures.size(); ++i) {
      const Measure& m = a.measures[i];
      const Kpi* kpi = m.kpi.empty() ? nullptr : site.FindKpi(m.kpi);
      Status s0 = AssessMeasure(m, kpi, a.snapshots, *c.from, window).status;
      Status s1 = AssessMeasure(m, kpi, a.snapshots, *c.to, window).status;
      if (s0 != s1) c.measures.push_back({i, s0, s1});
    }
    // Anything dated after the earlier snapshot, up to the later one.
    auto in_range = [&](const Date& d) { return d.FirstDay() > c.from->FirstDay() && d.FirstDay() <= c.to->FirstDay(); };
    for (const auto& d : a.documents) {
      if (in_range(d.date)) c.between.push_back({d.date, d.title, d.slug});
      for (const auto& e : d.events)
        if (in_range(e.date)) c.between.push_back({e.date, e.title, ""});
    }
    for (const auto& e : a.events)
      if (in_range(e.date)) c.between.push_back({e.date, e.title, ""});
    std::stable_sort(c.between.begin(), c.between.end(), [](const DatedItem& x, const DatedItem& y) {
      return std::make_tuple(x.date.FirstDay(), x.title) < std::make_tuple(y.date.FirstDay(), y.title);
    });
  }
  return c;
}

}  // namespace tracker
