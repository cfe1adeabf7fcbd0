#include <doctest/doctest.h>

#include "test_dates.h"

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
