// Figures from a spreadsheet: a CSV turned into snapshot JSON, for
// `tracker new snapshot AUTHORITY --from-csv FILE`. Two layouts:
//
// - simple: a header of `kpi,value` and optionally `item` (a breakdown's
//   item) and `note`; one snapshot, dated by --date or the month after the
//   newest;
// - the DfE's tidy layout the site itself publishes (downloads/<slug>.csv):
//   `as_at`, `indicator`, `breakdown` and `value` columns, with `la_name`,
//   `new_la_code`, `source` and `note` where present; one snapshot per
//   as_at date, rows of other authorities skipped.
//
// Every problem is reported at the CSV's line and column. Pure: the text
// is passed in, the snapshots' JSON returned. docs/content-model.md.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "model/site.h"

namespace tracker {

struct ImportedSnapshot {
  Date as_at;
  std::string source;
  std::vector<std::pair<std::string, Value>> values;  // in kpis.json's order
  std::vector<std::pair<std::string, std::string>> notes;
};

// `date`: the simple layout's snapshot date (the caller's default applied).
std::vector<ImportedSnapshot> SnapshotsFromCsv(std::string_view text, const std::string& path,
                                               const std::vector<Kpi>& kpis, const Authority& a,
                                               const std::optional<Date>& date, Diagnostics& diag);

// A snapshot as the JSON file tracker reads.
std::string SnapshotJson(const ImportedSnapshot& s);

}  // namespace tracker
