// One figure and its table as a small page of its own, for a council's
// CMS to embed in an iframe. Not in the sitemap: it lives inside others.
#include "render/pages.h"

#include "render/format.h"

namespace tracker::pages {

std::vector<PageRef> EmbedPages(const AuthorityContext& c) {
  return PageForEachKpi(c, [&](const tracker::Kpi& k) { return Paths::Embed(c.a, k.id); });
}

void Embed(AuthorityContext& c, const PageRef& page) {
  const Authority& a = c.a;
  const tracker::Kpi& k = c.site.kpis[page.item];
  const std::string& path = page.path;
  View view = {{"authority", AuthorityView(a)}, {"data_links", c.DataLinks(path)},
               {"kpi", {{"label", k.label}, {"href", c.Href(path, Paths::Kpi(a, k.id))}}},
               {"trend", c.TrendText(k)}, {"sources", c.Sources(k)}};
  const auto& table = c.ValuesTable(k, path);
  view["values_table"] = View::Ref(table.html);
  view["has_values"] = table.has_values;
  if (table.has_values) {
    const auto& own = c.OwnChart(k);
    view["chart"] = AuthorityContext::ChartView(own);
    view["chart"]["svg"] = chart::WithId(own.svg, "chart-" + k.id, "embed-" + k.id);
  }
  c.Emit(path, "embed", std::move(view), k.label + ", " + a.short_name, k.description.empty() ? k.label : k.description,
         "embed_layout");
}

}  // namespace tracker::pages
