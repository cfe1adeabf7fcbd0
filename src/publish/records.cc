#include "publish/records.h"

#include <algorithm>
#include <set>

#include "json_cursor.h"
#include "escape.h"

namespace tracker {

namespace {

// The kinds and the versions of their formats, in one table: a change to a
// format changes its version here, so an older record is read as none.
struct RecordTag {
  RecordKind kind;
  const char* name;
  int version;
};
constexpr RecordTag kTags[] = {
    {RecordKind::kSources, "sources", 1},
    {RecordKind::kSummaries, "summaries", 3},
    {RecordKind::kBack, "back", 1},
    {RecordKind::kManifest, "manifest", 1},
};

std::string Tag(RecordKind kind) {
  for (const auto& t : kTags)
    if (t.kind == kind) return std::string("tracker ") + t.name + " " + std::to_string(t.version);
  return "tracker ?";
}

}  // namespace

std::string RecordFirstLine(RecordKind kind) { return Tag(kind) + "\n"; }

std::string JsonRecordFirstLine(RecordKind kind) { return "{\"record\": \"" + Tag(kind) + "\",\n"; }

std::optional<std::string_view> RecordBody(std::string_view text, RecordKind kind) {
  const std::string first = kind == RecordKind::kManifest ? JsonRecordFirstLine(kind) : RecordFirstLine(kind);
  if (text.substr(0, first.size()) != first) return std::nullopt;
  return text.substr(first.size());
}

std::string SourcesToText(const std::string& inputs, const SourceStats& stats,
                          const std::map<std::string, std::string>& hashes) {
  std::string text = RecordFirstLine(RecordKind::kSources) + inputs + "\n";
  size_t bytes = text.size();
  for (const auto& [path, stat] : stats) bytes += path.size() + stat.size() + 36;
  text.reserve(bytes);
  // Both maps are sorted by path, so they are walked side by side.
  auto h = hashes.begin();
  for (const auto& [path, stat] : stats) {
    while (h != hashes.end() && h->first < path) ++h;
    if (h == hashes.end() || h->first != path) continue;
    if (std::any_of(path.begin(), path.end(), [](char c) { return c == '\t' || c == '\n'; })) continue;
    text.append(path).append(1, '\t').append(stat).append(1, '\t').append(h->second).append(1, '\n');
  }
  return text;
}

// The records in path order, as SourcesToText writes them; empty unless
// they describe `inputs` and are whole and in order.
std::vector<SourceRecord> SourcesFromText(std::string_view text, const std::string& inputs) {
  std::vector<SourceRecord> out;
  auto body = RecordBody(text, RecordKind::kSources);
  if (inputs.empty() || !body) return out;
  text = *body;
  size_t nl = text.find('\n');
  if (nl == std::string_view::npos || text.substr(0, nl) != inputs) return out;
  text.remove_prefix(nl + 1);
  out.reserve(std::count(text.begin(), text.end(), '\n'));
  while (!text.empty()) {
    nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    size_t t1 = line.find('\t'), t2 = line.rfind('\t');
    if (t1 == std::string_view::npos || t1 == t2) return {};  // damaged: read every source
    SourceRecord r{line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)};
    if (!out.empty() && !(out.back().path < r.path)) return {};  // out of order: the same
    out.push_back(r);
  }
  return out;
}

namespace {

// Every status's id, as StatusId writes it.
std::optional<Status> StatusFromId(const std::string& id) {
  for (size_t k = 0; k < kStatusCount; ++k)
    if (id == StatusId(static_cast<Status>(k))) return static_cast<Status>(k);
  return std::nullopt;
}

}  // namespace

namespace {

// Writes the summaries record, as SummariesReader reads it.
struct SummariesWriter {
  std::string out;
  const std::set<std::string>& in_feed;

  void Str(std::string_view v) { AppendJsonString(&out, v); }
  void Num(size_t v) { out += std::to_string(v); }
  void Day(const Date& d) {
    if (d.valid()) Str(d.Iso());
    else out += "null";
  }
  void Text(const char* key, std::string_view v) {
    out += key;
    out += ':';
    Str(v);
  }
  void Put(std::string_view v) { Str(v); }
  void Put(const std::string& v) { Str(v); }
  void Put(const char* v) { Str(v); }
  void Put(size_t v) { Num(v); }
  void Put(const Date& d) { Day(d); }
  // `[a,b,…]` of strings, counts and dates.
  template <class... Parts>
  void Tuple(const Parts&... parts) {
    out += '[';
    size_t k = 0;
    ((out += k++ ? "," : "", Put(parts)), ...);
    out += ']';
  }
  // `[a,b,…]`, each part written by `part(i)`, between `,` for each after the first.
  template <class Part>
  void Array(size_t n, Part&& part) {
    out += '[';
    for (size_t k = 0; k < n; ++k) {
      if (k) out += ',';
      part(k);
    }
    out += ']';
  }

  void Summary(const std::string& fingerprint, const AuthoritySummary& s) {
    out += '{';
    Text("\"fingerprint\"", fingerprint);
    for (const auto& [key, v] : {std::pair{",\"slug\"", &s.slug}, {",\"name\"", &s.name},
                                 {",\"short_name\"", &s.short_name}, {",\"region\"", &s.region},
                                 {",\"ons_code\"", &s.ons_code}})
      Text(key, *v);
    out += ",\"measures\":";
    Num(s.measures);
    out += ",\"documents\":";
    Num(s.documents);
    out += ",\"statuses\":";
    Array(s.statuses.size(), [&](size_t k) { out += std::to_string(s.statuses[k]); });
    out += ",\"latest_document\":";
    if (const auto& d = s.latest_document) {
      Tuple(d->slug, d->title, d->type, d->date);
    } else {
      out += "null";
    }
    out += ",\"newest\":";
    Tuple(s.newest.snapshot, s.newest.document);
    out += ",\"feed\":";
    Feed(s);
    out += ",\"pages\":";
    Array(s.pages.size(), [&](size_t k) {
      Str(std::string_view(s.pages[k]).substr(std::min(s.slug.size() + 1, s.pages[k].size())));
    });
    out += ",\"downloads\":";
    Array(s.downloads.size(), [&](size_t k) {
      const Download& d = s.downloads[k];
      Tuple(d.path, d.title, d.format, d.rows, d.bytes, d.authority);
    });
    out += ",\"rows\":";
    Num(s.rows);
    out += ",\"judged\":";
    Array(s.judged.size(), [&](size_t k) {
      const auto& jd = s.judged[k];
      Tuple(jd.id, jd.title, StatusId(jd.status), jd.evidence);
    });
    out += ",\"ofsted\":";
    if (const auto& o = s.latest_ofsted) Tuple(o->date, o->judgement);
    else out += "null";
    out += ",\"key_figures\":";
    Array(s.key_figures.size(), [&](size_t k) {
      const auto& f = s.key_figures[k];
      Tuple(f.label, f.value, f.period);
    });
    out += '}';
  }

  // The parts each kept feed entry is made from; the rest follows from the site.
  void Feed(const AuthoritySummary& s) {
    const size_t prefix = s.short_name.size() + 2;
    out += '[';
    bool first = true;
    for (const auto& e : s.feed) {
      if (!in_feed.count(e.id)) continue;
      out += first ? "[" : ",[";
      first = false;
      Day(e.date);
      out += ',';
      if (e.document.empty()) {
        Num(e.figures);
      } else {
        Str(e.document);
        out += ',';
        Str(std::string_view(e.title).substr(std::min(prefix, e.title.size())));
        out += ',';
        Str(e.summary);
      }
      out += ']';
    }
    out += ']';
  }
};

}  // namespace

// The summaries record: written directly, not through a JSON tree, as every
// rebuild writes the summaries of every authority and this was a tenth of
// what a one-snapshot rebuild costs; read back by SummariesReader alone.
std::string SummariesToJson(const std::vector<CachedSummary>& cached, const std::string& as_at,
                            const std::vector<FeedEntry>& site_feed) {
  std::set<std::string> in_feed;
  for (const auto& e : site_feed) in_feed.insert(e.id);
  SummariesWriter w{{}, in_feed};
  w.out.reserve(4096 * (cached.size() + 1));
  w.out += RecordFirstLine(RecordKind::kSummaries);
  w.out += "{\"as_at\":";
  w.Str(as_at);
  w.out += ",\"feed_cutoff\":";
  if (site_feed.size() >= kSiteFeedEntries) {
    w.out += '[';
    w.out += std::to_string(site_feed.back().date.FirstDay());
    w.out += ',';
    w.Str(site_feed.back().id);
    w.out += ']';
  } else {
    w.out += "null";
  }
  w.out += ",\"summaries\":";
  w.Array(cached.size(), [&](size_t i) { w.Summary(cached[i].fingerprint, cached[i].summary); });
  w.out += "}\n";
  return std::move(w.out);
}

namespace {

// Reads the summaries exactly as SummariesToJson writes them, without a
// JSON tree: a rebuild waits for them. Anything else is no record.
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
    if (!c_.Lit(",\"ofsted\":")) return false;
    if (!c_.Lit("null")) {
      AuthoritySummary::OfstedRef o;
      if (!c_.Lit("[") || !Date(&o.date) || !c_.Lit(",") || !c_.Str(&o.judgement) || !c_.Lit("]")) return false;
      s.latest_ofsted = std::move(o);
    }
    if (!c_.Lit(",\"key_figures\":[")) return false;
    for (bool first = true; !c_.Lit("]"); first = false) {
      AuthoritySummary::KeyFigure f;
      if ((!first && !c_.Lit(",")) || !c_.Lit("[") || !c_.Str(&f.label) || !c_.Lit(",") || !c_.Str(&f.value) ||
          !c_.Lit(",") || !c_.Str(&f.period) || !c_.Lit("]"))
        return false;
      s.key_figures.push_back(std::move(f));
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
  auto body = RecordBody(text, RecordKind::kSummaries);
  if (!body || !SummariesReader(*body, config).Read(&out, as_at, cutoff)) return {};  // no record: a fuller rebuild
  return out;
}

}  // namespace tracker
