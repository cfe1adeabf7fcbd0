// A theme: Mustache templates and static assets. Templates are looked up in
// the site's themes/<name>/ first and then in the built-in default theme.
#pragma once
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "diagnostics.h"

namespace tracker {

struct Theme {
  std::string name;
  std::map<std::string, std::string> templates;  // "measure" -> Mustache text
  std::map<std::string, std::string> template_paths;  // "measure" -> where it came from
  std::map<std::string, std::string> assets;     // "assets/site.css" -> bytes
};

// Renders template `name` with `view`. Templates named with a leading '_'
// are partials: {{> _breadcrumbs}}. Returns false and sets *error on a template error.
bool RenderTemplate(const Theme& theme, const std::string& name, const nlohmann::json& view,
                    std::string* out, std::string* error);

// Parses every template once so syntax errors are reported before rendering.
void CheckTheme(const Theme& theme, Diagnostics& diag);

}  // namespace tracker
