// The accessibility statement, from site.yml's answers.
#include "render/pages.h"

#include "render/format.h"

namespace tracker::pages {

void Accessibility(SiteContext& c, const std::string& path) {
  const SiteConfig& cfg = c.site.config;
  bool default_theme = true;
  for (const auto& [name, origin] : c.theme.template_paths)
    default_theme = default_theme && origin.rfind("(built-in)", 0) == 0;
  View view = {{"breadcrumbs", c.Breadcrumbs(path, {{"Home", "index.html"}})},
               {"address", cfg.base_url.empty() ? cfg.title : cfg.base_url},
               {"compliance", cfg.compliance},
               {"fully", cfg.compliance == "fully"}, {"partially", cfg.compliance == "partially"},
               {"not_compliant", cfg.compliance == "not"},
               {"known_issues", cfg.known_issues}, {"has_known_issues", !cfg.known_issues.empty()},
               {"phone", cfg.contact_phone},
               {"prepared", cfg.statement_prepared ? DateView(*cfg.statement_prepared) : View()},
               {"reviewed", cfg.statement_reviewed ? DateView(*cfg.statement_reviewed) : View()},
               {"tested", cfg.last_tested ? DateView(*cfg.last_tested) : View()},
               {"default_theme", default_theme}, {"version", TRACKER_VERSION},
               {"organisation", cfg.organisation.empty() ? cfg.title : cfg.organisation}};
  c.Emit(path, "accessibility", std::move(view), "Accessibility statement",
         "How accessible this website is, and how to report a problem.");
}

}  // namespace tracker::pages
