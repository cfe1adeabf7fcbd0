// Discovery files: Atom feeds of new documents and figures, the sitemap and
// robots.txt. XML is written through EscapeXml, like every other output.
#pragma once
#include <string>
#include <vector>

#include "model/site.h"

namespace tracker {

// An Atom feed of one authority's documents and snapshots, newest first, or
// of every authority when `a` is null. `self` is the feed's own path.
std::string RenderAtomFeed(const Site& site, const Authority* a, const std::string& self, const Date& as_at);

// Needs base_url: a sitemap lists absolute addresses.
std::string RenderSitemap(const std::string& base_url, const std::vector<std::string>& html_paths);
std::string RenderRobots(const std::string& base_url);

}  // namespace tracker
