// One KPI of an authority: what it counts, every figure, the chart, how
// it compares, and the measures that use it.
#include "render/pages.h"

#include "escape.h"

#include "render/format.h"

namespace tracker::pages {

std::vector<PageRef> KpiPages(const AuthorityContext& c) {
  return PageForEachKpi(c, [&](const tracker::Kpi& k) { return Paths::Kpi(c.a, k.id); });
}

void Kpi(AuthorityContext& c, const PageRef& page) {
  const Authority& a = c.a;
  const tracker::Kpi& k = c.site.kpis[page.item];
  const std::string& path = page.path;
  View view = c.Base(path, Paths::Kpis(a), {{a.short_name, Paths::Dashboard(a)}, {"Figures", Paths::Kpis(a)}});
  view["kpi"] = {{"label", k.label}, {"description", k.description}, {"unit", UnitPhrase(k.unit)},
                 {"direction", k.direction == Direction::kHigherIsBetter ? "Higher is better"
                               : k.direction == Direction::kLowerIsBetter ? "Lower is better"
                                                                          : "Neither higher nor lower is better in itself"},
                 {"breakdown", k.breakdown}};
  const auto& table = c.ValuesTable(k, path);
  view["values_table"] = View::Ref(table.html);
  view["has_values"] = table.has_values;
  view["comparisons"] = c.Comparisons(k);
  view["official"] = c.OfficialTable(k);
  view["trend"] = c.TrendText(k);
  const OfficialComparison* official = c.Official(k);
  if (table.has_values || (official && !official->points.empty()))
    view["chart"] = AuthorityContext::ChartView(c.OwnChart(k));
  View measures = View::EmptyList();
  for (size_t i = 0; i < a.measures.size(); ++i)
    if (a.measures[i].kpi == k.id) measures.push_back(c.MeasureRow(i, path));
  SetList(view, "has_measures", "measures", std::move(measures));
  // The embed, and the snippet to copy into another site's page: by the
  // site's address where it has one.
  const std::string embed = Paths::Embed(a, k.id);
  const std::string src = c.site.config.base_url.empty() ? c.Href(path, embed) : c.site.config.base_url + embed;
  view["embed"] = {{"href", c.Href(path, embed)},
                   {"snippet", "<iframe src=\"" + EscapeXml(src) + "\" title=\"" + EscapeXml(k.label + ", " + a.name) +
                                   "\" width=\"100%\" height=\"720\" style=\"border: 0\" loading=\"lazy\"></iframe>"}};
  c.Emit(path, "kpi", std::move(view), k.label + ", " + a.short_name, k.description.empty() ? k.label : k.description);
}

}  // namespace tracker::pages
