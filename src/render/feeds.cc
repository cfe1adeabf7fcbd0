#include "render/feeds.h"

#include <algorithm>

#include "render/escape.h"

namespace tracker {

namespace {

// Atom wants a full timestamp; a date becomes midnight UTC of its first day.
std::string Timestamp(const Date& d) { return DateFromDays(d.FirstDay()).Iso() + "T00:00:00Z"; }

struct Entry {
  Date date;
  std::string title, path, summary, id;
};

// Stable ids: the address when the site has one, else a URN from the slugs.
std::string EntryId(const Site& site, const std::string& path) {
  if (!site.config.base_url.empty()) return site.config.base_url + path;
  return "urn:tracker:" + path;
}

}  // namespace

std::string RenderAtomFeed(const Site& site, const Authority* only, const std::string& self, const Date& as_at) {
  std::vector<Entry> entries;
  for (const auto& a : site.authorities) {
    if (only && &a != only) continue;
    for (const auto& d : a.documents) {
      if (d.date.FirstDay() > as_at.FirstDay()) continue;
      std::string path = a.slug + "/documents/" + d.slug + ".html";
      entries.push_back({d.date, (only ? "" : a.short_name + ": ") + d.title, path, d.summary, EntryId(site, path)});
    }
    for (const auto& s : a.snapshots) {
      if (s.as_at > as_at) continue;
      std::string path = a.slug + "/kpis/index.html";
      entries.push_back({s.as_at, (only ? "" : a.short_name + ": ") + "Figures as at " + s.as_at.Long(), path,
                         std::to_string(s.values.size()) + " figures reported as at " + s.as_at.Long() + ".",
                         EntryId(site, a.slug + "/snapshots/" + s.as_at.Iso())});
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
    return std::make_tuple(y.date.FirstDay(), x.id) < std::make_tuple(x.date.FirstDay(), y.id);
  });
  std::string base = site.config.base_url;
  // Links in a feed must be absolute to work in a reader; without a base_url
  // they are relative to the feed, which readers resolve against its address.
  std::string prefix = base;
  if (base.empty())
    for (long i = 0; i < std::count(self.begin(), self.end(), '/'); ++i) prefix += "../";
  std::string title = site.config.title + (only ? ": " + only->name : "");
  std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
                  EscapeXml(site.config.language) + "\">\n";
  x += "  <title>" + EscapeXml(title) + "</title>\n";
  x += "  <subtitle>New documents and figures</subtitle>\n";
  x += "  <id>" + EscapeXml(EntryId(site, self)) + "</id>\n";
  x += "  <link rel=\"self\" href=\"" + EscapeXml(prefix + self) + "\"/>\n";
  x += "  <link rel=\"alternate\" href=\"" + EscapeXml(prefix + (only ? only->slug + "/index.html" : "index.html")) + "\"/>\n";
  x += "  <updated>" + (entries.empty() ? Timestamp(as_at) : Timestamp(entries.front().date)) + "</updated>\n";
  x += "  <author><name>" + EscapeXml(site.config.organisation.empty() ? site.config.title : site.config.organisation) +
       "</name></author>\n";
  for (const auto& e : entries) {
    x += "  <entry>\n";
    x += "    <title>" + EscapeXml(e.title) + "</title>\n";
    x += "    <id>" + EscapeXml(e.id) + "</id>\n";
    x += "    <link rel=\"alternate\" href=\"" + EscapeXml(prefix + e.path) + "\"/>\n";
    x += "    <updated>" + Timestamp(e.date) + "</updated>\n";
    if (!e.summary.empty()) x += "    <summary>" + EscapeXml(e.summary) + "</summary>\n";
    x += "  </entry>\n";
  }
  return x + "</feed>\n";
}

std::string RenderSitemap(const std::string& base_url, const std::vector<std::string>& html_paths) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const auto& p : html_paths) x += "  <url><loc>" + EscapeXml(base_url + p) + "</loc></url>\n";
  return x + "</urlset>\n";
}

std::string RenderRobots(const std::string& base_url) {
  std::string r = "User-agent: *\nAllow: /\n";
  if (!base_url.empty()) r += "Sitemap: " + base_url + "sitemap.xml\n";
  return r;
}

}  // namespace tracker
