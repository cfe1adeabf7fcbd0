#include "assess/status.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace tracker {

std::optional<Observation> LatestObservation(const std::string& kpi_id,
                                             std::span<const Snapshot> snapshots,
                                             const Date& as_at) {
  for (auto it = snapshots.rbegin(); it != snapshots.rend(); ++it) {
    if (it->as_at > as_at) continue;
    auto v = it->values.find(kpi_id);
    if (v == it->values.end()) continue;
    Observation o;
    o.date = it->as_at;
    o.snapshot = &*it;
    if (const auto* s = std::get_if<Scalar>(&v->second)) {
      if (const double* d = std::get_if<double>(s)) {
        o.value = *d;
        return o;
      }
    } else {
      for (const auto& [item, sc] : std::get<Breakdown>(v->second))
        if (const double* d = std::get_if<double>(&sc)) o.items.emplace_back(item, *d);
      if (!o.items.empty()) return o;
    }
  }
  return std::nullopt;
}

std::vector<Point> NumericSeries(const std::string& kpi_id, const std::string& item,
                                 std::span<const Snapshot> snapshots, const Date& as_at) {
  std::vector<Point> out;
  for (const auto& s : snapshots) {
    if (s.as_at > as_at) continue;
    auto v = s.values.find(kpi_id);
    if (v == s.values.end()) continue;
    const Scalar* sc = nullptr;
    if (item.empty()) {
      sc = std::get_if<Scalar>(&v->second);
    } else if (const auto* b = std::get_if<Breakdown>(&v->second)) {
      for (const auto& [name, x] : *b)
        if (name == item) sc = &x;
    }
    if (sc)
      if (const double* d = std::get_if<double>(sc)) out.push_back({s.as_at, *d});
  }
  return out;
}

std::vector<std::string> BreakdownItems(const std::string& kpi_id, std::span<const Snapshot> snapshots,
                                        const Date& as_at) {
  std::vector<std::string> items;
  for (const auto& s : snapshots) {
    if (s.as_at > as_at) continue;
    auto v = s.values.find(kpi_id);
    if (v == s.values.end()) continue;
    if (const auto* b = std::get_if<Breakdown>(&v->second))
      for (const auto& [name, _] : *b)
        if (std::find(items.begin(), items.end(), name) == items.end()) items.push_back(name);
  }
  return items;
}

double MonthIndex(const Date& d) {
  int m = d.month ? d.month : 12;
  int day = d.day ? d.day : DaysInMonth(d.year, m);
  return d.year * 12.0 + (m - 1) + static_cast<double>(day) / DaysInMonth(d.year, m);
}

std::optional<double> SlopePerMonth(std::span<const Point> points, int window) {
  size_t n = std::min(points.size(), static_cast<size_t>(std::max(window, 2)));
  if (n < 2) return std::nullopt;
  auto first = points.end() - static_cast<long>(n);
  double mx = 0, my = 0;
  for (auto it = first; it != points.end(); ++it) {
    mx += MonthIndex(it->date);
    my += it->value;
  }
  mx /= n;
  my /= n;
  double sxy = 0, sxx = 0;
  for (auto it = first; it != points.end(); ++it) {
    double dx = MonthIndex(it->date) - mx;
    sxy += dx * (it->value - my);
    sxx += dx * dx;
  }
  if (sxx == 0) return std::nullopt;
  return sxy / sxx;
}

bool MeetsTarget(double v, const Target& t) {
  if (t.op == "<=") return v <= t.value;
  if (t.op == "<") return v < t.value;
  if (t.op == ">=") return v >= t.value;
  if (t.op == ">") return v > t.value;
  return false;
}

int ImprovementSign(const Kpi& kpi, const Target* target) {
  if (kpi.direction == Direction::kHigherIsBetter) return 1;
  if (kpi.direction == Direction::kLowerIsBetter) return -1;
  if (target) return target->op[0] == '>' ? 1 : -1;
  return 0;
}

Trend TrendOf(const Kpi& kpi, std::span<const Point> points, int window) {
  auto slope = SlopePerMonth(points, window);
  if (!slope) return Trend::kUnknown;
  size_t n = std::min(points.size(), static_cast<size_t>(std::max(window, 2)));
  double mean = 0;
  for (auto it = points.end() - static_cast<long>(n); it != points.end(); ++it) mean += std::fabs(it->value);
  mean /= n;
  if (std::fabs(*slope) * 12 < 0.02 * mean || *slope == 0) return Trend::kSteady;
  int sign = ImprovementSign(kpi, nullptr);
  if (sign == 0) return *slope > 0 ? Trend::kRising : Trend::kFalling;
  return *slope * sign > 0 ? Trend::kImproving : Trend::kWorsening;
}

const char* TrendLabel(Trend t) {
  switch (t) {
    case Trend::kImproving: return "Improving";
    case Trend::kWorsening: return "Getting worse";
    case Trend::kSteady: return "Steady";
    case Trend::kRising: return "Rising";
    case Trend::kFalling: return "Falling";
    case Trend::kUnknown: return "Too few figures to tell";
  }
  return "Too few figures to tell";
}

namespace {

double Round6(double x) { return std::round(x * 1e6) / 1e6; }

Date AddMonths(const Date& d, int months) {
  int m0 = d.year * 12 + (d.month - 1) + months;
  int y = m0 / 12, m = m0 % 12 + 1;
  return Date{y, m, std::min(d.day, DaysInMonth(y, m))};
}

}  // namespace

FigureJudgement JudgeFigures(std::span<const Point> points, const Target& target, int sign,
                             const std::optional<Date>& deadline, const Date& as_at, int window) {
  FigureJudgement j;
  j.values = static_cast<int>(points.size());
  j.has_deadline = deadline.has_value();
  j.horizon = deadline ? *deadline : AddMonths(as_at, 12);
  if (points.empty()) {
    j.status = Status::kNoData;
    j.reason = Reason::kNoFigures;
    return j;
  }
  j.latest = points.back();
  if (MeetsTarget(j.latest.value, target)) {
    j.status = Status::kMet;
    j.reason = Reason::kTargetMet;
    return j;
  }
  // A deadline is passed once its last day is over: "2020-05" runs to 31 May.
  if (deadline && as_at.FirstDay() > deadline->LastDay()) {
    j.status = Status::kOffTrack;
    j.reason = Reason::kDeadlinePassed;
    return j;
  }
  if (points.size() < 3) {
    j.status = Status::kAtRisk;
    j.reason = Reason::kTooFewValues;
    return j;
  }
  j.reason = Reason::kProgress;
  j.observed_rate = *SlopePerMonth(points, window) * sign;
  j.months_left = MonthIndex(DateFromDays(j.horizon.LastDay())) - MonthIndex(as_at);
  double distance = std::max(0.0, (target.value - j.latest.value) * sign);
  if (j.months_left <= 0) {
    j.ratio = 0;  // the deadline is today and the target is not met
  } else {
    j.required_rate = distance / j.months_left;
    j.ratio = j.required_rate > 0 ? Round6(j.observed_rate / j.required_rate) : (j.observed_rate >= 0 ? 1 : -1);
  }
  j.status = j.ratio >= 0.95 ? Status::kOnTrack : j.ratio >= 0.6 ? Status::kAtRisk : Status::kOffTrack;
  return j;
}

int SeverityRank(Status s) {
  switch (s) {
    case Status::kOffTrack: return 0;
    case Status::kAtRisk: return 1;
    case Status::kOnTrack: return 2;
    case Status::kMet: return 3;
    case Status::kNoData: return 4;
  }
  return 4;
}

namespace {

// One KPI's figures up to a date, in the snapshots' order: all that judging
// a measure reads, gathered once so that a history can judge every date on
// a prefix of them.
struct KpiFigures {
  std::vector<Date> dates;                     // every snapshot giving the KPI, null or symbol included
  std::vector<Point> totals;                   // its numbers, for a KPI without a breakdown
  std::vector<std::string> items;              // breakdown items, in order of first appearance
  std::vector<Date> first_seen;                // when each item first appears
  std::vector<std::vector<Point>> item_points;  // each item's numbers
};

KpiFigures CollectFigures(const Kpi& kpi, std::span<const Snapshot> snapshots, const Date& as_at) {
  KpiFigures f;
  for (const auto& s : snapshots) {
    if (s.as_at > as_at) continue;
    auto v = s.values.find(kpi.id);
    if (v == s.values.end()) continue;
    f.dates.push_back(s.as_at);
    if (const auto* sc = std::get_if<Scalar>(&v->second)) {
      if (const double* d = std::get_if<double>(sc)) f.totals.push_back({s.as_at, *d});
      continue;
    }
    const Breakdown& b = std::get<Breakdown>(v->second);
    for (size_t i = 0; i < b.size(); ++i) {
      const std::string& name = b[i].first;
      size_t k = std::find(f.items.begin(), f.items.end(), name) - f.items.begin();
      if (k == f.items.size()) {
        f.items.push_back(name);
        f.first_seen.push_back(s.as_at);
        f.item_points.emplace_back();
      }
      // An item given twice counts once, by its last value, as NumericSeries reads it.
      bool repeated = false;
      for (size_t j = i + 1; j < b.size(); ++j) repeated = repeated || b[j].first == name;
      if (repeated) continue;
      if (const double* d = std::get_if<double>(&b[i].second)) f.item_points[k].push_back({s.as_at, *d});
    }
  }
  return f;
}

// How many of `xs` (oldest first) fall on or before `at`; every one of them
// when they were gathered for `at` itself and need not be in order.
template <class T, class DateOf>
size_t UpTo(const std::vector<T>& xs, const Date& at, bool sorted, DateOf date_of) {
  if (!sorted) return xs.size();
  return std::partition_point(xs.begin(), xs.end(), [&](const T& x) { return date_of(x) <= at; }) - xs.begin();
}

MeasureStatus Judge(const Measure& m, const Kpi* kpi, const KpiFigures& f, bool sorted, const Date& as_at,
                    int window) {
  MeasureStatus r;
  auto point_date = [](const Point& p) { return p.date; };
  auto plain_date = [](const Date& d) { return d; };
  if (kpi) {
    size_t n = UpTo(f.dates, as_at, sorted, plain_date);
    if (n) r.latest_snapshot = f.dates[n - 1];
  }
  // The figures: one judgement per series; a breakdown's scope picks one.
  if (kpi && m.target) {
    int sign = ImprovementSign(*kpi, &*m.target);
    if (kpi->breakdown.empty()) {
      std::span<const Point> points(f.totals.data(), UpTo(f.totals, as_at, sorted, point_date));
      r.figures = JudgeFigures(points, *m.target, sign, m.deadline, as_at, window);
    } else {
      const std::string& scope = m.target->scope;
      for (size_t k = 0; k < f.items.size(); ++k) {
        const std::string& item = f.items[k];
        if (sorted && f.first_seen[k] > as_at) continue;
        if (scope != "all" && scope != "any" && scope != item) continue;
        std::span<const Point> points(f.item_points[k].data(), UpTo(f.item_points[k], as_at, sorted, point_date));
        FigureJudgement j = JudgeFigures(points, *m.target, sign, m.deadline, as_at, window);
        if (j.status == Status::kNoData) continue;
        bool better = !r.figures || (scope == "any" ? SeverityRank(j.status) > SeverityRank(r.figures->status)
                                                    : SeverityRank(j.status) < SeverityRank(r.figures->status));
        if (better) {
          r.figures = j;
          r.item = item;
        }
      }
      if (!r.figures) r.figures = FigureJudgement{};
    }
    if (r.figures->status != Status::kNoData) {
      r.status = r.figures->status;
      r.reason = r.figures->reason;
      r.decided_by = Decider::kFigures;
    }
  }
  // An assessment decides when the figures cannot, or when it is newer than
  // the newest figure.
  const Assessment* latest = nullptr;
  for (const auto& a : m.assessments)
    if (a.date.FirstDay() <= as_at.FirstDay()) latest = &a;
  if (latest) {
    bool newer = !r.latest_snapshot || latest->date.FirstDay() > r.latest_snapshot->LastDay();
    if (r.decided_by != Decider::kFigures || newer) {
      r.status = latest->status;
      r.reason = Reason::kAssessment;
      r.decided_by = Decider::kAssessment;
      r.assessment = latest;
      return r;
    }
  }
  if (r.decided_by == Decider::kNothing) {
    r.status = Status::kNoData;
    r.reason = kpi && m.target ? Reason::kNoFigures : Reason::kNothing;
  }
  return r;
}

}  // namespace

MeasureStatus AssessMeasure(const Measure& m, const Kpi* kpi, std::span<const Snapshot> snapshots,
                            const Date& as_at, int window) {
  return Judge(m, kpi, kpi ? CollectFigures(*kpi, snapshots, as_at) : KpiFigures{}, false, as_at, window);
}

std::vector<StatusAt> StatusHistory(const Measure& m, const Kpi* kpi, const std::vector<Snapshot>& snapshots,
                                    const Date& as_at, int window) {
  // Each date is judged as at its first day; a month-only assessment counts
  // from the first of its month, as AssessMeasure reads it.
  std::map<long, Date> dates;
  if (kpi)
    for (const auto& s : snapshots)
      if (s.as_at <= as_at && s.values.count(kpi->id)) dates.emplace(s.as_at.FirstDay(), s.as_at);
  for (const auto& a : m.assessments)
    if (a.date.FirstDay() <= as_at.FirstDay()) dates.emplace(a.date.FirstDay(), a.date);
  // The figures are gathered once, oldest first as the model keeps them,
  // and each date judged on those up to it; out of order, each date
  // gathers its own.
  const bool sorted = std::is_sorted(snapshots.begin(), snapshots.end(),
                                     [](const Snapshot& x, const Snapshot& y) { return x.as_at < y.as_at; });
  KpiFigures all;
  if (kpi && sorted) all = CollectFigures(*kpi, snapshots, as_at);
  std::vector<StatusAt> out;
  out.reserve(dates.size());
  for (const auto& [day, shown] : dates) {
    const Date at = DateFromDays(day);
    if (sorted || !kpi) out.push_back({shown, Judge(m, kpi, all, sorted, at, window)});
    else out.push_back({shown, AssessMeasure(m, kpi, snapshots, at, window)});
  }
  return out;
}

}  // namespace tracker
