#include <doctest/doctest.h>

#include "assess/status.h"

using namespace tracker;

namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }

Snapshot Snap(Date at, const std::string& kpi, Value v) {
  Snapshot s;
  s.as_at = at;
  s.values[kpi] = v;
  return s;
}

Measure WithTarget(const std::string& kpi, const std::string& op, double value, const std::string& scope = "all") {
  Measure m;
  m.id = "m";
  m.kpi = kpi;
  Target t;
  t.op = op;
  t.value = value;
  t.scope = scope;
  m.target = t;
  return m;
}

Kpi K(const std::string& id, const std::string& breakdown = "") {
  Kpi k;
  k.id = id;
  k.unit = Unit::kPercent;
  k.breakdown = breakdown;
  return k;
}

}  // namespace

TEST_CASE("targets compare with each operator") {
  Target t{">=", 90, "all", {}};
  CHECK(MeetsTarget(90, t));
  CHECK_FALSE(MeetsTarget(89.9, t));
  t.op = ">";
  CHECK_FALSE(MeetsTarget(90, t));
  t.op = "<=";
  CHECK(MeetsTarget(90, t));
  t.op = "<";
  CHECK_FALSE(MeetsTarget(90, t));
  CHECK(MeetsTarget(89, t));
}

TEST_CASE("the latest value against the target decides: met or off-track") {
  Kpi k = K("v");
  Measure m = WithTarget("v", ">=", 90);
  std::vector<Snapshot> s = {Snap(D(2023, 1, 31), "v", Scalar{85.0}), Snap(D(2023, 2, 28), "v", Scalar{91.0})};
  auto r = AssessMeasure(m, &k, s, D(2023, 2, 28));
  CHECK(r.status == Status::kMet);
  CHECK(r.decided_by == Decider::kFigures);
  CHECK(r.deciding_value == 91);
  // As at January the same measure was off track: the as-at date, not a clock.
  r = AssessMeasure(m, &k, s, D(2023, 1, 31));
  CHECK(r.status == Status::kOffTrack);
  CHECK(r.deciding_value == 85);
}

TEST_CASE("a suppressed or null latest value falls back to the newest number") {
  Kpi k = K("v");
  Measure m = WithTarget("v", ">=", 90);
  std::vector<Snapshot> s = {Snap(D(2023, 1, 31), "v", Scalar{92.0}), Snap(D(2023, 2, 28), "v", Scalar{Symbol{"c"}}),
                             Snap(D(2023, 3, 31), "v", Scalar{Missing{}})};
  auto r = AssessMeasure(m, &k, s, D(2023, 3, 31));
  CHECK(r.status == Status::kMet);
  CHECK(r.latest->date == D(2023, 1, 31));
}

TEST_CASE("no snapshots, or only null and suppressed values, means no data") {
  Kpi k = K("v");
  Measure m = WithTarget("v", ">=", 90);
  CHECK(AssessMeasure(m, &k, {}, D(2023, 1, 1)).status == Status::kNoData);
  std::vector<Snapshot> s = {Snap(D(2023, 1, 31), "v", Scalar{Missing{}}), Snap(D(2023, 2, 28), "v", Scalar{Symbol{"x"}})};
  auto r = AssessMeasure(m, &k, s, D(2023, 3, 31));
  CHECK(r.status == Status::kNoData);
  CHECK(r.decided_by == Decider::kNothing);
}

TEST_CASE("breakdown targets follow their scope: all, any or one item") {
  Kpi k = K("s", "Team");
  std::vector<Snapshot> s = {Snap(D(2023, 9, 21), "s", Breakdown{{"CASS", 78.0}, {"CiC", 93.0}, {"CDS", Symbol{"c"}}})};
  auto all = AssessMeasure(WithTarget("s", ">=", 80, "all"), &k, s, D(2023, 9, 21));
  CHECK(all.status == Status::kOffTrack);
  CHECK(all.deciding_item == "CASS");
  auto any = AssessMeasure(WithTarget("s", ">=", 80, "any"), &k, s, D(2023, 9, 21));
  CHECK(any.status == Status::kMet);
  CHECK(any.deciding_item == "CiC");
  auto one = AssessMeasure(WithTarget("s", ">=", 80, "CASS"), &k, s, D(2023, 9, 21));
  CHECK(one.status == Status::kOffTrack);
  auto missing = AssessMeasure(WithTarget("s", ">=", 80, "Nowhere"), &k, s, D(2023, 9, 21));
  CHECK(missing.status == Status::kNoData);
}

TEST_CASE("without a KPI target the latest assessment at or before as-at decides") {
  Measure m;
  Assessment a1{D(2021, 6, 18), Status::kAtRisk, "letter", "", {}, {}};
  Assessment a2{Date{2021, 7, 0}, Status::kOnTrack, "presentation", "", {}, {}};
  m.assessments = {a1, a2};
  auto r = AssessMeasure(m, nullptr, {}, D(2023, 9, 21));
  CHECK(r.status == Status::kOnTrack);
  CHECK(r.decided_by == Decider::kAssessment);
  CHECK(r.assessment->source == "presentation");
  r = AssessMeasure(m, nullptr, {}, D(2021, 6, 30));
  CHECK(r.status == Status::kAtRisk);
  CHECK(AssessMeasure(m, nullptr, {}, D(2020, 1, 1)).status == Status::kNoData);
}
