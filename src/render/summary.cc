#include "render/summary.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "json_cursor.h"
#include "render/escape.h"

namespace tracker {

namespace {

using json = nlohmann::ordered_json;

Date DateFrom(const json& j) {
  if (j.is_null()) return {};
  std::string why;
  auto d = ParseDate(j.get<std::string>(), &why);
  if (!d) throw std::runtime_error(why);
  return *d;
}

// Every status's id, as StatusId writes it.
std::optional<Status> StatusFromId(const std::string& id) {
  for (size_t k = 0; k < kStatusCount; ++k)
    if (id == StatusId(static_cast<Status>(k))) return static_cast<Status>(k);
  return std::nullopt;
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
  for (size_t i = 0; i < a.measures.size(); ++i) {
    const MeasureStatus& m = aa.measures[i];
    s.judged.push_back({a.measures[i].id, a.measures[i].title, m.status, m.evidence ? *m.evidence : Date{}});
  }
  std::sort(s.judged.begin(), s.judged.end(),
            [](const AuthoritySummary::Judged& x, const AuthoritySummary::Judged& y) { return x.id < y.id; });
  s.newest = NewestOf(a);
  s.feed = FeedEntries(config, a, as_at, true);
  if (s.feed.size() > kSiteFeedEntries) s.feed.resize(kSiteFeedEntries);
  return s;
}

std::vector<StatusChange> StatusChanges(const std::vector<AuthoritySummary>& before,
                                        const std::vector<AuthoritySummary>& after) {
  std::map<std::string, const AuthoritySummary*> was;
  for (const auto& s : before) was[s.slug] = &s;
  std::vector<const AuthoritySummary*> now;
  for (const auto& s : after) now.push_back(&s);
  std::sort(now.begin(), now.end(), [](const AuthoritySummary* x, const AuthoritySummary* y) { return x->slug < y->slug; });
  std::vector<StatusChange> out;
  for (const AuthoritySummary* s : now) {
    auto it = was.find(s->slug);
    if (it == was.end()) continue;
    std::map<std::string, Status> old;
    for (const auto& j : it->second->judged) old[j.id] = j.status;
    for (const auto& j : s->judged) {
      auto o = old.find(j.id);
      if (o != old.end() && o->second != j.status) out.push_back({s->slug, j.id, j.title, o->second, j.status, j.evidence});
    }
  }
  return out;
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

// Written directly, not through a JSON tree: every rebuild writes the
// summaries of every authority, and this is a tenth of what a one-snapshot
// rebuild costs. SummariesFromJson reads it with the general parser.
std::string SummariesToJson(const std::vector<CachedSummary>& cached, const std::string& as_at,
                            const std::vector<FeedEntry>& site_feed) {
  std::set<std::string> in_feed;
  for (const auto& e : site_feed) in_feed.insert(e.id);
  std::string out;
  out.reserve(4096 * (cached.size() + 1));
  auto str = [&](std::string_view v) { AppendJsonString(&out, v); };
  auto num = [&](size_t v) { out += std::to_string(v); };
  auto date = [&](const Date& d) {
    if (d.valid()) str(d.Iso());
    else out += "null";
  };
  out += "{\"as_at\":";
  str(as_at);
  out += ",\"feed_cutoff\":";
  if (site_feed.size() >= kSiteFeedEntries) {
    out += '[';
    out += std::to_string(site_feed.back().date.FirstDay());
    out += ',';
    str(site_feed.back().id);
    out += ']';
  } else {
    out += "null";
  }
  out += ",\"summaries\":[";
  for (size_t i = 0; i < cached.size(); ++i) {
    const auto& [fingerprint, s] = cached[i];
    if (i) out += ',';
    auto text = [&](const char* key, std::string_view v) {
      out += key;
      out += ':';
      str(v);
    };
    out += '{';
    text("\"fingerprint\"", fingerprint);
    for (const auto& [key, v] : {std::pair{",\"slug\"", &s.slug}, {",\"name\"", &s.name},
                                 {",\"short_name\"", &s.short_name}, {",\"region\"", &s.region},
                                 {",\"ons_code\"", &s.ons_code}})
      text(key, *v);
    out += ",\"measures\":";
    num(s.measures);
    out += ",\"documents\":";
    num(s.documents);
    out += ",\"statuses\":[";
    for (size_t k = 0; k < s.statuses.size(); ++k) out += (k ? "," : "") + std::to_string(s.statuses[k]);
    out += "],\"latest_document\":";
    if (const auto& d = s.latest_document) {
      out += '[';
      str(d->slug);
      out += ',';
      str(d->title);
      out += ',';
      str(d->type);
      out += ',';
      date(d->date);
      out += ']';
    } else {
      out += "null";
    }
    out += ",\"newest\":[";
    date(s.newest.snapshot);
    out += ',';
    date(s.newest.document);
    // The parts each kept feed entry is made from; the rest follows from the site.
    out += "],\"feed\":[";
    const size_t prefix = s.short_name.size() + 2;
    bool first = true;
    for (const auto& e : s.feed) {
      if (!in_feed.count(e.id)) continue;
      out += first ? "[" : ",[";
      first = false;
      date(e.date);
      out += ',';
      if (e.document.empty()) {
        num(e.figures);
      } else {
        str(e.document);
        out += ',';
        str(std::string_view(e.title).substr(std::min(prefix, e.title.size())));
        out += ',';
        str(e.summary);
      }
      out += ']';
    }
    out += "],\"pages\":[";
    for (size_t k = 0; k < s.pages.size(); ++k) {
      if (k) out += ',';
      str(std::string_view(s.pages[k]).substr(std::min(s.slug.size() + 1, s.pages[k].size())));
    }
    out += "],\"downloads\":[";
    for (size_t k = 0; k < s.downloads.size(); ++k) {
      const Download& d = s.downloads[k];
      out += k ? ",[" : "[";
      str(d.path);
      out += ',';
      str(d.title);
      out += ',';
      str(d.format);
      out += ',';
      num(d.rows);
      out += ',';
      num(d.bytes);
      out += ',';
      str(d.authority);
      out += ']';
    }
    out += "],\"rows\":";
    num(s.rows);
    out += ",\"judged\":[";
    for (size_t k = 0; k < s.judged.size(); ++k) {
      const auto& j = s.judged[k];
      out += k ? ",[" : "[";
      str(j.id);
      out += ',';
      str(j.title);
      out += ',';
      str(StatusId(j.status));
      out += ',';
      date(j.evidence);
      out += ']';
    }
    out += "]}";
  }
  out += "]}\n";
  return out;
}

namespace {

// Reads the summaries exactly as SummariesToJson writes them, without a
// JSON tree: a rebuild waits for them. Anything else is left to the general
// parser.
class SummariesReader {
 public:
  SummariesReader(std::string_view text, const SiteConfig& config) : c_(text), config_(config) {}

  bool Read(std::vector<CachedSummary>* out, std::string* as_at, std::optional<FeedCutoff>* cutoff) {
    if (!c_.Lit("{\"as_at\":") || !c_.Str(as_at) || !c_.Lit(",\"feed_cutoff\":")) return false;
    if (c_.Lit("[")) {
      FeedCutoff f;
      if (!c_.Int(&f.day) || !c_.Lit(",") || !c_.Str(&f.id) || !c_.Lit("]")) return false;
      *cutoff = f;
    } else if (c_.Lit("null")) {
      *cutoff = std::nullopt;
    } else {
      return false;
    }
    if (!c_.Lit(",\"summaries\":[")) return false;
    for (bool first = true; !c_.Lit("]"); first = false) {
      if (!first && !c_.Lit(",")) return false;
      CachedSummary cs;
      if (!Summary(&cs)) return false;
      out->push_back(std::move(cs));
    }
    return c_.Lit("}\n") && c_.empty();
  }

 private:
  bool Date(tracker::Date* d) {
    if (c_.Lit("null")) {
      *d = {};
      return true;
    }
    std::string s;
    if (!c_.Str(&s)) return false;
    auto parsed = ParseDate(s, nullptr);
    if (!parsed) return false;
    *d = *parsed;
    return true;
  }

  bool Summary(CachedSummary* cs) {
    AuthoritySummary& s = cs->summary;
    if (!c_.Lit("{\"fingerprint\":") || !c_.Str(&cs->fingerprint) || !c_.Lit(",\"slug\":") || !c_.Str(&s.slug) ||
        !c_.Lit(",\"name\":") || !c_.Str(&s.name) || !c_.Lit(",\"short_name\":") || !c_.Str(&s.short_name) ||
        !c_.Lit(",\"region\":") || !c_.Str(&s.region) || !c_.Lit(",\"ons_code\":") || !c_.Str(&s.ons_code) ||
        !c_.Lit(",\"measures\":") || !c_.Num(&s.measures) || !c_.Lit(",\"documents\":") ||
        !c_.Num(&s.documents) || !c_.Lit(",\"statuses\":["))
      return false;
    for (size_t k = 0; k < s.statuses.size(); ++k) {
      long v = 0;
      if ((k && !c_.Lit(",")) || !c_.Int(&v)) return false;
      s.statuses[k] = static_cast<int>(v);
    }
    if (!c_.Lit("],\"latest_document\":")) return false;
    if (!c_.Lit("null")) {
      AuthoritySummary::DocumentRef d;
      if (!c_.Lit("[") || !c_.Str(&d.slug) || !c_.Lit(",") || !c_.Str(&d.title) || !c_.Lit(",") ||
          !c_.Str(&d.type) || !c_.Lit(",") || !Date(&d.date) || !c_.Lit("]"))
        return false;
      s.latest_document = std::move(d);
    }
    if (!c_.Lit(",\"newest\":[") || !Date(&s.newest.snapshot) || !c_.Lit(",") || !Date(&s.newest.document) ||
        !c_.Lit("],\"feed\":["))
      return false;
    const std::string prefix = s.short_name + ": ";
    for (bool first = true; !c_.Lit("]"); first = false) {
      tracker::Date date;
      if ((!first && !c_.Lit(",")) || !c_.Lit("[") || !Date(&date) || !c_.Lit(",")) return false;
      size_t figures = 0;
      std::string document, title, summary;
      if (c_.Num(&figures)) {
        s.feed.push_back(SnapshotEntry(config_, s.slug, prefix, date, figures));
      } else if (c_.Str(&document) && c_.Lit(",") && c_.Str(&title) && c_.Lit(",") && c_.Str(&summary)) {
        s.feed.push_back(DocumentEntry(config_, s.slug, prefix, document, date, title, summary));
      } else {
        return false;
      }
      if (!c_.Lit("]")) return false;
    }
    if (!c_.Lit(",\"pages\":[")) return false;
    for (bool first = true; !c_.Lit("]"); first = false) {
      std::string page;
      if ((!first && !c_.Lit(",")) || !c_.Str(&page)) return false;
      s.pages.push_back(s.slug + "/" + page);
    }
    if (!c_.Lit(",\"downloads\":[")) return false;
    for (bool first = true; !c_.Lit("]"); first = false) {
      Download d;
      if ((!first && !c_.Lit(",")) || !c_.Lit("[") || !c_.Str(&d.path) || !c_.Lit(",") || !c_.Str(&d.title) ||
          !c_.Lit(",") || !c_.Str(&d.format) || !c_.Lit(",") || !c_.Num(&d.rows) || !c_.Lit(",") ||
          !c_.Num(&d.bytes) || !c_.Lit(",") || !c_.Str(&d.authority) || !c_.Lit("]"))
        return false;
      s.downloads.push_back(std::move(d));
    }
    if (!c_.Lit(",\"rows\":") || !c_.Num(&s.rows) || !c_.Lit(",\"judged\":[")) return false;
    for (bool first = true; !c_.Lit("]"); first = false) {
      AuthoritySummary::Judged j;
      std::string status;
      if ((!first && !c_.Lit(",")) || !c_.Lit("[") || !c_.Str(&j.id) || !c_.Lit(",") || !c_.Str(&j.title) ||
          !c_.Lit(",") || !c_.Str(&status) || !c_.Lit(",") || !Date(&j.evidence) || !c_.Lit("]"))
        return false;
      auto st = StatusFromId(status);
      if (!st) return false;
      j.status = *st;
      s.judged.push_back(std::move(j));
    }
    return c_.Lit("}");
  }

  JsonCursor c_;
  const SiteConfig& config_;
};

}  // namespace

std::vector<CachedSummary> SummariesFromJson(const std::string& text, const SiteConfig& config, std::string* as_at,
                                             std::optional<FeedCutoff>* cutoff) {
  std::vector<CachedSummary> out;
  if (SummariesReader(text, config).Read(&out, as_at, cutoff)) return out;
  out.clear();
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
      s.statuses = j.at("statuses").get<std::array<int, kStatusCount>>();
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
      for (const auto& m : j.at("judged")) {
        auto st = StatusFromId(m.at(2).get<std::string>());
        if (!st) throw std::runtime_error("unknown status");
        s.judged.push_back({m.at(0).get<std::string>(), m.at(1).get<std::string>(), *st,
                            m.at(3).is_null() ? Date{} : DateFrom(m.at(3))});
      }
      out.push_back(std::move(c));
    }
  } catch (const std::exception&) {
    return {};  // a damaged cache only costs a fuller rebuild
  }
  return out;
}

}  // namespace tracker
