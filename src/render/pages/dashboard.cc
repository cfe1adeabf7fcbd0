// An authority's dashboard: every measure worst first with its recent
// statuses, what is slow to progress, the latest figures, documents,
// what is coming and Ofsted's judgements. Also the home page of a site
// with one authority.
#include "render/pages.h"

namespace tracker::pages {

namespace {

// How many of a measure's latest dates its row on the dashboard shows: years
// of monthly reports would stretch the table off the screen. The measure's
// page has them all.
constexpr size_t kStripDates = 12;

View MeasureRows(const AuthorityContext& c, const std::string& path) {
  View measures = View::EmptyList();
  for (size_t i : WorstFirst(c.a, c.aa.measures)) {
    View row = c.MeasureRow(i, path);
    const auto& history = c.aa.histories[i];
    const size_t shown = std::min(history.size(), kStripDates);
    row["history"] = c.HistoryView(std::span(history).last(shown));
    row["history_label"] = shown < history.size() ? "Status at the latest " + std::to_string(shown) + " of " +
                                                        std::to_string(history.size()) + " dates"
                                                  : std::string("Status at each date");
    // The strip's dates as text, not only in tooltips touch users never see.
    if (shown)
      row["history_range"] = shown == 1 ? history.back().date.Long()
                                        : history[history.size() - shown].date.Long() + " to " + history.back().date.Long();
    row["history_more"] = shown < history.size()
                              ? View{{"count", history.size()},
                                     {"href", c.Href(path, Paths::Measure(c.a, c.a.measures[i].id)) + "#status-over-time"}}
                              : View();
    measures.push_back(std::move(row));
  }
  return measures;
}

}  // namespace

void Dashboard(AuthorityContext& c, const PageRef& page) {
  const Authority& a = c.a;
  const std::string& path = page.path;
  View view = c.Base(path, Paths::Dashboard(a), {});
  if (path == "index.html") view["breadcrumbs"] = View::EmptyList();
  view["intro"] = c.Markdown(a.intro);
  SetList(view, "has_measures", "measures", MeasureRows(c, path));
  View key = View::EmptyList();
  for (size_t k : kStatusOrder) key.push_back(View::Share(SharedStatusView(static_cast<Status>(k))));
  view["strip_key"] = std::move(key);
  View slow = View::EmptyList();
  for (size_t i : c.aa.slow) slow.push_back(c.MeasureRow(i, path));
  SetList(view, "has_slow", "slow", std::move(slow));
  SetList(view, "has_figures", "figures", c.LatestFigures(path));
  View docs = View::EmptyList();
  for (auto it = a.documents.rbegin(); it != a.documents.rend() && docs.size() < 5; ++it)
    docs.push_back(c.DocumentLink(it->slug, path));
  SetList(view, "has_documents", "documents", std::move(docs));
  View upcoming = View::EmptyList();
  for (const auto& t : c.Timeline())
    if (t.date.LastDay() > c.as_at().FirstDay()) upcoming.push_back(c.TimelineEntryView(t, path));
  SetList(view, "has_upcoming", "upcoming", std::move(upcoming));
  View ofsted = View::EmptyList();
  for (auto it = a.ofsted.rbegin(); it != a.ofsted.rend(); ++it)
    ofsted.push_back({{"date", DateView(it->date)}, {"judgement", it->judgement},
                      {"source", c.DocumentLink(it->source, path)}});
  SetList(view, "has_ofsted", "ofsted", std::move(ofsted));
  view["links"] = {{"timeline", c.Href(path, Paths::Timeline(a))}, {"documents", c.Href(path, Paths::Documents(a))},
                   {"measures", c.Href(path, Paths::Measures(a))}, {"kpis", c.Href(path, Paths::Kpis(a))},
                   {"changes", c.Href(path, Paths::Changes(a))}, {"board_pack", c.Href(path, Paths::BoardPack(a))}};
  const tracker::Meeting* last = c.aa.changes.since;
  view["last_meeting"] = last ? View{{"title", last->title}, {"date", DateView(last->date)}} : View();
  c.Emit(path, "dashboard", std::move(view), a.name + ": improvement dashboard",
         "Measures, figures, documents and events of " + a.name + "'s children's services improvement.");
}

}  // namespace tracker::pages
