// The snapshot readers, quick and general: whatever the bytes, neither
// crashes, and a snapshot the quick reader accepts is exactly what the
// general loader makes of it, with nothing to report.
#include <cstdint>
#include <string>

#include "diagnostics.h"
#include "fuzz_check.h"
#include "load/load_site.h"
#include "load/quick_snapshot.h"

namespace {

std::vector<tracker::Kpi> Kpis() {
  auto kpi = [](std::string id, tracker::Unit unit, std::string breakdown = "") {
    tracker::Kpi k;
    k.id = std::move(id);
    k.label = k.id;
    k.unit = unit;
    k.breakdown = std::move(breakdown);
    return k;
  };
  return {kpi("visits", tracker::Unit::kPercent), kpi("cases", tracker::Unit::kCount),
          kpi("rate", tracker::Unit::kRatePer10k), kpi("days", tracker::Unit::kDays),
          kpi("score", tracker::Unit::kNumber), kpi("supervision", tracker::Unit::kPercent, "team")};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<tracker::Kpi> kpis = Kpis();
  const std::string text(reinterpret_cast<const char*>(data), size);
  tracker::Snapshot fast, general;
  const bool quick = tracker::ReadSnapshotQuickly("s.json", text, kpis, &fast);
  tracker::Diagnostics diag;
  bool ok = false;
  tracker::LoadSnapshotGenerally("s.json", text, kpis, true, general, &ok, diag);
  if (!ok) FUZZ_CHECK(diag.HasErrors(), "a snapshot not read has an error saying why");
  if (quick) {
    FUZZ_CHECK(ok && diag.empty(), "what the quick reader takes, the general loader takes without a word");
    FUZZ_CHECK(fast.as_at == general.as_at && fast.source == general.source, "same date and source");
    FUZZ_CHECK(fast.values == general.values, "same values");
    FUZZ_CHECK(fast.targets == general.targets && fast.comparators == general.comparators, "same targets and comparators");
    FUZZ_CHECK(fast.notes == general.notes, "same notes");
  }
  return 0;
}
