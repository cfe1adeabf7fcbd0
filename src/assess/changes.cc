#include "assess/changes.h"

#include <algorithm>

namespace tracker {

namespace {

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

// The newest snapshot at or before `d` that gives `kpi`.
const Snapshot* AsItStood(const std::vector<Snapshot>& snapshots, const std::string& kpi, const Date& d) {
  const Snapshot* out = nullptr;
  for (const auto& s : snapshots)
    if (s.as_at <= d && s.values.count(kpi)) out = &s;
  return out;
}

// Every measure's status at `d`.
std::vector<MeasureStatus> StatusesAt(const Site& site, const Authority& a, const Date& d, const JudgingRules& rules) {
  std::vector<MeasureStatus> out;
  for (const auto& m : a.measures)
    out.push_back(AssessMeasure(m, m.kpi.empty() ? nullptr : site.FindKpi(m.kpi), a.snapshots, d, rules, JudgedFrom(a, m)));
  return out;
}

}  // namespace

Changes CompareDates(const Site& site, const Authority& a, const Date& from, const Date& to,
                     const JudgingRules& rules) {
  Changes c;
  c.from = from;
  c.to = to;
  for (const auto& k : site.kpis) {
    const Snapshot* before = AsItStood(a.snapshots, k.id, from);
    const Snapshot* after = AsItStood(a.snapshots, k.id, to);
    if (!after) continue;
    std::vector<std::string> items;
    for (const Snapshot* s : {before, after}) {
      if (!s) continue;
      auto v = s->values.find(k.id);
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
  for (size_t i = 0; i < a.measures.size(); ++i) {
    const Measure& m = a.measures[i];
    const Kpi* kpi = m.kpi.empty() ? nullptr : site.FindKpi(m.kpi);
    const auto judged_from = JudgedFrom(a, m);
    Status s0 = AssessMeasure(m, kpi, a.snapshots, from, rules, judged_from).status;
    MeasureStatus s1 = AssessMeasure(m, kpi, a.snapshots, to, rules, judged_from);
    if (s0 != s1.status) c.measures.push_back({i, s0, s1.status, s1});
    c.statuses.push_back(s1);
    if (m.deadline && m.deadline->LastDay() >= from.FirstDay() && m.deadline->LastDay() < to.FirstDay())
      c.deadlines.push_back(i);
  }
  // Anything dated after the earlier date, up to the later one.
  auto in_range = [&](const Date& d) { return d.FirstDay() > from.FirstDay() && d.FirstDay() <= to.FirstDay(); };
  for (const auto& s : a.snapshots)
    if (in_range(s.as_at)) c.snapshots.push_back(s.as_at);
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
  return c;
}

Changes WhatChanged(const Site& site, const Authority& a, const Date& as_at, const JudgingRules& rules) {
  const Meeting* last = nullptr;
  for (const auto& m : a.meetings)
    if (m.date.FirstDay() <= as_at.FirstDay()) last = &m;
  if (last) {
    Changes c = CompareDates(site, a, DateFromDays(last->date.LastDay()), as_at, rules);
    c.from = last->date;
    c.since = last;
    return c;
  }
  std::optional<Date> from, to;
  for (const auto& s : a.snapshots) {
    if (s.as_at > as_at) break;
    from = to;
    to = s.as_at;
  }
  if (!from) {
    Changes c;
    c.to = to;
    c.statuses = StatusesAt(site, a, as_at, rules);
    return c;
  }
  return CompareDates(site, a, *from, *to, rules);
}

std::vector<Changes> MeetingChanges(const Site& site, const Authority& a, const Date& as_at,
                                    const JudgingRules& rules) {
  std::vector<Changes> out;
  const Meeting* previous = nullptr;
  for (const auto& m : a.meetings) {
    if (m.date.FirstDay() > as_at.FirstDay()) break;
    const Date to = DateFromDays(m.date.LastDay());
    std::optional<Date> from;
    if (previous) {
      from = DateFromDays(previous->date.LastDay());
    } else {
      for (const auto& s : a.snapshots)
        if (s.as_at.FirstDay() < m.date.FirstDay()) from = s.as_at;
    }
    Changes c;
    if (from) {
      c = CompareDates(site, a, *from, to, rules);
      if (previous) c.from = previous->date;
    }
    c.to = m.date;
    if (!from) c.statuses = StatusesAt(site, a, to, rules);
    c.since = previous;
    c.until = &m;
    out.push_back(std::move(c));
    previous = &m;
  }
  return out;
}

}  // namespace tracker
