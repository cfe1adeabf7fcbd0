// Checks that need the whole model: references between documents, measures,
// KPIs and snapshots. Pure: it reads the model and reports problems.
#pragma once
#include "diagnostics.h"
#include "model/site.h"

namespace tracker {

void ValidateSite(const Site& site, Diagnostics& diag);

}  // namespace tracker
