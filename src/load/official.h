// Reads the DfE's open-data files in data/official/ for the KPIs that name
// them in kpis.json, and the statistical-neighbour model site.yml chooses.
// Files are already in memory; no disk. See docs/official-statistics.md.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "load/json_file.h"
#include "load/source_tree.h"
#include "model/site.h"

namespace tracker {

// A KPI's "official" block in kpis.json, checked against the KPI.
std::optional<OfficialSeries> LoadOfficialSeries(const JsonFile& f, const Json& o, const std::string& ptr, const Kpi& kpi,
                                                 Diagnostics& diag);

// Every official file the KPIs and the neighbour model name, read once.
// Null when no KPI names an official series and there is no official file.
// A file named but absent is a warning (the KPI then has no official
// figures, and its page says so); a problem inside a file is an error at
// its line and column.
std::shared_ptr<const OfficialData> LoadOfficialData(const SourceTree& tree, const SiteConfig& config,
                                                     const std::vector<Kpi>& kpis, Diagnostics& diag);

// An authority's la_code and ons_code against the files: a code no file
// has, and two codes that name different authorities, are errors.
void CheckAuthorityCodes(const Authority& a, const OfficialData& data, Diagnostics& diag);

// Ofsted's published outcomes for `a`, joined by its ONS codes: each graded
// inspection as a judgement with every grade, each visit as an event. One
// written by hand for the same inspection (within 31 days) or visit (14
// days) stays instead; a hand-written grade that differs is a warning.
void AddOfstedOutcomes(Authority& a, const OfficialData& data, Diagnostics& diag);

// A snapshot's hand-typed England or statistical-neighbour figure, given
// with its period's date, that differs from the DfE's for that period: a
// warning at the snapshot (both are shown).
void CheckTypedComparators(const Authority& a, const std::vector<Kpi>& kpis, const OfficialData& data, Diagnostics& diag);

// Fills each relative target of `a` with its levels: its comparator's
// figure (England's, the region's or the neighbours' mean, rounded as the
// pages show it) for every period the files hold; or, when there are none,
// says why in Target::unavailable. `data` may be null.
void ResolveRelativeTargets(Authority& a, const std::vector<Kpi>& kpis, const OfficialData* data);

}  // namespace tracker
