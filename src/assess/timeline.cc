#include "assess/timeline.h"

#include <algorithm>
#include <tuple>

namespace tracker {

std::vector<TimelineEntry> BuildTimeline(const Authority& a) {
  using Kind = TimelineEntry::Kind;
  std::vector<TimelineEntry> out;
  auto add_event = [&](const Event& e, const std::string& from) {
    // A season label places a year-only date at the season's start.
    Date sort = e.date;
    if (auto season = SeasonStart(e.label); season && e.date.precision() == Date::Precision::kYear &&
                                            season->year == e.date.year)
      sort = *season;
    out.push_back({e.expected ? Kind::kExpected : Kind::kEvent, e.date, sort, e.title, e.label, "",
                   e.source.empty() ? from : e.source, "", e.kind, e.detail, e.credit});
  };
  for (const auto& e : a.events) add_event(e, "");
  for (const auto& d : a.documents) {
    out.push_back({Kind::kDocument, d.date, d.date, d.title, "", d.slug, "", "", d.type, "", ""});
    for (const auto& e : d.events) add_event(e, d.slug);
  }
  for (const auto& j : a.ofsted)
    out.push_back({Kind::kOfstedJudgement, j.date, j.date, "Ofsted judged children's services " + j.judgement, "", "",
                   j.source, "", "", j.detail, j.credit});
  for (const auto& m : a.meetings)
    out.push_back({Kind::kMeeting, m.date, m.date, m.title, "", "", m.source, "", "", "", ""});
  for (const auto& m : a.measures)
    if (m.deadline)
      out.push_back({Kind::kDeadline, *m.deadline, *m.deadline, "Deadline: " + m.title, "", "", "", m.id, "", "", ""});
  std::stable_sort(out.begin(), out.end(), [](const TimelineEntry& x, const TimelineEntry& y) {
    return std::make_tuple(x.sort.FirstDay(), x.sort.LastDay(), x.title) <
           std::make_tuple(y.sort.FirstDay(), y.sort.LastDay(), y.title);
  });
  return out;
}

std::string TimelineKindLabel(const TimelineEntry& t) {
  switch (t.kind) {
    case TimelineEntry::Kind::kExpected: return "Expected";
    case TimelineEntry::Kind::kEvent: return "Event";
    case TimelineEntry::Kind::kDocument: return DocumentTypeLabel(t.type);
    case TimelineEntry::Kind::kOfstedJudgement: return "Ofsted judgement";
    case TimelineEntry::Kind::kMeeting: return "Meeting";
    case TimelineEntry::Kind::kDeadline: return "Measure deadline";
  }
  return "Event";
}

TimelineSymbol SymbolOf(const TimelineEntry& t) {
  switch (t.kind) {
    case TimelineEntry::Kind::kOfstedJudgement: return TimelineSymbol::kOfsted;
    case TimelineEntry::Kind::kMeeting: return TimelineSymbol::kMeeting;
    case TimelineEntry::Kind::kDeadline: return TimelineSymbol::kDeadline;
    case TimelineEntry::Kind::kDocument:
      if (t.type == "improvement-notice" || t.type == "statutory-direction") return TimelineSymbol::kNotice;
      if (t.type == "ofsted-letter") return TimelineSymbol::kOfsted;
      if (t.type == "dfe-letter") return TimelineSymbol::kDfe;
      if (t.type == "scrutiny-report" || t.type == "board-minutes") return TimelineSymbol::kMeeting;
      return TimelineSymbol::kOther;
    case TimelineEntry::Kind::kEvent:
    case TimelineEntry::Kind::kExpected:
      if (t.type == "ofsted") return TimelineSymbol::kOfsted;
      if (t.type == "dfe") return TimelineSymbol::kDfe;
      if (t.type == "notice") return TimelineSymbol::kNotice;
      if (t.type == "meeting") return TimelineSymbol::kMeeting;
      return TimelineSymbol::kOther;
  }
  return TimelineSymbol::kOther;
}

const char* TimelineSymbolId(TimelineSymbol s) {
  switch (s) {
    case TimelineSymbol::kNotice: return "notice";
    case TimelineSymbol::kOfsted: return "ofsted";
    case TimelineSymbol::kDfe: return "dfe";
    case TimelineSymbol::kMeeting: return "meeting";
    case TimelineSymbol::kDeadline: return "deadline";
    case TimelineSymbol::kOther: return "other";
  }
  return "other";
}

const char* TimelineSymbolLabel(TimelineSymbol s) {
  switch (s) {
    case TimelineSymbol::kNotice: return "Improvement notice or statutory direction";
    case TimelineSymbol::kOfsted: return "Ofsted: a visit, letter or judgement";
    case TimelineSymbol::kDfe: return "Department for Education: a letter or review";
    case TimelineSymbol::kMeeting: return "Improvement board or scrutiny: a meeting or its report";
    case TimelineSymbol::kDeadline: return "A measure's deadline";
    case TimelineSymbol::kOther: return "Anything else: an event, plan or presentation";
  }
  return "";
}

}  // namespace tracker
