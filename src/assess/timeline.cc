#include "assess/timeline.h"

#include <algorithm>
#include <tuple>

namespace tracker {

std::vector<TimelineEntry> BuildTimeline(const Authority& a) {
  using Kind = TimelineEntry::Kind;
  std::vector<TimelineEntry> out;
  auto add_event = [&](const Event& e) {
    out.push_back({e.expected ? Kind::kExpected : Kind::kEvent, e.date, e.title, e.label, "", e.source, "", ""});
  };
  for (const auto& e : a.events) add_event(e);
  for (const auto& d : a.documents) {
    out.push_back({Kind::kDocument, d.date, d.title, "", d.slug, "", "", d.type});
    for (const auto& e : d.events) add_event(e);
  }
  for (const auto& j : a.ofsted)
    out.push_back({Kind::kOfstedJudgement, j.date, "Ofsted judged children's services " + j.judgement, "", "", j.source, "", ""});
  for (const auto& m : a.measures)
    if (m.deadline) out.push_back({Kind::kDeadline, *m.deadline, "Deadline: " + m.title, "", "", "", m.id, ""});
  std::stable_sort(out.begin(), out.end(), [](const TimelineEntry& x, const TimelineEntry& y) {
    return std::make_tuple(x.date.FirstDay(), x.date.LastDay(), x.title) <
           std::make_tuple(y.date.FirstDay(), y.date.LastDay(), y.title);
  });
  return out;
}

std::string TimelineKindLabel(const TimelineEntry& t) {
  switch (t.kind) {
    case TimelineEntry::Kind::kExpected: return "Expected";
    case TimelineEntry::Kind::kEvent: return "Event";
    case TimelineEntry::Kind::kDocument: return DocumentTypeLabel(t.type);
    case TimelineEntry::Kind::kOfstedJudgement: return "Ofsted judgement";
    case TimelineEntry::Kind::kDeadline: return "Measure deadline";
  }
  return "Event";
}

}  // namespace tracker
