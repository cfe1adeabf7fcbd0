// An authority's timeline: every dated thing in its improvement journey,
// in the order it happened. Pure; the rules are in docs/content-model.md
// ("Events").
#pragma once
#include <string>
#include <vector>

#include "model/site.h"

namespace tracker {

struct TimelineEntry {
  enum class Kind { kEvent, kExpected, kDocument, kOfstedJudgement, kDeadline };
  Kind kind = Kind::kEvent;
  Date date;
  std::string title;
  std::string label;     // shown instead of the date, e.g. "Autumn 2024"
  std::string document;  // the document this entry is (kDocument)
  std::string source;    // the document that gives it, when there is one
  std::string measure;   // the measure whose deadline it is (kDeadline)
  std::string type;      // the document's type (kDocument)
};

// Events written in _authority.md and in documents, every document, each
// Ofsted judgement, and each measure's deadline. Sorted by when a date
// starts, then ends ("2024" after "2024-03" is not: a year starts with its
// January), then title; an entry's place never depends on the files' order.
std::vector<TimelineEntry> BuildTimeline(const Authority& a);

// "Expected", "Event", the document type's label, "Ofsted judgement" or
// "Measure deadline".
std::string TimelineKindLabel(const TimelineEntry& t);

}  // namespace tracker
