// An authority's measures, grouped by category in the order categories
// first appear.
#include "render/pages.h"

#include "render/format.h"

#include <algorithm>

namespace tracker::pages {

void MeasureList(AuthorityContext& c, const PageRef& page) {
  const Authority& a = c.a;
  const std::string& path = page.path;
  View view = c.Base(path, path, {{a.short_name, Paths::Dashboard(a)}});
  View groups = View::EmptyList();
  for (size_t i = 0; i < a.measures.size(); ++i) {
    const tracker::Measure& m = a.measures[i];
    std::string cat = m.category.empty() ? "Other measures" : m.category;
    auto it = std::find_if(groups.items().begin(), groups.items().end(),
                           [&](const View& g) { return g.Find("category")->text() == cat; });
    if (it == groups.items().end()) {
      groups.push_back({{"category", cat}, {"measures", View::EmptyList()}});
      it = groups.items().end() - 1;
    }
    (*it)["measures"].push_back(c.MeasureRow(i, path));
  }
  view["groups"] = groups;
  view["has_measures"] = !a.measures.empty();
  c.Emit(path, "measures", std::move(view), a.short_name + ": measures",
         "The measures " + a.name + " is held to, and their status.");
}

}  // namespace tracker::pages
