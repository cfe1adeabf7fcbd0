// A measure's status, from its KPI's snapshots, its target and its
// assessments. Pure: the as-at date is passed in, never read from a clock.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/site.h"

namespace tracker {

// The newest numeric value of a KPI at or before as_at, with its snapshot.
struct Observation {
  Date date;
  const Snapshot* snapshot = nullptr;
  std::optional<double> value;          // for a KPI without a breakdown
  std::vector<std::pair<std::string, double>> items;  // for a breakdown
};

std::optional<Observation> LatestObservation(const std::string& kpi_id,
                                             const std::vector<Snapshot>& snapshots,
                                             const Date& as_at);

bool MeetsTarget(double value, const Target& target);

enum class Decider {
  kFigures,     // the latest value against the target
  kAssessment,  // a dated assessment from a document
  kNothing,     // neither: no data
};

struct MeasureStatus {
  Status status = Status::kNoData;
  Decider decided_by = Decider::kNothing;
  std::optional<Observation> latest;         // when the figures decided
  std::string deciding_item;                 // breakdown item that decided, if any
  double deciding_value = 0;
  const Assessment* assessment = nullptr;    // when an assessment decided
};

// The rule of the content model (docs/status.md):
//  - a measure with a KPI and a target is met when the latest value meets
//    the target and off-track when it does not;
//  - otherwise its latest assessment at or before as_at decides;
//  - otherwise it has no data.
// For a breakdown KPI the target's scope decides: "all" items must meet it,
// "any" item may, or the named item alone.
MeasureStatus AssessMeasure(const Measure& m, const Kpi* kpi,
                            const std::vector<Snapshot>& snapshots, const Date& as_at);

}  // namespace tracker
