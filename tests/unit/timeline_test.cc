#include <doctest/doctest.h>

#include "test_dates.h"

#include <set>

#include "assess/timeline.h"

using namespace tracker;

TEST_CASE("the timeline holds events, documents, Ofsted judgements and deadlines, in the order they happened") {
  Authority a;
  a.events.push_back(Event{D("2024"), "Next inspection", true, "Autumn 2024", "notice", {}, {}});
  a.events.push_back(Event{D("2019-10-22"), "Focused visit", false, "", "", {}, {}});
  Document notice;
  notice.slug = "notice";
  notice.title = "Improvement Notice";
  notice.type = "improvement-notice";
  notice.date = D("2019-12-18");
  notice.events.push_back(Event{D("2020-05"), "Plan due", false, "", "notice", {}, {}});
  a.documents.push_back(notice);
  a.ofsted.push_back(OfstedJudgement{D("2021-10"), "Inadequate", "notice", {}, {}});
  Measure m;
  m.id = "caps";
  m.title = "Caseload caps";
  m.deadline = D("2020-03-31");
  a.measures.push_back(m);
  Measure later;  // same day as another entry: by title
  later.id = "audit";
  later.title = "Audits";
  later.deadline = D("2019-12-18");
  a.measures.push_back(later);

  auto t = BuildTimeline(a);
  std::vector<std::string> titles;
  for (const auto& e : t) titles.push_back(e.title);
  CHECK(titles == std::vector<std::string>{"Focused visit", "Deadline: Audits", "Improvement Notice",
                                           "Deadline: Caseload caps", "Plan due",
                                           "Ofsted judged children's services Inadequate", "Next inspection"});
  CHECK(TimelineKindLabel(t[2]) == "Improvement notice");
  CHECK(t[2].document == "notice");
  CHECK(TimelineKindLabel(t[3]) == "Measure deadline");
  CHECK(t[3].measure == "caps");
  CHECK(TimelineKindLabel(t[5]) == "Ofsted judgement");
  CHECK(t[5].source == "notice");
  CHECK(TimelineKindLabel(t[6]) == "Expected");
  CHECK(t[6].label == "Autumn 2024");
}

TEST_CASE("a date written coarser sorts where it starts, before finer dates inside it") {
  Authority a;
  a.events.push_back(Event{D("2024-03-15"), "b day", false, "", "", {}, {}});
  a.events.push_back(Event{D("2024"), "c year", false, "", "", {}, {}});
  a.events.push_back(Event{D("2024-03"), "a month", false, "", "", {}, {}});
  a.events.push_back(Event{D("2024-01-01"), "d first day", false, "", "", {}, {}});
  std::vector<std::string> titles;
  for (const auto& e : BuildTimeline(a)) titles.push_back(e.title);
  // The first of January and the year start together; the day ends first.
  CHECK(titles == std::vector<std::string>{"d first day", "c year", "a month", "b day"});
}

TEST_CASE("a season label places a year-only date at the season's start: Summer 2025 after March 2025") {
  Authority a;
  a.events.push_back(Event{D("2025"), "Review", false, "Summer 2025", "", {}, {}});
  a.events.push_back(Event{D("2025-03"), "Board", false, "", "", {}, {}});
  a.events.push_back(Event{D("2025"), "Inspection", true, "Winter 2025", "", {}, {}});
  a.events.push_back(Event{D("2025-10-01"), "Visit", false, "", "", {}, {}});
  a.events.push_back(Event{D("2025"), "Plan", false, "Early 2025", "", {}, {}});  // not a season: its date
  std::vector<std::string> titles;
  for (const auto& e : BuildTimeline(a)) titles.push_back(e.title);
  CHECK(titles == std::vector<std::string>{"Plan", "Board", "Review", "Visit", "Inspection"});
  CHECK(SeasonStart("Autumn 2024") == Date{2024, 9, 0});
  CHECK(SeasonStart("Spring 2025") == Date{2025, 3, 0});
  CHECK_FALSE(SeasonStart("Autumn"));
  CHECK_FALSE(SeasonStart("autumn 2024"));
  CHECK_FALSE(SeasonStart("Autumn 20245"));
}

TEST_CASE("meetings join the timeline, events written in a document keep it as their source, and each kind has its symbol") {
  Authority a;
  Document letter;
  letter.slug = "letter";
  letter.title = "Monitoring visit letter";
  letter.type = "ofsted-letter";
  letter.date = D("2023-06-30");
  Event visit{D("2023-06-12"), "Monitoring visit", false, "", "", {}, {}};
  visit.kind = "ofsted";
  letter.events.push_back(visit);
  a.documents.push_back(letter);
  a.meetings.push_back(Meeting{D("2023-07-17"), "Improvement board", "", {}, {}});
  Event review{D("2023-09"), "DfE review", false, "", "", {}, {}};
  review.kind = "dfe";
  a.events.push_back(review);
  a.events.push_back(Event{D("2023-10"), "Something else", false, "", "", {}, {}});
  auto t = BuildTimeline(a);
  REQUIRE(t.size() == 5);
  CHECK(t[0].title == "Monitoring visit");
  CHECK(t[0].source == "letter");  // from the document it is written in
  CHECK(SymbolOf(t[0]) == TimelineSymbol::kOfsted);
  CHECK(SymbolOf(t[1]) == TimelineSymbol::kOfsted);  // the letter itself
  CHECK(t[2].kind == TimelineEntry::Kind::kMeeting);
  CHECK(TimelineKindLabel(t[2]) == "Meeting");
  CHECK(SymbolOf(t[2]) == TimelineSymbol::kMeeting);
  CHECK(SymbolOf(t[3]) == TimelineSymbol::kDfe);
  CHECK(SymbolOf(t[4]) == TimelineSymbol::kOther);
  // Each symbol has its own id and words for the key.
  std::set<std::string> ids, labels;
  for (TimelineSymbol s : kTimelineSymbols) ids.insert(TimelineSymbolId(s)), labels.insert(TimelineSymbolLabel(s));
  CHECK(ids.size() == 6);
  CHECK(labels.size() == 6);
}
