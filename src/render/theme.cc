#include "render/theme.h"

#include "embedded_theme.h"

namespace tracker {

namespace {

// Only '_' templates are partials, so a partial never shadows a page.
PartialLookup Partials(const Theme& theme) {
  return [&theme](const std::string& p) -> const MustacheTemplate* {
    if (p.empty() || p[0] != '_') return nullptr;
    auto found = theme.compiled.find(p);
    return found == theme.compiled.end() ? nullptr : found->second.get();
  };
}

}  // namespace

Theme CompileTheme(ThemeFiles files, Diagnostics& diag, bool render_by_code) {
  Theme theme;
  static_cast<ThemeFiles&>(theme) = std::move(files);
  theme.render_by_code = render_by_code;
  theme.compiled.clear();
  theme.content_in_place.clear();
  std::map<std::string, MustacheTemplate*> linkable;
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
    linkable[name] = t.get();
    theme.compiled[name] = std::move(t);
  }
  const PartialLookup partials = Partials(theme);
  for (const auto& [name, t] : linkable) t->LinkPartials(partials);
  for (const auto& [name, t] : theme.compiled)
    if (t->OnlyRaw("content", partials)) theme.content_in_place.insert(name);
  auto bundled = [&](const std::string& name) {
    auto t = theme.templates.find(name);
    if (t == theme.templates.end()) return false;
    for (const auto& f : EmbeddedThemeFiles())
      if (f.path == "templates/" + name + ".html") return f.bytes == t->second;
    return false;
  };
  theme.values_table_by_code = theme.render_by_code && bundled("_values_table") && bundled("_symbol_key");
  theme.status_history_by_code = theme.render_by_code && bundled("_status_history") && bundled("_status");
  theme.history_field = !(theme.status_history_by_code && bundled("measure"));
  return theme;
}

namespace {

const MustacheTemplate* Find(const Theme& theme, const std::string& name, std::string* error) {
  auto it = theme.compiled.find(name);
  if (it == theme.compiled.end()) {
    *error = "template '" + name + ".html' is missing from the theme";
    return nullptr;
  }
  return it->second.get();
}

bool NoneMissing(const Theme& theme, const std::string& name, const std::string& missing, std::string* error) {
  if (missing.empty()) return true;
  if (missing[0] == '\n') {
    *error = theme.template_paths.at(name) + ": " +
             (missing.size() > 1 ? "partial '" + missing.substr(1) + "' goes on including itself"
                                 : std::string("the page renders without end (ten million tags or 64 MB)")) +
             "; a partial that includes itself, or sections over lists nested deep, need a section that ends them";
    return false;
  }
  *error = theme.template_paths.at(name) + ": partial '" + missing + "' is not in the theme; partials are templates named _" +
           "something.html";
  return false;
}

}  // namespace

bool RenderTemplate(const Theme& theme, const std::string& name, const View& view,
                    std::string* out, std::string* error) {
  const MustacheTemplate* t = Find(theme, name, error);
  if (!t) return false;
  std::string missing;
  out->clear();
  t->Render(view, Partials(theme), out, &missing);
  return NoneMissing(theme, name, missing, error);
}

bool RenderPage(const Theme& theme, const std::string& layout, const std::string& inner, View& view,
                std::string* out, std::string* error) {
  const MustacheTemplate* outer = Find(theme, layout, error);
  const MustacheTemplate* content = outer ? Find(theme, inner, error) : nullptr;
  if (!content) return false;
  const PartialLookup partials = Partials(theme);
  if (!theme.content_in_place.count(layout)) {
    std::string text;
    if (!RenderTemplate(theme, inner, view, &text, error)) return false;
    view["content"] = std::move(text);
    return RenderTemplate(theme, layout, view, out, error);
  }
  std::string missing, inner_missing;
  const MustacheTemplate::Insert insert{
      "content", [&](std::string* page) { content->Render(view, partials, page, &inner_missing); }};
  out->clear();
  outer->Render(view, partials, out, &missing, &insert);
  return NoneMissing(theme, inner, inner_missing, error) && NoneMissing(theme, layout, missing, error);
}

}  // namespace tracker
