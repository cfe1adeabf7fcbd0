#include "render/pages.h"

namespace tracker {

namespace {

std::vector<PageRef> One(std::string path) { return {PageRef{std::move(path), 0}}; }

// Every page type. To add one: a file in render/pages/, a template in the
// theme, and a row here; the sitemap and the build follow.
const AuthorityPageType kAuthorityPages[] = {
    {"dashboard", [](const AuthorityContext& c) { return One(Paths::Dashboard(c.a)); }, pages::Dashboard, true},
    {"timeline", [](const AuthorityContext& c) { return One(Paths::Timeline(c.a)); }, pages::Timeline, true},
    {"documents", pages::DocumentListPages, pages::DocumentList, true},
    {"document", pages::DocumentPages, pages::Document, true},
    {"measures", [](const AuthorityContext& c) { return One(Paths::Measures(c.a)); }, pages::MeasureList, true},
    {"measure", pages::MeasurePages, pages::Measure, true},
    {"kpis", [](const AuthorityContext& c) { return One(Paths::Kpis(c.a)); }, pages::KpiList, true},
    {"changes", [](const AuthorityContext& c) { return One(Paths::Changes(c.a)); }, pages::Changes, true},
    {"meeting", pages::MeetingPages, pages::Meeting, true},
    {"board_pack", pages::BoardPackPages, pages::BoardPack, true},
    {"embed", pages::EmbedPages, pages::Embed, false},
    {"kpi", pages::KpiPages, pages::Kpi, true},
    {"compares", pages::ComparesPages, pages::Compares, true},
};

const SitePageType kSitePages[] = {
    {"home", "index.html", pages::Home, true},
    {"data", "data.html", pages::Data, true},
    {"accessibility", "accessibility.html", pages::Accessibility, true},
    {"method", kMethodPage, pages::Method, true},
    {"not_found", "404.html", pages::NotFound, false},
};

}  // namespace

std::span<const AuthorityPageType> AuthorityPageTypes() { return kAuthorityPages; }
std::span<const SitePageType> SitePageTypes() { return kSitePages; }

std::vector<std::string> SitemapPages(const AuthorityContext& c) {
  std::vector<std::string> out;
  for (const auto& type : kAuthorityPages)
    if (type.in_sitemap)
      for (auto& page : type.pages(c)) out.push_back(std::move(page.path));
  return out;
}

void RenderAuthorityPages(AuthorityContext& c) {
  c.RenderMarkdownAhead();
  for (const auto& type : kAuthorityPages)
    for (const PageRef& page : type.pages(c)) type.render(c, page);
}

void RenderSitePages(SiteContext& c) {
  for (const auto& type : kSitePages) type.render(c, type.path);
}

}  // namespace tracker
