// One plain sentence that says why a measure has its status.
#pragma once
#include <string>

#include "assess/status.h"
#include "model/site.h"

namespace tracker {

// "Off track: the latest figure for CP visits in time is 89% (21 September
// 2023), short of the target of at least 90%."
// With `with_note` false, an assessment's note is left out: the short form
// the dashboard shows.
std::string ExplainStatus(const Authority& a, const Measure& m, const Kpi* kpi, const MeasureStatus& s,
                          bool with_note = true);

}  // namespace tracker
