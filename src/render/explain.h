// One plain sentence that says why a measure has its status, built from the
// numbers the status engine used.
#pragma once
#include <string>

#include "assess/status.h"
#include "model/site.h"

namespace tracker {

// "Off track: child protection visits in time stood at 89% on 31 August 2023
// against a target of at least 90%; the deadline of 31 March 2023 has passed."
// With `with_note` false an assessment's quotation is left out: the short form
// the dashboard shows.
std::string ExplainStatus(const Authority& a, const Measure& m, const Kpi* kpi, const MeasureStatus& s,
                          const Date& as_at, const ProgressMethod& method, bool with_note = true);

// A KPI's label inside a sentence: "Child in need visits" -> "child in need
// visits", but "CIN visits" stays as it is.
std::string InSentence(const std::string& label);

// A rate of change in the KPI's unit: "1.5 percentage points a month".
std::string FormatRate(const Kpi& kpi, double per_month);

}  // namespace tracker
