// Turns the source files (already in memory) into the domain model, checking
// every field. Reads no disk: tests hand it an in-memory SourceTree.
#pragma once
#include "diagnostics.h"
#include "load/source_tree.h"
#include "model/site.h"

namespace tracker {

Site LoadSite(const SourceTree& tree, Diagnostics& diag);

// The same, moving the Markdown bodies out of `tree` instead of copying
// them: afterwards each Markdown file there holds only its front matter,
// which is all that error messages quote.
Site LoadSiteMovingBodies(SourceTree& tree, Diagnostics& diag);

// site.yml alone.
SiteConfig LoadConfig(const SourceTree& tree, Diagnostics& diag);

}  // namespace tracker
