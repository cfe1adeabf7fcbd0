// A measure's status, its trend and the numbers behind them, from its KPI's
// snapshots, its target, its deadline and its assessments. Pure: the as-at
// date is passed in, never read from a clock. The rules are in docs/status.md.
#pragma once
#include <span>
#include <optional>
#include <string>
#include <vector>

#include "model/site.h"

namespace tracker {

// The newest numeric value of a KPI at or before as_at, with its snapshot.
struct Observation {
  Date date;
  const Snapshot* snapshot = nullptr;
  std::optional<double> value;                        // for a KPI without a breakdown
  std::vector<std::pair<std::string, double>> items;  // for a breakdown
};

std::optional<Observation> LatestObservation(const std::string& kpi_id,
                                             std::span<const Snapshot> snapshots,
                                             const Date& as_at);

struct Point {
  Date date;
  double value = 0;
};

// The numeric values of a KPI (or of one breakdown item, when `item` is not
// empty) at or before as_at, oldest first. Nulls and GSS symbols are skipped.
std::vector<Point> NumericSeries(const std::string& kpi_id, const std::string& item,
                                 std::span<const Snapshot> snapshots, const Date& as_at);

// The items of a breakdown KPI at or before as_at, in the order they first
// appear, so ties are broken the same way every time.
std::vector<std::string> BreakdownItems(const std::string& kpi_id, std::span<const Snapshot> snapshots,
                                        const Date& as_at);

// Time in months, exact for month ends: 31 January 2023 and 28 February 2023
// are one month apart.
double MonthIndex(const Date& day);

// The least-squares slope, in units per month, of the last `window` points;
// nullopt with fewer than two.
std::optional<double> SlopePerMonth(std::span<const Point> points, int window);

// Whether `value`, a figure dated `date`, meets the target: against the
// level that applies at that date for a relative target, and never when no
// level does.
bool MeetsTarget(double value, const Target& target, const Date& date);
bool MeetsOp(double value, const std::string& op, double level);

// +1 when a higher value is better, -1 when lower is; for a neutral KPI the
// target's direction decides (>= and > mean higher).
int ImprovementSign(const Kpi& kpi, const Target* target);

enum class Trend { kImproving, kWorsening, kSteady, kRising, kFalling, kUnknown };
// Steady when the fitted line moves less than 2% of the mean level in a year.
Trend TrendOf(const Kpi& kpi, std::span<const Point> points, int window);
const char* TrendLabel(Trend t);  // "Improving", "Getting worse", "Steady", ...

enum class Reason {
  kTargetMet,        // the latest value meets the target
  kDeadlineMissed,   // not met by a figure (or assessment) dated at or after the deadline
  kDeadlineNotShown, // the deadline has passed and nothing dated since shows it met
  kProgress,         // judged by R, the rate seen over the rate needed
  kUncertain,        // the trend varies too much to tell on track from off track
  kTooFewValues,     // not met, and fewer than 3 values to judge a trend
  kNoFigures,        // no numeric value at or before as_at
  kNoComparator,     // a relative target with no official figure for the latest figure's date
  kAssessment,       // a document's assessment decided
  kNothing,          // no KPI target and no assessment
};

// What judging reads besides the evidence: the trend window and the
// thresholds of site.yml's `progress` block.
struct JudgingRules {
  int window = 6;
  ProgressMethod method;
};

// The t quantile that gives a two-sided interval of `confidence` percent
// (80, 90 or 95) with `df` degrees of freedom.
double StudentT(int confidence, int df);

// The least-squares fit of the last `window` points: slope per month and
// its standard error (0 with two points, or a perfect fit).
struct Fit {
  double slope = 0, se = 0;
  int n = 0;
};
std::optional<Fit> FitLine(std::span<const Point> points, int window);

// What the figures of one series say against a target.
struct FigureJudgement {
  Status status = Status::kNoData;
  Reason reason = Reason::kNoFigures;
  Point latest;
  int values = 0;              // numeric values judged: at or before as_at, on or after the baseline
  Date horizon;                // the deadline, or the latest figure's date + 12 months
  bool has_deadline = false;
  double months_left = 0;      // from the latest figure's date to the end of the horizon
  double observed_rate = 0;    // per month, improvement positive
  double required_rate = 0;    // per month, to reach the target by the horizon
  double ratio = 0;            // R = observed / required, rounded to 6 places
  double ratio_low = 0, ratio_high = 0;  // R at the ends of the slope's interval
  std::optional<Date> first_met;  // the first figure that met the target
  bool held = false;              // every figure since first_met met it too
  std::optional<Point> at_deadline;  // the last figure on or before the deadline, once it has passed
  double target = 0;  // the value the latest figure is judged against
  int level = -1;     // for a relative target, the index of that value in Target::levels
};

FigureJudgement JudgeFigures(std::span<const Point> points, const Target& target, int sign,
                             const std::optional<Date>& deadline, const Date& as_at, const JudgingRules& rules);

enum class Decider { kFigures, kAssessment, kNothing };

struct MeasureStatus {
  Status status = Status::kNoData;
  Decider decided_by = Decider::kNothing;
  Reason reason = Reason::kNothing;
  std::optional<FigureJudgement> figures;  // when the measure has a KPI target
  std::string item;                        // the breakdown item that decided, if any
  const Assessment* assessment = nullptr;  // when an assessment decided
  std::optional<Date> latest_snapshot;     // date of the newest figure for the KPI
  std::optional<Date> evidence;            // the date of what decided: a figure or an assessment
  // When the evidence is older than the window: the status it would have
  // had, and the day it went out of date.
  std::optional<Status> stale_status;
  std::optional<Date> stale_from;
};

// How many months a status's evidence shows the current position for: a
// figure for `figure_periods` of its KPI's periods, an assessment for
// `assessment_months` (docs/status.md, "Out of date").
int EvidenceWindowMonths(const MeasureStatus& s, const Kpi* kpi, const ProgressMethod& method);

// The date figures are judged from: the measure's `baseline`, else the
// date of the document that set it, else none (every figure counts).
std::optional<Date> JudgedFrom(const Authority& a, const Measure& m);

// The status rule (docs/status.md). `from`: see JudgedFrom.
MeasureStatus AssessMeasure(const Measure& m, const Kpi* kpi, std::span<const Snapshot> snapshots,
                            const Date& as_at, const JudgingRules& rules = {},
                            const std::optional<Date>& from = std::nullopt);

// The status as it stood at each date the measure's evidence changed: every
// snapshot holding its KPI and every assessment, up to as_at. The same
// function decides each one.
// Also, after the newest evidence, the days time alone changed the status:
// the day after its deadline, and the day its evidence went out of date.
struct StatusAt {
  enum class Why { kEvidence, kDeadline, kAge };
  Date date;  // as the evidence gives it: an assessment of "2021-07" stays a month
  MeasureStatus status;
  Why why = Why::kEvidence;
};
std::vector<StatusAt> StatusHistory(const Measure& m, const Kpi* kpi, const std::vector<Snapshot>& snapshots,
                                    const Date& as_at, const JudgingRules& rules = {},
                                    const std::optional<Date>& from = std::nullopt);

// The newest Ofsted judgement of the whole service dated after `evidence`
// and at or before as_at: a measure's page says its evidence predates it.
const OfstedJudgement* LaterOfstedJudgement(const Authority& a, const Date& evidence, const Date& as_at);

// "Slow to progress" (docs/status.md): the measures off track, not shown to
// be met, out of date or at risk, worst first.
std::vector<size_t> SlowToProgress(const Authority& a, std::span<const MeasureStatus> statuses);

// Every measure, worst status first (SeverityRank), then by title: the
// dashboard's order, so what is slow to progress leads the page.
std::vector<size_t> WorstFirst(const Authority& a, std::span<const MeasureStatus> statuses);

// Date arithmetic the rules share: `d` moved by whole months, the day kept
// where the month has it.
Date AddMonths(const Date& d, int months);

// Worse statuses first: off-track, not-shown-met, out-of-date, at-risk,
// on-track, met, no-data.
int SeverityRank(Status s);

}  // namespace tracker
