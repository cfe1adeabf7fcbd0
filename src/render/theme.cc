#include "render/theme.h"

namespace tracker {

void CompileTheme(Theme& theme, Diagnostics& diag) {
  theme.compiled.clear();
  for (const auto& [name, text] : theme.templates) {
    std::string error;
    auto t = MustacheTemplate::Compile(text, &error);
    if (!t) {
      // "line N: ..." becomes the position of the diagnostic.
      int line = 0;
      std::string message = error;
      if (error.rfind("line ", 0) == 0) {
        line = std::atoi(error.c_str() + 5);
        message = error.substr(error.find(": ") + 2);
      }
      diag.Error({theme.template_paths.at(name), line, 0}, "template error: " + message);
      continue;
    }
    theme.compiled[name] = std::move(t);
  }
}

bool RenderTemplate(const Theme& theme, const std::string& name, const View& view,
                    std::string* out, std::string* error) {
  auto it = theme.compiled.find(name);
  if (it == theme.compiled.end()) {
    *error = "template '" + name + ".html' is missing from the theme";
    return false;
  }
  // Only '_' templates are partials, so a partial never shadows a page.
  PartialLookup partials = [&theme](const std::string& p) -> const MustacheTemplate* {
    if (p.empty() || p[0] != '_') return nullptr;
    auto found = theme.compiled.find(p);
    return found == theme.compiled.end() ? nullptr : found->second.get();
  };
  std::string missing;
  out->clear();
  it->second->Render(view, partials, out, &missing);
  if (!missing.empty()) {
    *error = theme.template_paths.at(name) + ": partial '" + missing + "' is not in the theme; partials are templates named _" +
             "something.html";
    return false;
  }
  return true;
}

}  // namespace tracker
