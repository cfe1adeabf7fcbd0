// "How <authority> compares": every KPI with an official series, its
// newest official figure beside England's, its region's and its
// statistical neighbours', with its rank, quartile and change on a year
// earlier. Made only where some KPI has an official figure.
#include "render/pages.h"

namespace tracker::pages {

std::vector<PageRef> ComparesPages(const AuthorityContext& c) {
  if (!c.HasOfficial()) return {};
  return {PageRef{Paths::Compares(c.a), 0}};
}

void Compares(AuthorityContext& c, const PageRef& page) {
  const Authority& a = c.a;
  const std::string& path = page.path;
  View view = c.Base(path, path, {{a.short_name, Paths::Dashboard(a)}});
  view["rows"] = c.OfficialRows(path);
  view["region"] = c.aa.official.region_name;
  view["neighbour_text"] = c.NeighbourText();
  view["sources"] = c.OfficialSources();
  c.Emit(path, "compares", std::move(view), "How " + a.short_name + " compares",
         "The latest official figures for " + a.short_name + " beside England, its region and its statistical neighbours.");
}

}  // namespace tracker::pages
