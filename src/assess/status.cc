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
  auto fit = FitLine(points, window);
  if (!fit) return std::nullopt;
  return fit->slope;
}

std::optional<Fit> FitLine(std::span<const Point> points, int window) {
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
  Fit f;
  f.slope = sxy / sxx;
  f.n = static_cast<int>(n);
  if (n > 2) {
    double sse = 0;
    for (auto it = first; it != points.end(); ++it) {
      double r = it->value - (my + f.slope * (MonthIndex(it->date) - mx));
      sse += r * r;
    }
    f.se = std::sqrt(sse / static_cast<double>(n - 2) / sxx);
  }
  return f;
}

double StudentT(int confidence, int df) {
  // Two-sided quantiles, from the standard tables, for 1 to 30 degrees of
  // freedom; beyond, the Cornish-Fisher expansion, good to 3 decimals.
  static const double k80[30] = {3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372,
                                 1.363, 1.356, 1.350, 1.345, 1.341, 1.337, 1.333, 1.330, 1.328, 1.325,
                                 1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.310};
  static const double k90[30] = {6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812,
                                 1.796, 1.782, 1.771, 1.761, 1.753, 1.746, 1.740, 1.734, 1.729, 1.725,
                                 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697};
  static const double k95[30] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                 2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                 2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  const double* table = confidence >= 95 ? k95 : confidence >= 90 ? k90 : k80;
  const double z = confidence >= 95 ? 1.959964 : confidence >= 90 ? 1.644854 : 1.281552;
  if (df < 1) df = 1;
  if (df <= 30) return table[df - 1];
  const double v = df, z3 = z * z * z, z5 = z3 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v);
}

bool MeetsOp(double v, const std::string& op, double level) {
  if (op == "<=") return v <= level;
  if (op == "<") return v < level;
  if (op == ">=") return v >= level;
  if (op == ">") return v > level;
  return false;
}

bool MeetsTarget(double v, const Target& t, const Date& d) {
  const std::optional<double> level = t.At(d);
  return level && MeetsOp(v, t.op, *level);
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

}  // namespace

Date AddMonths(const Date& d, int months) {
  int m0 = d.year * 12 + ((d.month ? d.month : 1) - 1) + months;
  int y = m0 / 12, m = m0 % 12 + 1;
  // A month's end moves to a month's end: 30 September + 3 months is
  // 31 December, as figures are dated at the end of their month.
  const bool month_end = d.day && d.month && d.day == DaysInMonth(d.year, d.month);
  return Date{y, m, !d.day ? 0 : month_end ? DaysInMonth(y, m) : std::min(d.day, DaysInMonth(y, m))};
}

FigureJudgement JudgeFigures(std::span<const Point> points, const Target& target, int sign,
                             const std::optional<Date>& deadline, const Date& as_at, const JudgingRules& rules) {
  FigureJudgement j;
  j.values = static_cast<int>(points.size());
  j.has_deadline = deadline.has_value();
  if (points.empty()) {
    j.horizon = deadline ? *deadline : AddMonths(as_at, 12);
    j.status = Status::kNoData;
    j.reason = Reason::kNoFigures;
    return j;
  }
  j.latest = points.back();
  if (target.Relative()) {
    // A relative target is judged against the comparator's figure for the
    // newest period ended by the latest figure's date; with none, it
    // cannot be judged.
    j.level = target.LevelAt(j.latest.date);
    if (j.level < 0) {
      j.horizon = deadline ? *deadline : AddMonths(j.latest.date, 12);
      j.status = Status::kNoData;
      j.reason = Reason::kNoComparator;
      return j;
    }
  }
  j.target = *target.At(j.latest.date);
  // Time is counted from the latest figure, as the distance is: a later
  // build, or a trailing null, moves neither (docs/status.md).
  j.horizon = deadline ? *deadline : AddMonths(j.latest.date, 12);
  for (size_t i = 0; i < points.size(); ++i) {
    if (!MeetsTarget(points[i].value, target, points[i].date)) continue;
    j.first_met = points[i].date;
    j.held = std::all_of(points.begin() + static_cast<long>(i), points.end(),
                         [&](const Point& p) { return MeetsTarget(p.value, target, p.date); });
    break;
  }
  // A deadline is passed once its last day is over: "2020-05" runs to 31 May.
  const bool passed = deadline && as_at.FirstDay() > deadline->LastDay();
  if (passed)
    for (const auto& p : points)
      if (p.date.FirstDay() <= deadline->LastDay()) j.at_deadline = p;
  if (MeetsOp(j.latest.value, target.op, j.target)) {
    j.status = Status::kMet;
    j.reason = Reason::kTargetMet;
    return j;
  }
  if (passed) {
    // Missed only when a figure of the deadline's last day or later shows
    // it; a figure from before cannot say what happened by the deadline.
    const bool shown = j.latest.date.FirstDay() >= deadline->LastDay();
    j.status = shown ? Status::kOffTrack : Status::kNotShownMet;
    j.reason = shown ? Reason::kDeadlineMissed : Reason::kDeadlineNotShown;
    return j;
  }
  j.months_left = MonthIndex(DateFromDays(j.horizon.LastDay())) - MonthIndex(j.latest.date);
  if (j.months_left <= 0) {
    // The latest figure is of the deadline's last day and falls short.
    j.status = Status::kOffTrack;
    j.reason = Reason::kDeadlineMissed;
    return j;
  }
  if (points.size() < 3) {
    j.status = Status::kAtRisk;
    j.reason = Reason::kTooFewValues;
    return j;
  }
  const Fit fit = *FitLine(points, rules.window);
  j.reason = Reason::kProgress;
  j.observed_rate = fit.slope * sign;
  double distance = std::max(0.0, (j.target - j.latest.value) * sign);
  const ProgressMethod& pm = rules.method;
  if (distance == 0) {
    // A strict target (> 90) at its boundary (90): any improvement meets it,
    // so the sentence says "any improvement", never "0.0 a month".
    j.required_rate = 0;
    j.ratio = j.observed_rate > 0 ? 1 : j.observed_rate == 0 ? 0 : -1;
    j.ratio_low = j.ratio_high = j.ratio;
  } else {
    j.required_rate = distance / j.months_left;
    j.ratio = Round6(j.observed_rate / j.required_rate);
    const double half = StudentT(pm.confidence, fit.n - 2) * fit.se;
    j.ratio_low = Round6((j.observed_rate - half) / j.required_rate);
    j.ratio_high = Round6((j.observed_rate + half) / j.required_rate);
  }
  if (j.ratio_low < pm.at_risk && j.ratio_high >= pm.on_track) {
    // The figures vary too much for the trend to tell on track from off
    // track: not shown to be on track, not shown to be failing.
    j.status = Status::kAtRisk;
    j.reason = Reason::kUncertain;
    return j;
  }
  j.status = j.ratio >= pm.on_track ? Status::kOnTrack : j.ratio >= pm.at_risk ? Status::kAtRisk : Status::kOffTrack;
  return j;
}

int SeverityRank(Status s) {
  switch (s) {
    case Status::kOffTrack: return 0;
    case Status::kNotShownMet: return 1;
    case Status::kOutOfDate: return 2;
    case Status::kAtRisk: return 3;
    case Status::kOnTrack: return 4;
    case Status::kMet: return 5;
    case Status::kNoData: return 6;
  }
  return 6;
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

KpiFigures CollectFigures(const Kpi& kpi, std::span<const Snapshot> snapshots, const Date& as_at,
                          const std::optional<Date>& from) {
  KpiFigures f;
  for (const auto& s : snapshots) {
    if (s.as_at > as_at) continue;
    // Figures from before the measure was set are not judged against it.
    if (from && s.as_at.FirstDay() < from->FirstDay()) continue;
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
  // The model keeps snapshots oldest first; a caller's own list may not be.
  auto by_date = [](const Point& x, const Point& y) { return x.date < y.date; };
  std::stable_sort(f.dates.begin(), f.dates.end());
  std::stable_sort(f.totals.begin(), f.totals.end(), by_date);
  for (auto& pts : f.item_points) std::stable_sort(pts.begin(), pts.end(), by_date);
  return f;
}

// How many of `xs` (oldest first) fall on or before `at`; every one of them
// when they were gathered for `at` itself and need not be in order.
template <class T, class DateOf>
size_t UpTo(const std::vector<T>& xs, const Date& at, bool sorted, DateOf date_of) {
  if (!sorted) return xs.size();
  return std::partition_point(xs.begin(), xs.end(), [&](const T& x) { return date_of(x) <= at; }) - xs.begin();
}

// What an assessment says once the deadline is known: after a deadline,
// only "met", or "off track" dated at or after it, is an outcome; anything
// else leaves the target not shown to be met.
void JudgeAssessment(const Assessment& a, const std::optional<Date>& deadline, const Date& as_at, MeasureStatus& r) {
  r.decided_by = Decider::kAssessment;
  r.assessment = &a;
  r.evidence = a.date;
  r.status = a.status;
  r.reason = Reason::kAssessment;
  if (!deadline || as_at.FirstDay() <= deadline->LastDay() || a.status == Status::kMet) return;
  if (a.status == Status::kOffTrack && a.date.LastDay() >= deadline->LastDay()) {
    r.reason = Reason::kDeadlineMissed;
    return;
  }
  r.status = Status::kNotShownMet;
  r.reason = Reason::kDeadlineNotShown;
}

// Evidence older than the window cannot show the current position. A
// deadline's outcome is settled and does not age: met by the deadline, or
// missed, or not shown to be met.
void Age(const Measure& m, const Kpi* kpi, const Date& as_at, const ProgressMethod& pm, MeasureStatus& r) {
  if (!r.evidence) return;
  if (r.status != Status::kMet && r.status != Status::kOnTrack && r.status != Status::kAtRisk &&
      r.status != Status::kOffTrack)
    return;
  if (r.reason == Reason::kDeadlineMissed) return;
  const bool deadline_passed = m.deadline && as_at.FirstDay() > m.deadline->LastDay();
  if (r.status == Status::kMet && deadline_passed) {
    if (r.decided_by == Decider::kAssessment) return;
    if (r.figures && r.figures->first_met && r.figures->first_met->FirstDay() <= m.deadline->LastDay()) return;
  }
  const long last_current = AddMonths(*r.evidence, EvidenceWindowMonths(r, kpi, pm)).LastDay();
  if (as_at.FirstDay() <= last_current) return;
  r.stale_status = r.status;
  r.stale_from = DateFromDays(last_current + 1);
  r.status = Status::kOutOfDate;
}

MeasureStatus Judge(const Measure& m, const Kpi* kpi, const KpiFigures& f, bool sorted, const Date& as_at,
                    const JudgingRules& rules) {
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
      r.figures = JudgeFigures(points, *m.target, sign, m.deadline, as_at, rules);
    } else {
      const std::string& scope = m.target->scope;
      for (size_t k = 0; k < f.items.size(); ++k) {
        const std::string& item = f.items[k];
        if (sorted && f.first_seen[k] > as_at) continue;
        if (scope != "all" && scope != "any" && scope != item) continue;
        std::span<const Point> points(f.item_points[k].data(), UpTo(f.item_points[k], as_at, sorted, point_date));
        FigureJudgement j = JudgeFigures(points, *m.target, sign, m.deadline, as_at, rules);
        if (j.status == Status::kNoData) continue;
        // "all" is decided by the worst item, "any" by the best; between
        // items of one status, by the newest evidence, then by how far each
        // stands past the target, so the item named is the one that decides.
        bool better = !r.figures;
        if (!better) {
          const int now = SeverityRank(j.status), best = SeverityRank(r.figures->status);
          const long day = j.latest.date.FirstDay(), best_day = r.figures->latest.date.FirstDay();
          const double margin = sign * (j.latest.value - j.target);
          const double best_margin = sign * (r.figures->latest.value - r.figures->target);
          const bool tie = now == best && day == best_day;
          better = scope == "any" ? now > best || (now == best && day > best_day) || (tie && margin > best_margin)
                                  : now < best || (now == best && day > best_day) || (tie && margin < best_margin);
        }
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
      r.evidence = r.figures->latest.date;
    }
  }
  // An assessment decides when the figures cannot, or when it is newer than
  // the newest figure.
  const Assessment* latest = nullptr;
  for (const auto& a : m.assessments)
    if (a.date.FirstDay() <= as_at.FirstDay()) latest = &a;
  if (latest) {
    bool newer = !r.latest_snapshot || latest->date.FirstDay() > r.latest_snapshot->LastDay();
    if (r.decided_by != Decider::kFigures || newer) JudgeAssessment(*latest, m.deadline, as_at, r);
  }
  if (r.decided_by == Decider::kNothing) {
    r.status = Status::kNoData;
    r.reason = kpi && m.target ? (r.figures && r.figures->reason == Reason::kNoComparator ? Reason::kNoComparator
                                                                                          : Reason::kNoFigures)
                               : Reason::kNothing;
    return r;
  }
  Age(m, kpi, as_at, rules.method, r);
  return r;
}

}  // namespace

int EvidenceWindowMonths(const MeasureStatus& s, const Kpi* kpi, const ProgressMethod& method) {
  if (s.decided_by == Decider::kFigures && kpi) return method.figure_periods * MonthsPerPeriod(kpi->frequency);
  return method.assessment_months;
}

std::optional<Date> JudgedFrom(const Authority& a, const Measure& m) {
  if (m.baseline) return m.baseline;
  if (const Document* d = a.FindDocument(m.set_by)) return d->date;
  return std::nullopt;
}

MeasureStatus AssessMeasure(const Measure& m, const Kpi* kpi, std::span<const Snapshot> snapshots,
                            const Date& as_at, const JudgingRules& rules, const std::optional<Date>& from) {
  return Judge(m, kpi, kpi ? CollectFigures(*kpi, snapshots, as_at, from) : KpiFigures{}, false, as_at, rules);
}

std::vector<StatusAt> StatusHistory(const Measure& m, const Kpi* kpi, const std::vector<Snapshot>& snapshots,
                                    const Date& as_at, const JudgingRules& rules, const std::optional<Date>& from) {
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
  if (kpi && sorted) all = CollectFigures(*kpi, snapshots, as_at, from);
  std::vector<StatusAt> out;
  out.reserve(dates.size());
  for (const auto& [day, shown] : dates) {
    const Date at = DateFromDays(day);
    if (sorted || !kpi) out.push_back({shown, Judge(m, kpi, all, sorted, at, rules)});
    else out.push_back({shown, AssessMeasure(m, kpi, snapshots, at, rules, from)});
  }
  // After the newest evidence, time alone may change the status: the
  // deadline passing, the evidence going out of date. Each is a row, so the
  // history ends where the status as at as_at stands.
  if (out.empty()) return out;
  std::vector<std::pair<long, StatusAt::Why>> moments;
  if (m.deadline) moments.emplace_back(m.deadline->LastDay() + 1, StatusAt::Why::kDeadline);
  if (const MeasureStatus& newest = out.back().status; newest.evidence) {
    moments.emplace_back(AddMonths(*newest.evidence, EvidenceWindowMonths(newest, kpi, rules.method)).LastDay() + 1,
                         StatusAt::Why::kAge);
  }
  std::sort(moments.begin(), moments.end());
  const long last = out.back().date.FirstDay();
  for (const auto& [day, why] : moments) {
    if (day <= last || day > as_at.FirstDay()) continue;
    const Date at = DateFromDays(day);
    MeasureStatus s = sorted || !kpi ? Judge(m, kpi, all, sorted, at, rules) : AssessMeasure(m, kpi, snapshots, at, rules, from);
    if (s.status != out.back().status.status) out.push_back({at, s, why});
  }
  return out;
}

}  // namespace tracker

namespace tracker {

const OfstedJudgement* LaterOfstedJudgement(const Authority& a, const Date& evidence, const Date& as_at) {
  const OfstedJudgement* out = nullptr;
  for (const auto& j : a.ofsted)
    if (j.date.FirstDay() > evidence.LastDay() && j.date.FirstDay() <= as_at.FirstDay()) out = &j;
  return out;
}

std::vector<size_t> SlowToProgress(const Authority& a, std::span<const MeasureStatus> statuses) {
  std::vector<size_t> out;
  for (size_t i = 0; i < statuses.size(); ++i) {
    Status s = statuses[i].status;
    if (s == Status::kOffTrack || s == Status::kNotShownMet || s == Status::kOutOfDate || s == Status::kAtRisk)
      out.push_back(i);
  }
  // Off track, not shown to be met and out of date before at risk; within
  // each, past deadlines first, then the furthest from target (the gap as a
  // share of the target), then the title.
  auto key = [&](size_t i) {
    const MeasureStatus& s = statuses[i];
    const Measure& m = a.measures[i];
    const bool past = s.reason == Reason::kDeadlineMissed || s.reason == Reason::kDeadlineNotShown;
    double gap = -1;
    if (s.figures && s.figures->status != Status::kNoData && m.target) {
      double t = s.figures->target;
      gap = std::fabs(t - s.figures->latest.value) / std::max(std::fabs(t), 1e-9);
    }
    return std::make_tuple(s.status == Status::kAtRisk ? 1 : 0, past ? 0 : 1, -gap, m.title);
  };
  std::stable_sort(out.begin(), out.end(), [&](size_t x, size_t y) { return key(x) < key(y); });
  return out;
}

std::vector<size_t> WorstFirst(const Authority& a, std::span<const MeasureStatus> statuses) {
  std::vector<size_t> order(statuses.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    return std::make_tuple(SeverityRank(statuses[x].status), a.measures[x].title) <
           std::make_tuple(SeverityRank(statuses[y].status), a.measures[y].title);
  });
  return order;
}

}  // namespace tracker
