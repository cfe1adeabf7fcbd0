// A theme: Mustache templates and static assets. Templates are looked up in
// the site's themes/<name>/ first and then in the built-in default theme.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>

#include "diagnostics.h"
#include "render/mustache.h"
#include "theme_files.h"

namespace tracker {

struct Theme : ThemeFiles {
  // Compiled once by CompileTheme; shared, read-only, by every render thread.
  std::map<std::string, std::shared_ptr<const MustacheTemplate>> compiled;
  // The templates that use "content" only as a raw variable, partials
  // included, so a page's content can be written straight into them.
  std::set<std::string> content_in_place;
  // Whether the table of every figure of a KPI is written by code: when
  // `_values_table` and `_symbol_key` are the bundled templates, whose
  // bytes the code makes. Tests turn `render_by_code` off to compare.
  bool render_by_code = true;
  bool values_table_by_code = false;
  // Likewise a measure's status over time, from `_status_history` and
  // `_status`; `history_field` is whether measure pages still need their
  // `history` list (a theme's own measure.html may print it itself).
  bool status_history_by_code = false;
  bool history_field = true;
};

// Compiles every template of the files load gathered, reporting syntax
// errors with their line. `render_by_code` false: every table from its
// template, as tests compare.
[[nodiscard]] Theme CompileTheme(ThemeFiles files, Diagnostics& diag, bool render_by_code = true);

// Renders template `name` with `view`. Templates named with a leading '_'
// are partials: {{> _breadcrumbs}}. Returns false and sets *error on a
// missing template or partial.
bool RenderTemplate(const Theme& theme, const std::string& name, const View& view,
                    std::string* out, std::string* error);

// A page: template `layout` with template `inner` rendered where it prints
// {{{content}}}, both from `view`. The inner template is written straight
// into the page when the layout uses "content" only that way; otherwise it
// is rendered first and set as the view's "content".
bool RenderPage(const Theme& theme, const std::string& layout, const std::string& inner, View& view,
                std::string* out, std::string* error);

}  // namespace tracker
