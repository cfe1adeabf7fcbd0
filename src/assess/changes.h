// What changed between two snapshots of one authority: the page a scrutiny
// panel reads before its meeting. Pure.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "assess/status.h"
#include "model/site.h"

namespace tracker {

struct KpiChange {
  const Kpi* kpi = nullptr;
  std::string item;  // breakdown item, or empty
  std::optional<Scalar> before, after;  // absent when the snapshot did not report it
  std::optional<double> change;         // after - before, when both are numbers
  int better = 0;  // +1 better, -1 worse by the KPI's direction, 0 same or neutral
};

struct MeasureChange {
  size_t measure = 0;  // index into Authority::measures
  Status before = Status::kNoData, after = Status::kNoData;
};

struct DatedItem {
  Date date;
  std::string title;
  std::string document;  // slug when it is a document
};

struct Changes {
  std::optional<Date> from;  // the snapshot before
  std::optional<Date> to;    // the newest snapshot at or before as_at
  std::vector<KpiChange> kpis;
  std::vector<MeasureChange> measures;
  std::vector<DatedItem> between;  // documents and events after `from`, up to `to`
};

Changes CompareSnapshots(const Site& site, const Authority& a, const Date& as_at, int window);

}  // namespace tracker
