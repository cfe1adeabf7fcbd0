// An authority's timeline: every dated thing in its improvement journey,
// in the order it happened. Pure; the rules are in docs/content-model.md
// ("Events").
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/site.h"

namespace tracker {

struct TimelineEntry {
  enum class Kind { kEvent, kExpected, kDocument, kOfstedJudgement, kDeadline, kMeeting };
  Kind kind = Kind::kEvent;
  Date date;
  Date sort;             // where it falls: the date, or the start of the season its label names
  std::string title;
  std::string label;     // shown instead of the date, e.g. "Autumn 2024"
  std::string document;  // the document this entry is (kDocument)
  std::string source;    // the document that gives it, when there is one
  std::string measure;   // the measure whose deadline it is (kDeadline)
  std::string type;      // the document's type (kDocument), or the event's kind
  std::string detail, credit;  // from an official record: what else it says, and whose it is
};

// Events written in _authority.md and in documents (an event written in a
// document has it as its source), every document, each Ofsted judgement,
// each meeting and each measure's deadline. Sorted by where each falls,
// start then end ("2024" before "2024-03": a year starts with its January;
// "Summer 2025" at June 2025), then title; an entry's place never depends on
// the files' order.
std::vector<TimelineEntry> BuildTimeline(const Authority& a);

// "Expected", "Event", the document type's label, "Ofsted judgement",
// "Meeting" or "Measure deadline".
std::string TimelineKindLabel(const TimelineEntry& t);

// The family of symbol an entry is marked with, and the key's words for
// each: a notice or direction, Ofsted, the DfE, a board or scrutiny
// meeting, a measure's deadline, or anything else.
enum class TimelineSymbol { kNotice, kOfsted, kDfe, kMeeting, kDeadline, kOther };
inline constexpr TimelineSymbol kTimelineSymbols[] = {TimelineSymbol::kNotice, TimelineSymbol::kOfsted,
                                                      TimelineSymbol::kDfe, TimelineSymbol::kMeeting,
                                                      TimelineSymbol::kDeadline, TimelineSymbol::kOther};
TimelineSymbol SymbolOf(const TimelineEntry& t);
const char* TimelineSymbolId(TimelineSymbol s);     // "notice", for the theme's CSS
const char* TimelineSymbolLabel(TimelineSymbol s);  // "Improvement notice or direction"

}  // namespace tracker
