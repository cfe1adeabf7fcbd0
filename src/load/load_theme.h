// Gathers the theme's files from the built-in default and the site's own;
// render compiles them (CompileTheme).
#pragma once
#include "diagnostics.h"
#include "load/source_tree.h"
#include "model/site.h"
#include "theme_files.h"

namespace tracker {

ThemeFiles LoadTheme(const SourceTree& tree, const SiteConfig& config, Diagnostics& diag);

}  // namespace tracker
