// "How progress is judged": the rules in plain words, with the thresholds
// this site's build uses, from site.yml.
#include "render/pages.h"

#include "render/format.h"

namespace tracker::pages {

void Method(SiteContext& c, const std::string& path) {
  const ProgressMethod& pm = c.site.config.progress;
  auto ratio = [](double r) { std::string s; AppendPlainNumber(&s, r, 4); return s; };
  auto pct = [](double r) { std::string s; AppendPlainNumber(&s, r * 100, 2); return s + "%"; };
  const auto periods = static_cast<size_t>(pm.figure_periods);
  View statuses = View::EmptyList();
  for (size_t k : kStatusOrder) statuses.push_back({{"status", StatusView(static_cast<Status>(k))}});
  View view = {{"breadcrumbs", c.Breadcrumbs(path, {{"Home", "index.html"}})},
               {"on_track", ratio(pm.on_track)}, {"on_track_pct", pct(pm.on_track)},
               {"at_risk", ratio(pm.at_risk)}, {"at_risk_pct", pct(pm.at_risk)},
               {"window", std::to_string(c.site.config.trend_window)},
               {"confidence", std::to_string(pm.confidence)},
               {"assessment_months", Plural(static_cast<size_t>(pm.assessment_months), "month", "months")},
               {"figure_periods", std::to_string(pm.figure_periods)},
               {"figure_months", Plural(periods, "month", "months")},
               {"figure_quarters", Plural(periods, "quarter", "quarters")},
               {"figure_years", Plural(periods, "year", "years")},
               {"statuses", std::move(statuses)}};
  c.Emit(path, "method", std::move(view), "How progress is judged",
         "How each measure's status is decided from its figures, its deadline and the documents, with the thresholds "
         "this site uses.");
}

}  // namespace tracker::pages
