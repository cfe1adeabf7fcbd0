#include "render/summary.h"

#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

namespace tracker {

namespace {

using json = nlohmann::ordered_json;

json DateJson(const Date& d) { return d.valid() ? json(d.Iso()) : json(nullptr); }

Date DateFrom(const json& j) {
  if (j.is_null()) return {};
  std::string why;
  auto d = ParseDate(j.get<std::string>(), &why);
  if (!d) throw std::runtime_error(why);
  return *d;
}

}  // namespace

AuthoritySummary Summarize(const SiteConfig& config, const Authority& a, const AuthorityAssessment& aa,
                           const Date& as_at) {
  AuthoritySummary s;
  s.slug = a.slug;
  s.name = a.name;
  s.short_name = a.short_name;
  s.region = a.region;
  s.ons_code = a.ons_code;
  s.measures = a.measures.size();
  s.documents = a.documents.size();
  for (const auto& m : aa.measures) ++s.statuses[static_cast<size_t>(m.status)];
  if (!a.documents.empty()) {
    const Document& d = a.documents.back();
    s.latest_document = AuthoritySummary::DocumentRef{d.slug, d.title, d.type, d.date};
  }
  s.newest = NewestOf(a);
  s.feed = FeedEntries(config, a, as_at, true);
  if (s.feed.size() > kSiteFeedEntries) s.feed.resize(kSiteFeedEntries);
  return s;
}

std::vector<FeedEntry> SiteFeed(const std::vector<AuthoritySummary>& all) {
  std::vector<FeedEntry> feed;
  for (const auto& s : all) feed.insert(feed.end(), s.feed.begin(), s.feed.end());
  SortFeed(feed);
  if (feed.size() > kSiteFeedEntries) feed.resize(kSiteFeedEntries);
  return feed;
}

bool SiteFeedKnown(const std::vector<AuthoritySummary>& all, const std::optional<FeedCutoff>& cutoff) {
  if (!cutoff) return true;  // every entry was kept
  std::vector<FeedEntry> feed = SiteFeed(all);
  if (feed.size() < kSiteFeedEntries) return false;
  const FeedEntry& last = feed.back();
  return std::make_tuple(-last.date.FirstDay(), last.id) <= std::make_tuple(-cutoff->day, cutoff->id);
}

std::string SummariesToJson(const std::vector<CachedSummary>& cached, const std::string& as_at,
                            const std::vector<FeedEntry>& site_feed) {
  std::set<std::string> in_feed;
  for (const auto& e : site_feed) in_feed.insert(e.id);
  json all = json::array();
  for (const auto& [fingerprint, s] : cached) {
    json feed = json::array();
    // The parts the entry is made from; the rest follows from the site.
    const size_t prefix = s.short_name.size() + 2;
    for (const auto& e : s.feed) {
      if (!in_feed.count(e.id)) continue;
      if (e.document.empty())
        feed.push_back({DateJson(e.date), e.figures});
      else
        feed.push_back({DateJson(e.date), e.document, e.title.substr(prefix), e.summary});
    }
    json pages = json::array();
    for (const auto& p : s.pages) pages.push_back(p.substr(s.slug.size() + 1));
    json downloads = json::array();
    for (const auto& d : s.downloads) downloads.push_back({d.path, d.title, d.format, d.rows, d.bytes, d.authority});
    json doc = nullptr;
    if (s.latest_document)
      doc = {s.latest_document->slug, s.latest_document->title, s.latest_document->type,
             DateJson(s.latest_document->date)};
    all.push_back({{"fingerprint", fingerprint},
                   {"slug", s.slug}, {"name", s.name}, {"short_name", s.short_name}, {"region", s.region},
                   {"ons_code", s.ons_code}, {"measures", s.measures}, {"documents", s.documents},
                   {"statuses", s.statuses}, {"latest_document", doc},
                   {"newest", {DateJson(s.newest.snapshot), DateJson(s.newest.document)}},
                   {"feed", feed}, {"pages", pages}, {"downloads", downloads}, {"rows", s.rows}});
  }
  json cutoff = nullptr;
  if (site_feed.size() >= kSiteFeedEntries) cutoff = {site_feed.back().date.FirstDay(), site_feed.back().id};
  return json({{"as_at", as_at}, {"feed_cutoff", cutoff}, {"summaries", all}}).dump() + "\n";
}

std::vector<CachedSummary> SummariesFromJson(const std::string& text, const SiteConfig& config, std::string* as_at,
                                             std::optional<FeedCutoff>* cutoff) {
  std::vector<CachedSummary> out;
  try {
    const json all = json::parse(text);
    *as_at = all.at("as_at").get<std::string>();
    const json& c = all.at("feed_cutoff");
    *cutoff = c.is_null() ? std::nullopt : std::optional<FeedCutoff>(FeedCutoff{c.at(0).get<long>(), c.at(1).get<std::string>()});
    for (const auto& j : all.at("summaries")) {
      CachedSummary c;
      c.fingerprint = j.at("fingerprint").get<std::string>();
      AuthoritySummary& s = c.summary;
      s.slug = j.at("slug").get<std::string>();
      s.name = j.at("name").get<std::string>();
      s.short_name = j.at("short_name").get<std::string>();
      s.region = j.at("region").get<std::string>();
      s.ons_code = j.at("ons_code").get<std::string>();
      s.measures = j.at("measures").get<size_t>();
      s.documents = j.at("documents").get<size_t>();
      s.statuses = j.at("statuses").get<std::array<int, 5>>();
      const json& doc = j.at("latest_document");
      if (!doc.is_null())
        s.latest_document = AuthoritySummary::DocumentRef{doc.at(0).get<std::string>(), doc.at(1).get<std::string>(),
                                                          doc.at(2).get<std::string>(), DateFrom(doc.at(3))};
      s.newest = {DateFrom(j.at("newest").at(0)), DateFrom(j.at("newest").at(1))};
      const std::string prefix = s.short_name + ": ";
      for (const auto& e : j.at("feed")) {
        if (e.size() == 2)
          s.feed.push_back(SnapshotEntry(config, s.slug, prefix, DateFrom(e.at(0)), e.at(1).get<size_t>()));
        else
          s.feed.push_back(DocumentEntry(config, s.slug, prefix, e.at(1).get<std::string>(), DateFrom(e.at(0)),
                                         e.at(2).get<std::string>(), e.at(3).get<std::string>()));
      }
      for (const auto& p : j.at("pages")) s.pages.push_back(s.slug + "/" + p.get<std::string>());
      for (const auto& d : j.at("downloads"))
        s.downloads.push_back({d.at(0).get<std::string>(), d.at(1).get<std::string>(), d.at(2).get<std::string>(),
                               d.at(3).get<size_t>(), d.at(4).get<size_t>(), d.at(5).get<std::string>()});
      s.rows = j.at("rows").get<size_t>();
      out.push_back(std::move(c));
    }
  } catch (const std::exception&) {
    return {};  // a damaged cache only costs a fuller rebuild
  }
  return out;
}

}  // namespace tracker
