// Checks across an authority's files: references between its documents,
// measures and snapshots, and to the KPIs. Pure: it reads the model and
// reports problems. Authorities never refer to each other, so each is
// checked on its own.
#pragma once
#include "diagnostics.h"
#include "model/site.h"

namespace tracker {

void ValidateAuthority(const std::vector<Kpi>& kpis, const Authority& a, Diagnostics& diag);
void ValidateSite(const Site& site, Diagnostics& diag);

}  // namespace tracker
