// An authority's timeline: every dated event, grouped by year (the order
// and what is added are assess/timeline's).
#include "render/pages.h"

#include "render/format.h"

namespace tracker::pages {

void Timeline(AuthorityContext& c, const PageRef& page) {
  const Authority& a = c.a;
  const std::string& path = page.path;
  View view = c.Base(path, path, {{a.short_name, Paths::Dashboard(a)}});
  // By year, with the as-at date marked where it falls: what is above it
  // has happened by then, what is below is to come.
  View years = View::EmptyList();
  bool marked = false;
  auto year = [&](int y) -> View& {
    const std::string text = std::to_string(y);
    if (years.empty() || years.back()["year"].text() != text)
      years.push_back({{"year", text}, {"entries", View::EmptyList()}});
    return years.back()["entries"];
  };
  const View now = {{"now", true}, {"date", DateView(c.as_at())}};
  for (const auto& t : c.Timeline()) {
    if (!marked && t.sort.FirstDay() > c.as_at().FirstDay()) {
      year(c.as_at().year).push_back(now);
      marked = true;
    }
    year(t.sort.year).push_back(c.TimelineEntryView(t, path));
  }
  if (!marked && !years.empty()) year(c.as_at().year).push_back(now);
  SetList(view, "has_years", "years", std::move(years));
  View key = View::EmptyList();
  for (TimelineSymbol s : kTimelineSymbols) key.push_back({{"id", TimelineSymbolId(s)}, {"label", TimelineSymbolLabel(s)}});
  view["key"] = std::move(key);
  c.Emit(path, "timeline", std::move(view), a.short_name + ": timeline",
         "Every dated event in " + a.name + "'s improvement journey.");
}

}  // namespace tracker::pages
