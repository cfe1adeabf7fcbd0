// Every page type, registered in one table (render/pages.cc): which pages
// of it a build makes, and the function that renders each. Both the pages
// a build renders and the sitemap come from the table, so they cannot
// disagree. Each type lives in a file of its own in render/pages/.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "render/page_context.h"

namespace tracker {

// One page of a type: its path, and which of the authority's items it
// shows, by index (a document, measure, KPI in kpis.json, meeting, or the
// number of a page of a long list); 0 where the type has one page.
struct PageRef {
  std::string path;
  size_t item = 0;
};

// One page for each of `items`, at `path_of(item)`.
template <class Items, class PathOf>
std::vector<PageRef> PageForEach(const Items& items, PathOf&& path_of) {
  std::vector<PageRef> out;
  for (size_t i = 0; i < items.size(); ++i) out.push_back({path_of(items[i]), i});
  return out;
}

// One page for each KPI the authority reports, its item the KPI's place
// in kpis.json.
template <class PathOf>
std::vector<PageRef> PageForEachKpi(const AuthorityContext& c, PathOf&& path_of) {
  std::vector<PageRef> out;
  for (const Kpi* k : c.Kpis()) out.push_back({path_of(*k), static_cast<size_t>(k - c.site.kpis.data())});
  return out;
}

// A type of page every authority has: its dashboard, each of its measures.
struct AuthorityPageType {
  const char* name;
  std::vector<PageRef> (*pages)(const AuthorityContext& c);
  void (*render)(AuthorityContext& c, const PageRef& page);
  bool in_sitemap;  // false for embeds, which sit inside other sites
};

// A page the site has once: the home page, the data page.
struct SitePageType {
  const char* name;
  const char* path;
  void (*render)(SiteContext& c, const std::string& path);
  bool in_sitemap;  // false for the 404 page, served at any address
};

// The table, in the order pages are rendered.
std::span<const AuthorityPageType> AuthorityPageTypes();
std::span<const SitePageType> SitePageTypes();

// The HTML pages of one authority that the sitemap lists, from the table.
std::vector<std::string> SitemapPages(const AuthorityContext& c);
// Renders every page of the authority; then of the site.
void RenderAuthorityPages(AuthorityContext& c);
void RenderSitePages(SiteContext& c);

// The page types, each defined in render/pages/<type>.cc: the pages of
// the type an authority has (where it has more than one), and how one is
// rendered.
namespace pages {
void Dashboard(AuthorityContext& c, const PageRef& page);
void Timeline(AuthorityContext& c, const PageRef& page);
std::vector<PageRef> DocumentListPages(const AuthorityContext& c);
void DocumentList(AuthorityContext& c, const PageRef& page);
std::vector<PageRef> DocumentPages(const AuthorityContext& c);
void Document(AuthorityContext& c, const PageRef& page);
void MeasureList(AuthorityContext& c, const PageRef& page);
std::vector<PageRef> MeasurePages(const AuthorityContext& c);
void Measure(AuthorityContext& c, const PageRef& page);
void KpiList(AuthorityContext& c, const PageRef& page);
std::vector<PageRef> KpiPages(const AuthorityContext& c);
void Kpi(AuthorityContext& c, const PageRef& page);
std::vector<PageRef> ComparesPages(const AuthorityContext& c);
void Compares(AuthorityContext& c, const PageRef& page);
std::vector<PageRef> EmbedPages(const AuthorityContext& c);
void Embed(AuthorityContext& c, const PageRef& page);
void Changes(AuthorityContext& c, const PageRef& page);
std::vector<PageRef> MeetingPages(const AuthorityContext& c);
void Meeting(AuthorityContext& c, const PageRef& page);
// What changed between `c`'s dates, as "what changed" and the board packs show it.
void AddChanges(const AuthorityContext& ac, const tracker::Changes& c, const std::string& path, View& view);
std::vector<PageRef> BoardPackPages(const AuthorityContext& c);
void BoardPack(AuthorityContext& c, const PageRef& page);

void Home(SiteContext& c, const std::string& path);
void Data(SiteContext& c, const std::string& path);
void Accessibility(SiteContext& c, const std::string& path);
void Method(SiteContext& c, const std::string& path);
void NotFound(SiteContext& c, const std::string& path);
}  // namespace pages

}  // namespace tracker
