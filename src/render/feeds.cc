#include "render/feeds.h"

#include <algorithm>

#include "escape.h"

namespace tracker {

namespace {

// Atom wants a full timestamp; a date becomes midnight UTC of its first day.
std::string Timestamp(const Date& d) { return DateFromDays(d.FirstDay()).Iso() + "T00:00:00Z"; }

// Stable ids: the address when the site has one, else a URN from the slugs.
std::string EntryId(const SiteConfig& config, const std::string& path) {
  if (!config.base_url.empty()) return config.base_url + path;
  return "urn:tracker:" + path;
}

}  // namespace

FeedEntry DocumentEntry(const SiteConfig& config, const std::string& slug, const std::string& prefix,
                        const std::string& document, const Date& date, const std::string& title,
                        const std::string& summary) {
  std::string path = slug + "/documents/" + document + ".html";
  return {date, prefix + title, path, summary, EntryId(config, path), document, 0};
}

FeedEntry SnapshotEntry(const SiteConfig& config, const std::string& slug, const std::string& prefix,
                        const Date& as_at, size_t figures) {
  return {as_at, prefix + "Figures as at " + as_at.Long(), slug + "/kpis/index.html",
          std::to_string(figures) + " figures reported as at " + as_at.Long() + ".",
          EntryId(config, slug + "/snapshots/" + as_at.Iso()), "", figures};
}

std::vector<FeedEntry> FeedEntries(const SiteConfig& config, const Authority& a, const Date& as_at, bool site_wide) {
  std::vector<FeedEntry> entries;
  const std::string prefix = site_wide ? a.short_name + ": " : "";
  for (const auto& d : a.documents)
    if (d.date.FirstDay() <= as_at.FirstDay())
      entries.push_back(DocumentEntry(config, a.slug, prefix, d.slug, d.date, d.title, d.summary));
  for (const auto& s : a.snapshots)
    if (s.as_at <= as_at) entries.push_back(SnapshotEntry(config, a.slug, prefix, s.as_at, s.values.size()));
  SortFeed(entries);
  return entries;
}

void SortFeed(std::vector<FeedEntry>& entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const FeedEntry& x, const FeedEntry& y) {
    return std::make_tuple(y.date.FirstDay(), x.id) < std::make_tuple(x.date.FirstDay(), y.id);
  });
}

std::string RenderAtomFeed(const SiteConfig& config, const std::vector<FeedEntry>& entries, const std::string& self,
                           const std::string& alternate, const std::string& about, const Date& as_at) {
  std::string base = config.base_url;
  // Links in a feed must be absolute to work in a reader; without a base_url
  // they are relative to the feed, which readers resolve against its address.
  std::string prefix = base;
  if (base.empty())
    for (long i = 0; i < std::count(self.begin(), self.end(), '/'); ++i) prefix += "../";
  std::string title = config.title + (about.empty() ? "" : ": " + about);
  std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
                  EscapeXml(config.language) + "\">\n";
  x += "  <title>" + EscapeXml(title) + "</title>\n";
  x += "  <subtitle>New documents and figures</subtitle>\n";
  x += "  <id>" + EscapeXml(EntryId(config, self)) + "</id>\n";
  x += "  <link rel=\"self\" href=\"" + EscapeXml(prefix + self) + "\"/>\n";
  x += "  <link rel=\"alternate\" href=\"" + EscapeXml(prefix + alternate) + "\"/>\n";
  x += "  <updated>" + (entries.empty() ? Timestamp(as_at) : Timestamp(entries.front().date)) + "</updated>\n";
  x += "  <author><name>" + EscapeXml(config.organisation.empty() ? config.title : config.organisation) +
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
