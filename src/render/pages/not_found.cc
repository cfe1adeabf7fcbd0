// The 404 page. Served for any missing address, so its links cannot be
// relative: they use the site's address, or the site root when there is none.
#include "render/pages.h"

#include "render/format.h"

namespace tracker::pages {

void NotFound(SiteContext& c, const std::string& path) {
  const std::string& base = c.site.config.base_url;
  c.absolute_root = base.empty() ? "/" : base.substr(base.find('/', base.find("//") + 2));
  View view = {{"breadcrumbs", View::EmptyList()}, {"home_href", c.Href(path, "index.html")}};
  c.Emit(path, "not_found", std::move(view), "Page not found", "The page you asked for is not here.");
  c.absolute_root.clear();
}

}  // namespace tracker::pages
