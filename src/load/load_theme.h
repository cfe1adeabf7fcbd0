// Assembles the theme from the built-in default and the site's own files.
#pragma once
#include "diagnostics.h"
#include "load/source_tree.h"
#include "model/site.h"
#include "render/theme.h"

namespace tracker {

Theme LoadTheme(const SourceTree& tree, const SiteConfig& config, Diagnostics& diag);

}  // namespace tracker
