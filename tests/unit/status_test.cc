#include <doctest/doctest.h>

#include "test_dates.h"

#include <algorithm>

#include <cstring>

#include "assess/status.h"

using namespace tracker;

namespace {

// "2023-07-31=80 2023-08-31=c 2023-09-30=null" -> snapshots of one KPI.
std::vector<Snapshot> Series(const std::string& kpi, const std::string& spec) {
  std::vector<Snapshot> out;
  size_t pos = 0;
  while (pos < spec.size()) {
    size_t end = spec.find(' ', pos);
    std::string tok = spec.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? spec.size() : end + 1;
    if (tok.empty()) continue;
    Snapshot s;
    s.as_at = D(tok.substr(0, 10).c_str());
    std::string v = tok.substr(11);
    if (v == "null") s.values[kpi] = Scalar{Missing{}};
    else if (v == "c" || v == "x") s.values[kpi] = Scalar{Symbol{v}};
    else s.values[kpi] = Scalar{std::stod(v)};
    out.push_back(s);
  }
  return out;
}

Kpi MakeKpi(Direction dir, const std::string& breakdown = "") {
  Kpi k;
  k.id = "k";
  k.label = "Visits in time";
  k.unit = Unit::kPercent;
  k.direction = dir;
  k.breakdown = breakdown;
  return k;
}

Measure MakeMeasure(const char* op, double value, const char* deadline, const std::string& scope = "all") {
  Measure m;
  m.id = "m";
  m.kpi = "k";
  m.target = Target{op, value, scope, {}};
  if (deadline && *deadline) m.deadline = D(deadline);
  return m;
}

struct Case {
  const char* name;
  Direction dir;
  const char* op;
  double target;
  const char* deadline;  // "" for none
  const char* series;
  const char* as_at;
  Status expect;
  Reason reason;
};

}  // namespace

// Every rule of docs/status.md, one row each.
TEST_CASE("status rules, table-driven") {
  const Direction H = Direction::kHigherIsBetter, L = Direction::kLowerIsBetter, N = Direction::kNeutral;
  const Case cases[] = {
      {"no snapshots", H, ">=", 90, "2024-03-31", "", "2023-09-30", Status::kNoData, Reason::kNoFigures},
      {"one snapshot, met", H, ">=", 90, "2024-03-31", "2023-09-30=91", "2023-09-30", Status::kMet, Reason::kTargetMet},
      {"one snapshot, not met: too few to judge", H, ">=", 90, "2024-03-31", "2023-09-30=85", "2023-09-30",
       Status::kAtRisk, Reason::kTooFewValues},
      {"all null or suppressed", H, ">=", 90, "2024-03-31", "2023-07-31=null 2023-08-31=c 2023-09-30=x", "2023-09-30",
       Status::kNoData, Reason::kNoFigures},
      {"suppressed latest value falls back to the older number", H, ">=", 90, "2024-03-31",
       "2023-08-31=92 2023-09-30=c", "2023-09-30", Status::kMet, Reason::kTargetMet},
      {"deadline passed and not met", H, ">=", 90, "2023-03-31", "2023-07-31=80 2023-08-31=85 2023-09-30=89",
       "2023-09-30", Status::kOffTrack, Reason::kDeadlineMissed},
      {"deadline passed but met", H, ">=", 90, "2023-03-31", "2023-09-30=90", "2023-09-30", Status::kMet,
       Reason::kTargetMet},
      // The deadline has not passed, but a figure of its last day falls short.
      {"a figure of the deadline's last day that falls short misses it", H, ">=", 90, "2023-09-30",
       "2023-07-31=80 2023-08-31=85 2023-09-30=89", "2023-09-30", Status::kOffTrack, Reason::kDeadlineMissed},
      {"month deadline runs to the month's end", H, ">=", 90, "2023-09", "2023-07-31=80 2023-08-31=85 2023-09-29=89",
       "2023-09-29", Status::kOffTrack, Reason::kProgress},
      // 1 a month seen, 8 to go in 6 months: R = 0.75.
      {"improving, but not fast enough", H, ">=", 90, "2024-03-31", "2023-07-31=80 2023-08-31=81 2023-09-30=82",
       "2023-09-30", Status::kAtRisk, Reason::kProgress},
      // 1 a month seen, 5 to go in 6 months: R = 1.2.
      {"improving fast enough", H, ">=", 87, "2024-03-31", "2023-07-31=80 2023-08-31=81 2023-09-30=82",
       "2023-09-30", Status::kOnTrack, Reason::kProgress},
      {"getting worse", H, ">=", 90, "2024-03-31", "2023-07-31=84 2023-08-31=83 2023-09-30=82", "2023-09-30",
       Status::kOffTrack, Reason::kProgress},
      {"flat", H, ">=", 90, "2024-03-31", "2023-07-31=82 2023-08-31=82 2023-09-30=82", "2023-09-30",
       Status::kOffTrack, Reason::kProgress},
      // R exactly 0.6: 1 a month seen, 10 to go in 6 months.
      {"R exactly 0.6 is at risk", H, ">=", 92, "2024-03-31", "2023-07-31=80 2023-08-31=81 2023-09-30=82",
       "2023-09-30", Status::kAtRisk, Reason::kProgress},
      // R exactly 0.95: 0.95 a month seen, 6 to go in 6 months.
      {"R exactly 0.95 is on track", H, ">=", 87.9, "2024-03-31",
       "2023-07-31=80 2023-08-31=80.95 2023-09-30=81.9", "2023-09-30", Status::kOnTrack, Reason::kProgress},
      // Lower is better: 30 -> 28 -> 26, target 20, 6 months: 2 a month seen, 1 needed.
      {"lower is better, falling fast enough", L, "<=", 20, "2024-03-31",
       "2023-07-31=30 2023-08-31=28 2023-09-30=26", "2023-09-30", Status::kOnTrack, Reason::kProgress},
      {"lower is better, rising", L, "<=", 20, "2024-03-31", "2023-07-31=22 2023-08-31=24 2023-09-30=26",
       "2023-09-30", Status::kOffTrack, Reason::kProgress},
      {"neutral KPI takes its sense from the target", N, "<=", 550, "2024-03-31",
       "2023-07-31=580 2023-08-31=570 2023-09-30=560", "2023-09-30", Status::kOnTrack, Reason::kProgress},
      // No deadline: judged over 12 months. 1 a month seen, 10 to go: R = 1.2.
      {"no deadline: 12 months from as-at", H, ">=", 92, "", "2023-07-31=80 2023-08-31=81 2023-09-30=82",
       "2023-09-30", Status::kOnTrack, Reason::kProgress},
      {"figures after as-at are ignored", H, ">=", 90, "2024-03-31", "2023-09-30=85 2023-10-31=95", "2023-09-30",
       Status::kAtRisk, Reason::kTooFewValues},
  };
  for (const Case& c : cases) {
    std::string name = c.name;
    CAPTURE(name);
    Kpi kpi = MakeKpi(c.dir);
    Measure m = MakeMeasure(c.op, c.target, c.deadline);
    MeasureStatus s = AssessMeasure(m, &kpi, Series("k", c.series), D(c.as_at), JudgingRules{});
    CHECK(std::string(StatusId(s.status)) == StatusId(c.expect));
    CHECK(static_cast<int>(s.reason) == static_cast<int>(c.reason));
  }
}

TEST_CASE("R is the rate seen over the rate needed") {
  Kpi kpi = MakeKpi(Direction::kHigherIsBetter);
  MeasureStatus s = AssessMeasure(MakeMeasure(">=", 90, "2024-03-31"), &kpi,
                                  Series("k", "2023-07-31=80 2023-08-31=81 2023-09-30=82"), D("2023-09-30"));
  REQUIRE(s.figures);
  CHECK(s.figures->observed_rate == doctest::Approx(1.0));
  CHECK(s.figures->months_left == doctest::Approx(6.0));
  CHECK(s.figures->required_rate == doctest::Approx(8.0 / 6));
  CHECK(s.figures->ratio == doctest::Approx(0.75));
}

TEST_CASE("the trend window takes only the last N values") {
  std::vector<Point> pts;
  for (const char* spec : {"2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30"}) pts.push_back({D(spec), 0});
  pts[0].value = 100;  // an old outlier outside a window of 3
  pts[1].value = 10;
  pts[2].value = 11;
  pts[3].value = 12;
  CHECK(*SlopePerMonth(pts, 3) == doctest::Approx(1.0));
  CHECK(*SlopePerMonth(pts, 4) < 0);
}

TEST_CASE("month ends are whole months apart") {
  CHECK(MonthIndex(D("2023-02-28")) - MonthIndex(D("2023-01-31")) == doctest::Approx(1.0));
  CHECK(MonthIndex(D("2024-03-31")) - MonthIndex(D("2023-09-30")) == doctest::Approx(6.0));
  CHECK(MonthIndex(D("2023-09-15")) - MonthIndex(D("2023-08-31")) == doctest::Approx(0.5));
}

TEST_CASE("breakdown targets follow their scope: all takes the worst item, any the best, or one item") {
  Kpi kpi = MakeKpi(Direction::kHigherIsBetter, "Team");
  std::vector<Snapshot> snaps(1);
  snaps[0].as_at = D("2023-09-21");
  snaps[0].values["k"] = Breakdown{{"CASS", 78.0}, {"CiC", 93.0}, {"CDS", Symbol{"c"}}};
  auto all = AssessMeasure(MakeMeasure(">=", 80, "2023-03-31", "all"), &kpi, snaps, D("2023-09-21"));
  CHECK(all.status == Status::kOffTrack);
  CHECK(all.item == "CASS");
  auto any = AssessMeasure(MakeMeasure(">=", 80, "2023-03-31", "any"), &kpi, snaps, D("2023-09-21"));
  CHECK(any.status == Status::kMet);
  CHECK(any.item == "CiC");
  auto cass = AssessMeasure(MakeMeasure(">=", 80, "2024-03-31", "CASS"), &kpi, snaps, D("2023-09-21"));
  CHECK(cass.status == Status::kAtRisk);  // one value: too few to judge
  CHECK(cass.reason == Reason::kTooFewValues);
  auto cds = AssessMeasure(MakeMeasure(">=", 80, "2024-03-31", "CDS"), &kpi, snaps, D("2023-09-21"));
  CHECK(cds.status == Status::kNoData);  // only suppressed
}

TEST_CASE("between items of one status, all names the one nearest failing and any the one furthest past the target") {
  Kpi kpi = MakeKpi(Direction::kHigherIsBetter, "Team");
  std::vector<Snapshot> snaps(1);
  snaps[0].as_at = D("2023-09-21");
  snaps[0].values["k"] = Breakdown{{"North", 88.0}, {"South", 81.0}, {"West", 95.0}};
  auto all = AssessMeasure(MakeMeasure(">=", 80, "2023-03-31", "all"), &kpi, snaps, D("2023-09-21"));
  CHECK(all.status == Status::kMet);
  CHECK(all.item == "South");  // every team met it; the lowest decides
  auto any = AssessMeasure(MakeMeasure(">=", 80, "2023-03-31", "any"), &kpi, snaps, D("2023-09-21"));
  CHECK(any.item == "West");
  // Lower is better: the highest decides "all".
  Kpi lower = MakeKpi(Direction::kLowerIsBetter, "Team");
  snaps[0].values["k"] = Breakdown{{"North", 15.0}, {"South", 17.0}, {"West", 12.0}};
  auto caps = AssessMeasure(MakeMeasure("<=", 18, "2023-03-31", "all"), &lower, snaps, D("2023-09-21"));
  CHECK(caps.status == Status::kMet);
  CHECK(caps.item == "South");
}

TEST_CASE("an assessment overrides the figures only when it is newer than the latest snapshot") {
  Kpi kpi = MakeKpi(Direction::kHigherIsBetter);
  Measure m = MakeMeasure(">=", 90, "2024-03-31");
  auto snaps = Series("k", "2023-09-30=91");
  m.assessments = {Assessment{D("2023-06-30"), Status::kOffTrack, "old", "", {}, {}}};
  auto older = AssessMeasure(m, &kpi, snaps, D("2023-12-15"));
  CHECK(older.status == Status::kMet);
  CHECK(older.decided_by == Decider::kFigures);
  m.assessments.push_back(Assessment{D("2023-10-15"), Status::kAtRisk, "new", "", {}, {}});
  auto newer = AssessMeasure(m, &kpi, snaps, D("2023-12-15"));
  CHECK(newer.status == Status::kAtRisk);
  CHECK(newer.decided_by == Decider::kAssessment);
  CHECK(newer.assessment->source == "new");
  // Not yet as at a date before the assessment.
  CHECK(AssessMeasure(m, &kpi, snaps, D("2023-10-01")).decided_by == Decider::kFigures);
}

TEST_CASE("without a KPI the latest assessment decides, without either there is no data") {
  Measure m;
  m.assessments = {Assessment{D("2021-06-18"), Status::kAtRisk, "letter", "", {}, {}},
                   Assessment{D("2021-07"), Status::kMet, "presentation", "", {}, {}}};
  auto s = AssessMeasure(m, nullptr, {}, D("2021-08-31"));
  CHECK(s.status == Status::kMet);
  CHECK(s.assessment->source == "presentation");
  // Two years on, that assessment cannot show the position now.
  auto later = AssessMeasure(m, nullptr, {}, D("2023-09-21"));
  CHECK(later.status == Status::kOutOfDate);
  CHECK(later.stale_status == Status::kMet);
  CHECK(AssessMeasure(m, nullptr, {}, D("2021-06-30")).status == Status::kAtRisk);
  CHECK(AssessMeasure(Measure{}, nullptr, {}, D("2023-09-21")).status == Status::kNoData);
}

TEST_CASE("a KPI without a target is judged by its assessments") {
  Kpi kpi = MakeKpi(Direction::kLowerIsBetter);
  Measure m;
  m.kpi = "k";
  m.assessments = {Assessment{D("2021-06-18"), Status::kAtRisk, "letter", "", {}, {}}};
  auto s = AssessMeasure(m, &kpi, Series("k", "2021-05-31=19"), D("2021-06-30"));
  CHECK(s.status == Status::kAtRisk);
  CHECK(s.decided_by == Decider::kAssessment);
  // Two years on, the same assessment cannot show the position now.
  auto later = AssessMeasure(m, &kpi, Series("k", "2023-09-21=19"), D("2023-09-21"));
  CHECK(later.status == Status::kOutOfDate);
  CHECK(later.stale_status == Status::kAtRisk);
  CHECK(later.stale_from == D("2022-06-19"));
}

TEST_CASE("trends: improving, worsening and steady by direction, rising and falling when neutral") {
  auto pts = [](std::initializer_list<double> values) {
    std::vector<Point> out;
    int m = 1;
    for (double v : values) {
      out.push_back({Date{2023, m, DaysInMonth(2023, m)}, v});
      ++m;
    }
    return out;
  };
  CHECK(TrendOf(MakeKpi(Direction::kHigherIsBetter), pts({80, 82, 84}), 6) == Trend::kImproving);
  CHECK(TrendOf(MakeKpi(Direction::kLowerIsBetter), pts({80, 82, 84}), 6) == Trend::kWorsening);
  CHECK(TrendOf(MakeKpi(Direction::kNeutral), pts({80, 82, 84}), 6) == Trend::kRising);
  CHECK(TrendOf(MakeKpi(Direction::kNeutral), pts({84, 82, 80}), 6) == Trend::kFalling);
  // 0.1 a month on a level of 90 is 1.3% a year: steady.
  CHECK(TrendOf(MakeKpi(Direction::kHigherIsBetter), pts({90, 90.1, 90.2}), 6) == Trend::kSteady);
  CHECK(TrendOf(MakeKpi(Direction::kHigherIsBetter), pts({90, 90, 90}), 6) == Trend::kSteady);
  CHECK(TrendOf(MakeKpi(Direction::kHigherIsBetter), pts({90}), 6) == Trend::kUnknown);
}

TEST_CASE("status history is the same function at each evidence date") {
  Kpi kpi = MakeKpi(Direction::kHigherIsBetter);
  Measure m = MakeMeasure(">=", 90, "2024-03-31");
  m.assessments = {Assessment{D("2023-08"), Status::kOnTrack, "doc", "", {}, {}}};
  auto snaps = Series("k", "2023-07-31=85 2023-09-30=91");
  auto h = StatusHistory(m, &kpi, snaps, D("2023-12-31"));
  REQUIRE(h.size() == 3);
  CHECK(h[0].date == D("2023-07-31"));
  CHECK(h[0].status.status == Status::kAtRisk);
  CHECK(h[1].date == D("2023-08"));  // shown at the assessment's precision
  CHECK(h[1].status.status == Status::kOnTrack);
  CHECK(h[2].status.status == Status::kMet);
  for (const auto& at : h) {
    Date judged = DateFromDays(at.date.FirstDay());
    CHECK(AssessMeasure(m, &kpi, snaps, judged).status == at.status.status);
  }
}

TEST_CASE("status history judges each date on the figures up to it, whatever other KPIs or order the snapshots have") {
  Kpi kpi = MakeKpi(Direction::kHigherIsBetter);
  Measure m = MakeMeasure(">=", 90, "2024-06-30");
  auto snaps = Series("k", "2023-07-31=80 2023-08-31=83 2023-09-30=86 2023-10-31=88 2023-11-30=91");
  for (auto& s : snaps) s.values["other"] = Scalar{1.0};  // a KPI the measure does not use
  auto shuffled = snaps;
  std::reverse(shuffled.begin(), shuffled.end());
  std::swap(shuffled[1], shuffled[3]);
  // Oldest first, as the model keeps them, and in any other order.
  for (const auto* given : {&snaps, &shuffled}) {
    auto h = StatusHistory(m, &kpi, *given, D("2023-12-31"));
    REQUIRE(h.size() == 5);
    for (const auto& at : h)
      CHECK(at.status.status == AssessMeasure(m, &kpi, *given, DateFromDays(at.date.FirstDay())).status);
  }
  CHECK(StatusHistory(m, &kpi, snaps, D("2023-12-31")).back().status.status == Status::kMet);
}

TEST_CASE("a breakdown's history judges each date on the items and figures known by then") {
  Kpi kpi = MakeKpi(Direction::kHigherIsBetter, "Team");
  std::vector<Snapshot> snaps(5);
  const char* dates[] = {"2023-07-31", "2023-08-31", "2023-09-30", "2023-10-31", "2023-11-30"};
  for (int i = 0; i < 5; ++i) {
    snaps[i].as_at = D(dates[i]);
    Breakdown b = {{"North", 70.0 + 4 * i}, {"South", i == 2 ? Scalar{Symbol{"c"}} : Scalar{75.0 + i}}};
    if (i >= 3) b.push_back({"East", 60.0 + 20 * (i - 3)});  // a team that appears later
    if (i == 4) b.push_back({"North", 95.0});                 // given twice: the last counts
    snaps[i].values["k"] = b;
    snaps[i].values["other"] = Scalar{1.0};
  }
  for (const char* scope : {"all", "any", "East", "South"}) {
    Measure m = MakeMeasure(">=", 85, "2024-06-30", scope);
    auto h = StatusHistory(m, &kpi, snaps, D("2023-12-31"));
    REQUIRE(h.size() == 5);
    for (const auto& at : h) {
      MeasureStatus want = AssessMeasure(m, &kpi, snaps, DateFromDays(at.date.FirstDay()));
      CHECK_MESSAGE(at.status.status == want.status, scope);
      CHECK(at.status.item == want.item);
      CHECK(at.status.latest_snapshot == want.latest_snapshot);
      REQUIRE(at.status.figures.has_value() == want.figures.has_value());
      if (want.figures) CHECK(at.status.figures->values == want.figures->values);
    }
  }
  // The repeated item's last value decides: North at 95 meets the target.
  auto any = AssessMeasure(MakeMeasure(">=", 85, "2024-06-30", "any"), &kpi, snaps, D("2023-12-31"));
  CHECK(any.status == Status::kMet);
  CHECK(any.item == "North");
}

TEST_CASE("noise does not flip a status: improving one figure of a noisy series leaves it the same") {
  Kpi kpi = MakeKpi(Direction::kHigherIsBetter);
  Measure m = MakeMeasure(">=", 90, "2024-03-31");
  // Fitted alone, the first series is on track (R 1.06) and the second,
  // with its first figure 2 points better, at risk (R 0.77): one better
  // figure would have made the status worse. Both are too noisy to tell.
  auto a = AssessMeasure(m, &kpi, Series("k", "2023-04-30=80 2023-05-31=75 2023-06-30=75 2023-07-31=75 2023-08-31=85 2023-09-30=83"), D("2023-09-30"));
  auto b = AssessMeasure(m, &kpi, Series("k", "2023-04-30=82 2023-05-31=75 2023-06-30=75 2023-07-31=75 2023-08-31=85 2023-09-30=83"), D("2023-09-30"));
  CHECK(a.figures->ratio >= 0.95);
  CHECK(b.figures->ratio < 0.95);
  CHECK(a.status == Status::kAtRisk);
  CHECK(a.reason == Reason::kUncertain);
  CHECK(b.status == a.status);
  CHECK(b.reason == a.reason);
  // A steady series is judged by R, as before.
  auto steady = AssessMeasure(m, &kpi, Series("k", "2023-07-31=80 2023-08-31=82 2023-09-30=84"), D("2023-09-30"));
  CHECK(steady.status == Status::kOnTrack);
}

TEST_CASE("a later build date or a trailing null never moves a status, the deadline and age do, and say so") {
  Kpi kpi = MakeKpi(Direction::kHigherIsBetter);
  Measure m = MakeMeasure(">=", 87, "2024-03-31");
  auto snaps = Series("k", "2023-07-31=80 2023-08-31=81 2023-09-30=82");
  auto now = AssessMeasure(m, &kpi, snaps, D("2023-09-30"));
  auto later = AssessMeasure(m, &kpi, snaps, D("2023-11-30"));
  auto with_null = AssessMeasure(m, &kpi, Series("k", "2023-07-31=80 2023-08-31=81 2023-09-30=82 2023-10-31=null"), D("2023-10-31"));
  CHECK(now.status == Status::kOnTrack);
  CHECK(later.status == now.status);
  CHECK(later.figures->ratio == now.figures->ratio);
  CHECK(with_null.status == now.status);
  CHECK(with_null.figures->ratio == now.figures->ratio);
  // Three months after the latest figure, and a day, it is out of date.
  CHECK(AssessMeasure(m, &kpi, snaps, D("2023-12-31")).status == Status::kOnTrack);
  auto old = AssessMeasure(m, &kpi, snaps, D("2024-01-01"));
  CHECK(old.status == Status::kOutOfDate);
  CHECK(old.stale_status == Status::kOnTrack);
  // An annual KPI's figure lasts three years.
  Kpi annual = kpi;
  annual.frequency = Frequency::kAnnual;
  CHECK(AssessMeasure(m, &annual, snaps, D("2024-01-01")).status == Status::kOnTrack);
  // Past the deadline with no figure since: not shown to be met, never "off track".
  CHECK(AssessMeasure(m, &annual, snaps, D("2024-04-01")).status == Status::kNotShownMet);
}

TEST_CASE("figures from before the baseline do not move the status") {
  Kpi kpi = MakeKpi(Direction::kHigherIsBetter);
  Measure m = MakeMeasure(">=", 87, "2024-03-31");
  m.baseline = D("2023-07-01");
  auto recent = AssessMeasure(m, &kpi, Series("k", "2023-07-31=80 2023-08-31=81 2023-09-30=82"), D("2023-09-30"), {}, m.baseline);
  auto more = AssessMeasure(m, &kpi, Series("k", "2023-01-31=60 2023-02-28=90 2023-07-31=80 2023-08-31=81 2023-09-30=82"),
                            D("2023-09-30"), {}, m.baseline);
  CHECK(recent.status == more.status);
  CHECK(recent.figures->ratio == more.figures->ratio);
  CHECK(more.figures->values == 3);
}

TEST_CASE("slow to progress: off track, not shown to be met and out of date before at risk, past deadlines first") {
  Authority a;
  auto measure = [&](const char* title) {
    Measure m;
    m.title = title;
    a.measures.push_back(m);
  };
  std::vector<MeasureStatus> st(6);
  measure("A at risk, far from target");
  st[0].status = Status::kAtRisk;
  measure("B off track by trend");
  st[1].status = Status::kOffTrack;
  measure("C out of date");
  st[2].status = Status::kOutOfDate;
  measure("D missed its deadline");
  st[3].status = Status::kOffTrack;
  st[3].reason = Reason::kDeadlineMissed;
  measure("E met");
  st[4].status = Status::kMet;
  measure("F not shown to be met");
  st[5].status = Status::kNotShownMet;
  st[5].reason = Reason::kDeadlineNotShown;
  auto order = SlowToProgress(a, st);
  std::vector<std::string> titles;
  for (size_t i : order) titles.push_back(a.measures[i].title);
  CHECK(titles == std::vector<std::string>{"D missed its deadline", "F not shown to be met", "B off track by trend",
                                           "C out of date", "A at risk, far from target"});
}

TEST_CASE("the dashboard lists every measure worst status first, then by title, and loses none") {
  Authority a;
  std::vector<MeasureStatus> st;
  for (auto [title, status] : std::vector<std::pair<const char*, Status>>{
           {"b met", Status::kMet}, {"a no data", Status::kNoData}, {"c on track", Status::kOnTrack},
           {"z off track", Status::kOffTrack}, {"y at risk", Status::kAtRisk}, {"a met", Status::kMet},
           {"x out of date", Status::kOutOfDate}, {"w not shown to be met", Status::kNotShownMet}}) {
    Measure m;
    m.title = title;
    a.measures.push_back(m);
    MeasureStatus s;
    s.status = status;
    st.push_back(s);
  }
  std::vector<std::string> titles;
  for (size_t i : WorstFirst(a, st)) titles.push_back(a.measures[i].title);
  CHECK(titles == std::vector<std::string>{"z off track", "w not shown to be met", "x out of date", "y at risk",
                                           "c on track", "a met", "b met", "a no data"});
}

TEST_CASE("status history ends where the status stands: rows for a deadline passing and evidence going out of date") {
  Measure m;
  m.assessments = {Assessment{D("2021-07"), Status::kOnTrack, "doc", "", {}, {}}};
  auto h = StatusHistory(m, nullptr, {}, D("2023-09-21"));
  REQUIRE(h.size() == 2);
  CHECK(h[0].status.status == Status::kOnTrack);
  CHECK(h[1].date == D("2022-08-01"));  // 12 months after July 2021 has ended
  CHECK(h[1].status.status == Status::kOutOfDate);
  CHECK(h[1].why == StatusAt::Why::kAge);
  CHECK(h.back().status.status == AssessMeasure(m, nullptr, {}, D("2023-09-21")).status);
  // With a deadline in between, it passes first: not shown to be met, which does not age.
  m.deadline = D("2022-03-31");
  h = StatusHistory(m, nullptr, {}, D("2023-09-21"));
  REQUIRE(h.size() == 2);
  CHECK(h[1].date == D("2022-04-01"));
  CHECK(h[1].status.status == Status::kNotShownMet);
  CHECK(h[1].why == StatusAt::Why::kDeadline);
  // Figures: 30 September and three months is 31 December; out of date the next day.
  Kpi kpi = MakeKpi(Direction::kHigherIsBetter);
  Measure f = MakeMeasure(">=", 87, "2024-06-30");
  auto fh = StatusHistory(f, &kpi, Series("k", "2023-07-31=80 2023-08-31=81 2023-09-30=82"), D("2024-02-15"));
  REQUIRE(fh.size() == 4);
  CHECK(fh[3].date == D("2024-01-01"));
  CHECK(fh[3].status.status == Status::kOutOfDate);
}
