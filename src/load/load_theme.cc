#include "load/load_theme.h"

#include "embedded_theme.h"

namespace tracker {

namespace {

void Add(ThemeFiles& theme, const std::string& rel, std::string bytes, const std::string& origin) {
  if (rel.rfind("templates/", 0) == 0 && rel.size() > 15 && rel.compare(rel.size() - 5, 5, ".html") == 0) {
    std::string name = rel.substr(10, rel.size() - 15);
    theme.templates[name] = std::move(bytes);
    theme.template_paths[name] = origin;
  } else if (rel.rfind("assets/", 0) == 0) {
    theme.assets[rel] = std::move(bytes);
  }
}

}  // namespace

ThemeFiles LoadTheme(const SourceTree& tree, const SiteConfig& config, Diagnostics& diag) {
  ThemeFiles theme;
  theme.name = config.theme;
  for (const auto& f : EmbeddedThemeFiles())
    Add(theme, std::string(f.path), std::string(f.bytes), "(built-in) themes/default/" + std::string(f.path));
  const std::string prefix = "themes/" + config.theme + "/";
  bool found = false;
  for (const auto& [path, bytes] : tree.files) {
    if (path.rfind(prefix, 0) != 0) continue;
    found = true;
    std::string rel = path.substr(prefix.size());
    // A copy of a built-in file changes nothing, so it keeps the built-in's
    // name: the accessibility statement can still vouch for the theme.
    bool same = false;
    for (const auto& f : EmbeddedThemeFiles()) same = same || (f.path == rel && f.bytes == bytes);
    Add(theme, rel, bytes, same ? "(built-in) themes/default/" + rel : path);
  }
  if (!config.logo.empty() && !theme.assets.count(config.logo))
    diag.Error({"site.yml", 0, 0}, "logo '" + config.logo + "' is not a file of the theme: put it in themes/" +
               config.theme + "/assets/ and write logo: assets/<file>");
  if (!found && config.theme != "default")
    diag.Error({"site.yml", 0, 0}, "theme '" + config.theme + "' not found: add themes/" + config.theme +
               "/templates/ to the source, or remove 'theme:' to use the default");
  return theme;
}

}  // namespace tracker
