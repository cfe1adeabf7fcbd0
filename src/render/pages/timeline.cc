// An authority's timeline: every dated event, grouped by year (the order
// and what is added are assess/timeline's).
#include "render/pages.h"

#include "render/format.h"

namespace tracker::pages {

void Timeline(AuthorityContext& c, const PageRef& page) {
  const Authority& a = c.a;
  const std::string& path = page.path;
  View view = c.Base(path, path, {{a.short_name, Paths::Dashboard(a)}});
  View years = View::EmptyList();
  for (const auto& t : BuildTimeline(a)) {
    std::string y = std::to_string(t.date.year);
    if (years.empty() || years.back()["year"].text() != y) years.push_back({{"year", y}, {"entries", View::EmptyList()}});
    years.back()["entries"].push_back(c.TimelineEntryView(t, path));
  }
  SetList(view, "has_years", "years", std::move(years));
  c.Emit(path, "timeline", std::move(view), a.short_name + ": timeline",
         "Every dated event in " + a.name + "'s improvement journey.");
}

}  // namespace tracker::pages
