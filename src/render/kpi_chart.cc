#include "render/page_context.h"

#include <algorithm>

#include "render/explain.h"
#include "render/format.h"

namespace tracker {

namespace {

// A breakdown chart's title states the finding: the range across items at
// the newest date with figures, and how many met the target.
std::string BreakdownTitle(const Kpi& k, const chart::SmallMultiples& c, const std::optional<Target>& target) {
  std::optional<Date> newest;
  for (const auto& item : c.items)
    for (const auto& p : item.points) newest = newest ? std::max(*newest, p.date) : p.date;
  if (!newest) return "No figures for " + InSentence(k.label) + " have been reported";
  const chart::LineSeries* lo = nullptr;
  const chart::LineSeries* hi = nullptr;
  double lo_v = 0, hi_v = 0;
  int meeting = 0, total = 0;
  for (const auto& item : c.items)
    for (const auto& p : item.points) {
      if (p.date != *newest || !p.value) continue;
      ++total;
      if (!lo || *p.value < lo_v) lo = &item, lo_v = *p.value;
      if (!hi || *p.value > hi_v) hi = &item, hi_v = *p.value;
      if (target && MeetsTarget(*p.value, *target, p.date)) ++meeting;
    }
  if (!lo) return k.label + ": no figures could be published for " + newest->Long();
  std::string t = k.label + " ranged from " + FormatValue(k, lo_v) + " (" + lo->label + ") to " +
                  FormatValue(k, hi_v) + " (" + hi->label + ") on " + newest->Long();
  if (target) t += "; " + std::to_string(meeting) + " of " + std::to_string(total) + " met the target";
  return t;
}

}  // namespace

chart::LineSeries AuthorityContext::KpiSeries(const Kpi& k, const std::string& label) const {
  chart::LineSeries s;
  s.label = label;
  const KpiColumn& col = Column(k);
  for (size_t i = 0; i < a.snapshots.size(); ++i) {
    const Value* v = col.values[i];
    if (!v) continue;
    const Snapshot& snap = a.snapshots[i];
    chart::LinePoint p{snap.as_at, std::nullopt, ""};
    if (const auto* sc = std::get_if<Scalar>(v)) {
      if (const double* d = std::get_if<double>(sc)) p.value = *d;
      if (const auto* sym = std::get_if<Symbol>(sc)) p.symbol = sym->code;
    }
    s.points.push_back(p);
  }
  return s;
}

const std::string& AuthorityContext::Sources(const Kpi& k) const {
  const KpiColumn& col = Column(k);
  if (col.sources) return *col.sources;
  std::vector<std::string> titles;
  for (size_t i = 0; i < a.snapshots.size(); ++i) {
    if (!col.values[i]) continue;
    const Document* d = a.FindDocument(a.snapshots[i].source);
    std::string t = d ? d->title : "figures reported by the council";
    if (std::find(titles.begin(), titles.end(), t) == titles.end()) titles.push_back(t);
  }
  std::string out;
  for (size_t i = 0; i < titles.size(); ++i) out += (i ? "; " : "") + titles[i];
  return *(col.sources = std::move(out));
}

const std::string& AuthorityContext::Period(const Kpi& k) const {
  const KpiColumn& col = Column(k);
  if (!col.period) col.period = PeriodUntil(k, as_at());
  return *col.period;
}

std::string AuthorityContext::PeriodUntil(const Kpi& k, const Date& until) const {
  const KpiColumn& col = Column(k);
  std::optional<Date> first, last;
  for (size_t i = 0; i < a.snapshots.size(); ++i)
    if (col.values[i] && a.snapshots[i].as_at <= until) {
      if (!first) first = a.snapshots[i].as_at;
      last = a.snapshots[i].as_at;
    }
  if (!first) return "no figures yet";
  return *first == *last ? first->Long() : first->Long() + " to " + last->Long();
}

View AuthorityContext::ChartView(const DrawnChart& c) {
  return {{"svg", View::Ref(c.svg)}, {"title", View::Ref(c.title)}, {"desc", View::Ref(c.desc)}};
}

const AuthorityContext::DrawnChart& AuthorityContext::OwnChart(const Kpi& k) {
  auto cached = kpi_charts_.find(k.id);
  if (cached != kpi_charts_.end()) return cached->second;
  return kpi_charts_[k.id] = KpiChart(k, nullptr, "chart-" + k.id);
}

// A chart's description: the measure and KPI, the authority, the period of
// the figures shown (up to `until`), and the sources of the figures and of
// the comparators.
std::string AuthorityContext::ChartDescription(const Kpi& k, const Measure* m, std::optional<Date> until) const {
  const std::string sources = Sources(k);
  // The period of the figures shown: up to `until` where the chart stops there.
  const std::string period = until ? PeriodUntil(k, *until) : Period(k);
  const OfficialComparison* o = Official(k);
  const bool official = o && !o->points.empty();
  std::string desc = (m && m->title != k.label ? m->title + ": " : "") + k.label + ", " + a.name + ", ";
  if (sources.empty() && official) {
    // The DfE's figures are the line: their periods and publication.
    const OfficialPoint& first = o->points.front();
    const OfficialPoint& last = o->points.back();
    const std::string from = OfficialPeriodLabel(k.official->period, first.year);
    desc += (first.year == last.year ? from : from + " to " + std::to_string(last.year)) +
            ". Source: Department for Education, " + k.official->publication + ".";
    return desc;
  }
  desc += period + ". Source: " + (sources.empty() ? "none" : sources) + ".";
  // Who published the comparators' figures, where the snapshots say.
  std::vector<std::string> published;
  for (const auto& snap : a.snapshots)
    for (const auto& [name, kpis] : snap.comparator_periods)
      if (auto p = kpis.find(k.id); p != kpis.end() && !p->second.source.empty() && snap.as_at <= until.value_or(as_at()) &&
                                    std::find(published.begin(), published.end(), p->second.source) == published.end())
        published.push_back(p->second.source);
  for (size_t i = 0; i < published.size(); ++i) desc += (i ? "; " : " Comparators: ") + published[i] + (i + 1 == published.size() ? "." : "");
  if (official)
    desc += " Yearly figures: Department for Education, " + k.official->publication + ".";
  return desc;
}

// The DfE's yearly figures, each at its period's end and held until the
// next: the authority's own beside its monthly figures (or as the line,
// where it reports none), England's and its neighbours' mean. Where there
// are monthly figures, from the year before the first of them.
void AuthorityContext::AddOfficialSeries(const Kpi& k, chart::LineChart* c) const {
  const OfficialComparison* o = Official(k);
  if (!o || o->points.empty()) return;
  const bool own_line = c->main.points.empty();
  std::optional<Date> from;
  if (!own_line) from = Date{c->main.points.front().date.year - 1, 1, 1};
  auto series = [&](const std::string& label, auto value_of) {
    chart::LineSeries s;
    s.label = label;
    s.held = !own_line;
    for (const OfficialPoint& p : o->points) {
      if (from && p.as_at < *from) continue;
      chart::LinePoint point{p.as_at, value_of(p), ""};
      s.points.push_back(point);
      s.period = OfficialPeriodLabel(k.official->period, p.year);
    }
    return s;
  };
  auto number = [](const OfficialValue& v) { return v.number; };
  chart::LineSeries own = series(a.short_name + (own_line ? "" : " (DfE, yearly)"),
                                 [&](const OfficialPoint& p) { return number(p.own); });
  for (size_t i = 0; i < own.points.size(); ++i) own.points[i].symbol = o->points[o->points.size() - own.points.size() + i].own.symbol;
  if (own.points.empty()) return;
  if (own_line) c->main = std::move(own);
  else c->comparators.push_back(std::move(own));
  c->comparators.push_back(series("England (DfE)", [&](const OfficialPoint& p) { return number(p.england); }));
  if (!aa.official.neighbour_model.empty())
    c->comparators.push_back(series("Statistical neighbours' mean (DfE)", [](const OfficialPoint& p) { return p.neighbour_mean; }));
  // Official figures keep the decimals their file gives.
  c->kpi.decimals = std::max(c->kpi.decimals, o->data->decimals);
}

AuthorityContext::DrawnChart AuthorityContext::KpiChart(const Kpi& k, const Measure* m, const std::string& id,
                                                       std::optional<Date> until) const {
  // Figures after `until` are dropped from every series.
  auto known = [&](std::vector<chart::LinePoint>& points) {
    if (until) std::erase_if(points, [&](const chart::LinePoint& p) { return p.date > *until; });
  };
  const std::string desc = ChartDescription(k, m, until);
  std::optional<Target> target;
  if (m && m->target) target = m->target;
  if (!k.breakdown.empty()) {
    // One line for each item, in the order items first appear; a snapshot
    // without an item leaves a gap in its line.
    chart::SmallMultiples c;
    c.id = id;
    c.kpi = k;
    c.desc = desc;
    const KpiColumn& col = Column(k);
    for (size_t i = 0; i < a.snapshots.size(); ++i) {
      const auto* b = col.values[i] ? std::get_if<Breakdown>(col.values[i]) : nullptr;
      if (!b) continue;
      for (const auto& [item, sc] : *b) {
        const std::string& name = item;  // a structured binding cannot be captured before C++20 in clang 14
        auto it = std::find_if(c.items.begin(), c.items.end(), [&](const chart::LineSeries& s) { return s.label == name; });
        if (it == c.items.end()) it = c.items.insert(c.items.end(), chart::LineSeries{item, {}, false, ""});
        chart::LinePoint p{a.snapshots[i].as_at, std::nullopt, ""};
        if (const double* d = std::get_if<double>(&sc)) p.value = *d;
        if (const auto* sym = std::get_if<Symbol>(&sc)) p.symbol = sym->code;
        it->points.push_back(p);
      }
    }
    for (auto& item : c.items) known(item.points);
    if (target && !target->Relative()) {
      c.target = target->value;
      c.target_label = "Target " + FormatTarget(k, *target);
    }
    c.title = BreakdownTitle(k, c, target);
    return {chart::RenderSmallMultiples(c), c.title, c.desc};
  }
  chart::LineChart c;
  c.id = id;
  c.kpi = k;
  c.desc = desc;
  c.main = KpiSeries(k, a.short_name);
  // Comparators, one series each, in name order.
  std::set<std::string> names;
  for (const auto& snap : a.snapshots)
    for (const auto& [name, values] : snap.comparators)
      if (values.count(k.id) && snap.as_at <= as_at()) names.insert(name);
  for (const auto& name : names) {
    chart::LineSeries cs;
    cs.label = ComparatorLabel(name);
    for (const auto& snap : a.snapshots) {
      if (snap.as_at > as_at()) continue;
      auto cv = snap.comparators.find(name);
      if (cv == snap.comparators.end() || !cv->second.count(k.id)) continue;
      chart::LinePoint p{snap.as_at, std::nullopt, ""};
      const Scalar& sc = cv->second.at(k.id);
      if (const double* d = std::get_if<double>(&sc)) p.value = *d;
      // A figure for a period is drawn at the period's end and held until
      // the next, however many snapshots repeat it.
      if (auto per = snap.comparator_periods.find(name); per != snap.comparator_periods.end())
        if (auto kp = per->second.find(k.id); kp != per->second.end() && kp->second.as_at) {
          p.date = *kp->second.as_at;
          cs.held = true;
          cs.period = kp->second.period.empty() ? kp->second.as_at->Long() : kp->second.period;
        }
      if (cs.held && !cs.points.empty() && cs.points.back().date == p.date) continue;
      cs.points.push_back(p);
    }
    std::stable_sort(cs.points.begin(), cs.points.end(),
                     [](const chart::LinePoint& x, const chart::LinePoint& y) { return x.date < y.date; });
    c.comparators.push_back(cs);
  }
  AddOfficialSeries(k, &c);
  if (target && target->Relative()) {
    // The target is the comparator's yearly figure, each from its period's
    // end: drawn as the target's steps in place of the comparator's line.
    const char* drawn = target->relative_to == "england" ? "England (DfE)"
                        : target->relative_to == "neighbours" ? "Statistical neighbours' mean (DfE)" : "";
    std::erase_if(c.comparators, [&](const chart::LineSeries& s) { return s.label == drawn; });
    // From where the official lines start: the year before the first figure.
    const std::optional<Date> from = c.main.points.empty() ? std::nullopt
                                                           : std::optional<Date>(Date{c.main.points.front().date.year - 1, 1, 1});
    for (size_t i = 0; i < target->levels.size(); ++i) {
      const TargetLevel& l = target->levels[i];
      if (l.from > as_at()) break;
      // The level in force at the first figure starts the line there.
      const bool next_in_range = i + 1 < target->levels.size() && (!from || target->levels[i + 1].from <= *from);
      if (next_in_range) continue;
      c.target.push_back({from && l.from < *from ? *from : l.from, l.value});
    }
    // Named with the newest level drawn, which the label sits beside.
    c.target_label = "Target: " + FormatTargetLevel(k, *target, c.target.empty() ? -1 : target->LevelAt(as_at()));
  } else if (target) {
    c.target.push_back({c.main.points.empty() ? as_at() : c.main.points.front().date, target->value});
    c.target_label = "Target " + FormatTargetValue(k, target->op, target->value);
  } else {
    // Targets the snapshots give, as steps when they change.
    const KpiColumn& col = Column(k);
    for (size_t i = 0; i < a.snapshots.size(); ++i) {
      const double* t = col.targets[i];
      if (!t) continue;
      if (c.target.empty() || c.target.back().value != *t) c.target.push_back({a.snapshots[i].as_at, *t});
    }
    if (!c.target.empty()) c.target_label = "Target " + FormatValue(k, c.target.back().value);
  }
  if (m && m->deadline) c.deadline = m->deadline;
  c.as_at = as_at();
  if (until) {
    known(c.main.points);
    for (auto& s : c.comparators) known(s.points);
    std::erase_if(c.target, [&](const chart::TargetStep& t) { return t.from > *until; });
    c.as_at = until;
  }
  std::optional<Target> title_target = target;
  if (!title_target && !c.target.empty()) {
    title_target = Target{};
    title_target->op = k.direction == Direction::kLowerIsBetter ? "<=" : ">=";
    title_target->value = c.target.back().value;
  }
  c.title = chart::FindingTitle(k, c.main.points, title_target);
  return {chart::RenderLineChart(c), c.title, c.desc};
}

}  // namespace tracker
