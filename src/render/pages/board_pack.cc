// The board pack: the papers an improvement board or scrutiny panel is sent
// before a meeting, on A4. The position at a date (each measure's status,
// worst first), what changed since the meeting before, each measure slow to
// progress with its chart and sentence, and the timeline since that
// meeting. One for the next meeting, as at the site's date, and one for
// each meeting held, as things stood on its day.
#include "render/pages.h"

#include <algorithm>

#include "escape.h"
#include "render/explain.h"

namespace tracker::pages {

namespace {

// Whose pack a page is: the next meeting's (no meeting) or a meeting's.
struct Pack {
  const tracker::Changes* changes;
  std::vector<MeasureStatus> statuses;  // at `at`
  std::vector<size_t> slow;             // SlowToProgress of those
  Date at;
  const tracker::Meeting* meeting = nullptr;
};

Pack PackOf(const AuthorityContext& c, const PageRef& page) {
  if (page.item == 0) return {&c.aa.changes, c.aa.measures, c.aa.slow, c.as_at(), nullptr};
  const tracker::Changes& m = c.aa.meetings[page.item - 1];
  return {&m, m.statuses, SlowToProgress(c.a, m.statuses), m.until->date, m.until};
}

// How many measures have each status, worst first.
View Counts(const std::vector<MeasureStatus>& statuses) {
  View out = View::EmptyList();
  for (size_t k : kStatusOrder) {
    const auto n = std::count_if(statuses.begin(), statuses.end(),
                                 [&](const MeasureStatus& s) { return static_cast<size_t>(s.status) == k; });
    if (n) out.push_back({{"status", StatusView(static_cast<Status>(k))}, {"count", std::to_string(n)}});
  }
  return out;
}

}  // namespace

std::vector<PageRef> BoardPackPages(const AuthorityContext& c) {
  std::vector<PageRef> out = {{Paths::BoardPack(c.a), 0}};
  for (size_t i = 0; i < c.aa.meetings.size(); ++i) out.push_back({Paths::MeetingPack(c.a, *c.aa.meetings[i].until), i + 1});
  return out;
}

void BoardPack(AuthorityContext& c, const PageRef& page) {
  const Authority& a = c.a;
  const std::string& path = page.path;
  const Pack pack = PackOf(c, page);
  View view = c.Base(path, Paths::Dashboard(a), {{a.short_name, Paths::Dashboard(a)}});
  const std::string title = pack.meeting ? "Board pack: " + pack.meeting->title + ", " + pack.meeting->date.Long()
                                         : "Board pack: " + a.short_name + ", as at " + pack.at.Long();
  view["heading"] = title;
  // Each printed page says what date the pack is as at.
  view["print_running"] = EscapeCssString(c.site.config.title + " \u00b7 " + title);
  view["at"] = DateView(pack.at);
  view["meeting"] = pack.meeting ? View{{"title", pack.meeting->title}, {"date", DateView(pack.meeting->date)},
                                        {"href", c.Href(path, Paths::Meeting(a, *pack.meeting))}}
                                 : View();
  const tracker::Changes& ch = *pack.changes;
  view["since"] = ch.since ? View{{"title", ch.since->title}, {"date", DateView(ch.since->date)}} : View();
  view["counts"] = Counts(pack.statuses);
  // Every measure, worst first, as it stood.
  View measures = View::EmptyList();
  for (size_t i : WorstFirst(a, pack.statuses)) measures.push_back(c.MeasureRowAt(i, pack.statuses[i], pack.at, path));
  SetList(view, "has_all_measures", "all_measures", std::move(measures));
  // Each measure slow to progress, with its chart as it then stood.
  std::vector<AuthorityContext::DrawnChart> charts;  // the views show them by reference
  charts.reserve(pack.slow.size());
  View slow_rows = View::EmptyList();
  for (size_t i : pack.slow) {
    View row = c.MeasureRowAt(i, pack.statuses[i], pack.at, path);
    const tracker::Measure& m = a.measures[i];
    if (const tracker::Kpi* k = m.kpi.empty() ? nullptr : c.site.FindKpi(m.kpi)) {
      charts.push_back(c.KpiChart(*k, &m, "pack-" + m.id, pack.at));
      row["chart"] = AuthorityContext::ChartView(charts.back());
    }
    slow_rows.push_back(std::move(row));
  }
  SetList(view, "has_slow", "slow", std::move(slow_rows));
  // What changed since the meeting before, and the timeline since then.
  AddChanges(c, ch, path, view);
  View timeline = View::EmptyList();
  for (const auto& t : c.Timeline())
    if ((!ch.from || t.sort.FirstDay() > ch.from->FirstDay()) && t.sort.FirstDay() <= pack.at.FirstDay())
      timeline.push_back(c.TimelineEntryView(t, path));
  SetList(view, "has_timeline", "timeline", std::move(timeline));
  c.Emit(path, "board_pack", std::move(view), title,
         "The papers for " + (pack.meeting ? "the " + pack.meeting->title + " of " + pack.meeting->date.Long()
                                           : std::string("the next meeting")) +
             ": " + a.name + "'s measures, what changed, and what is slow to progress.");
}

}  // namespace tracker::pages
