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
  MeasureStatus now;   // the later judgement in full: what decided it, and why
};

struct DatedItem {
  Date date;
  std::string title;
  std::string document;  // slug when it is a document
};

struct Changes {
  std::optional<Date> from;  // the meeting or the snapshot before
  std::optional<Date> to;    // the next meeting, else as_at (the newest snapshot when comparing snapshots)
  const Meeting* since = nullptr;  // when `from` is a meeting
  const Meeting* until = nullptr;  // when `to` is a meeting
  std::vector<KpiChange> kpis;     // each figure as it stood at `from` and at `to`
  std::vector<MeasureChange> measures;
  std::vector<DatedItem> between;  // documents and events after `from`, up to `to`
  std::vector<Date> snapshots;     // new figures: snapshots after `from`, up to `to`
  std::vector<size_t> deadlines;   // measures whose deadline fell after `from`, up to `to`
  std::vector<MeasureStatus> statuses;  // every measure's status at `to`, as Authority::measures
};

// What changed between two dates: each figure as it then stood, every
// measure's status at both, and what was dated in between.
Changes CompareDates(const Site& site, const Authority& a, const Date& from, const Date& to,
                     const JudgingRules& rules);

// The "what changed" page: since the last meeting at or before as_at; with
// no meeting, between the two newest snapshots.
Changes WhatChanged(const Site& site, const Authority& a, const Date& as_at, const JudgingRules& rules);

// Each meeting at or before as_at, and what changed since the one before
// it (for the first, since the snapshot before it).
std::vector<Changes> MeetingChanges(const Site& site, const Authority& a, const Date& as_at,
                                    const JudgingRules& rules);

}  // namespace tracker
