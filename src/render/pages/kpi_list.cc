// An authority's latest figures, one row for each KPI it reports.
#include "render/pages.h"

#include "render/format.h"

namespace tracker::pages {

void KpiList(AuthorityContext& c, const PageRef& page) {
  const Authority& a = c.a;
  const std::string& path = page.path;
  View view = c.Base(path, path, {{a.short_name, Paths::Dashboard(a)}});
  SetList(view, "has_figures", "figures", c.LatestFigures(path));
  c.Emit(path, "kpis", std::move(view), a.short_name + ": figures",
         "The latest performance figures reported for " + a.name + ".");
}

}  // namespace tracker::pages
