#include "load/load_site.h"

#include "load/markdown_limits.h"
#include "parallel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "load/fingerprint.h"
#include "load/front_matter.h"
#include "load/json_file.h"
#include "load/official.h"
#include "load/json_positions.h"
#include "load/quick_snapshot.h"
#include "load/text.h"
#include "load/yaml_fields.h"
#include "model/validate.h"

namespace tracker {

namespace {

std::string JoinComma(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
  return out;
}

// A path's first four parts, as views into it, and how many it has in all:
// what PlanAuthorities asks of each of a site's tens of thousands of paths.
struct PathParts {
  std::string_view part[4];
  size_t count = 0;
  std::string_view operator[](size_t i) const { return part[i]; }
  size_t size() const { return count; }
};

PathParts Split(std::string_view path) {
  PathParts parts;
  for (size_t start = 0;;) {
    const size_t slash = path.find('/', start);
    if (parts.count < 4) parts.part[parts.count] = path.substr(start, slash == std::string_view::npos ? slash : slash - start);
    ++parts.count;
    if (slash == std::string_view::npos) return parts;
    start = slash + 1;
  }
}

// ---------------------------------------------------------------- YAML parts

// A Markdown body past one of the limits is an error at its place.
void CheckBody(const std::string& path, const std::string& text, const FrontMatter& fm, Diagnostics& diag) {
  if (auto problem = CheckMarkdownLimits(fm.body)) {
    LineCol lc = LineColAt(text, fm.body_offset + problem->offset);
    diag.Error({path, lc.line, lc.col}, problem->message);
  }
}

std::vector<Event> LoadEvents(const YamlNode& list, const YamlOrigin& origin, Diagnostics& diag,
                              const std::string& what) {
  std::vector<Event> events;
  if (!list || list.IsNull()) return events;
  if (!list.IsSequence()) {
    diag.Error(YamlPos(origin, list.Mark()), "'events' must be a list of events, each starting with '- date:'");
    return events;
  }
  // Far more than any authority's record holds: a list this long is a
  // mistake (or an attack), and one timeline page could not show it.
  constexpr size_t kMaxEvents = 10000;
  if (list.children().size() > kMaxEvents) {
    diag.Error(YamlPos(origin, list.children()[kMaxEvents].Mark()),
               "more than " + std::to_string(kMaxEvents) + " events in one list; keep the timeline to what matters");
    return events;
  }
  for (const auto& item : list) {
    SourcePos where = YamlPos(origin, item.Mark());
    YamlFields f(item, origin, where, diag, "an event of " + what);
    if (!f.ok()) continue;
    Event e;
    e.pos = where;
    auto date = f.DateField("date", true);
    auto title = f.Text("title", true);
    e.expected = f.Bool("expected").value_or(false);
    e.label = f.Text("label").value_or("");
    e.source = f.Text("source").value_or("");
    e.source_pos = f.ValuePos("source");
    if (auto kind = f.Text("kind")) {
      const std::vector<std::string> kinds(std::begin(kEventKinds), std::end(kEventKinds));
      if (std::find(kinds.begin(), kinds.end(), *kind) != kinds.end()) e.kind = *kind;
      else diag.Error(f.ValuePos("kind"), "unknown event kind '" + *kind + "'" + DidYouMean(*kind, kinds) +
                                              " (the kinds are ofsted, dfe, notice, meeting and other)");
    }
    f.RejectUnknown({"date", "title", "expected", "label", "source", "kind"});
    if (!date || !title) continue;
    e.date = *date;
    e.title = *title;
    events.push_back(std::move(e));
  }
  return events;
}

std::optional<YamlNode> LoadFrontMatter(const std::string& path, const std::string& text,
                                          Diagnostics& diag, FrontMatter* fm, YamlOrigin* origin) {
  *fm = SplitFrontMatter(text);
  *origin = YamlOrigin{path, 1, &text};
  if (!fm->present) {
    diag.Error({path, 1, 1}, "missing front matter: start the file with a '---' line, the fields, then another '---' line");
    return std::nullopt;
  }
  if (!fm->closed) {
    diag.Error({path, 1, 1}, "front matter is not closed: add a '---' line after the last field");
    return std::nullopt;
  }
  return ParseYaml(fm->yaml, *origin, diag);
}


void LoadAuthorityFile(const std::string& path, std::string& text, Authority& a,
                       Diagnostics& diag) {
  FrontMatter fm;
  YamlOrigin origin;
  a.pos = {path, 1, 1};
  auto node = LoadFrontMatter(path, text, diag, &fm, &origin);
  if (!node) return;
  YamlFields f(*node, origin, {path, 2, 1}, diag, "the authority");
  if (!f.ok()) return;
  a.name = f.Text("name", true).value_or("");
  a.short_name = f.Text("short_name").value_or(a.name);
  a.region = f.Text("region").value_or("");
  a.ons_code = f.Text("ons_code").value_or("");
  if (!a.ons_code.empty()) {
    bool ok = a.ons_code.size() == 9 && a.ons_code[0] == 'E' &&
              std::all_of(a.ons_code.begin() + 1, a.ons_code.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (!ok) diag.Error(f.ValuePos("ons_code"), "ons_code '" + a.ons_code + "' is not an ONS code such as E06000012");
  }
  a.la_code = f.Text("la_code").value_or("");
  if (!a.la_code.empty() && !(a.la_code.size() == 3 && std::all_of(a.la_code.begin(), a.la_code.end(), [](char ch) {
                                return ch >= '0' && ch <= '9';
                              })))
    diag.Error(f.ValuePos("la_code"), "la_code '" + a.la_code + "' is not the DfE's three-digit code for an authority, such as 812");
  a.code_pos = !a.la_code.empty() ? f.ValuePos("la_code") : !a.ons_code.empty() ? f.ValuePos("ons_code") : a.pos;
  const YamlNode& ofsted = f.Node("ofsted");
  if (ofsted && !ofsted.IsNull()) {
    if (!ofsted.IsSequence()) {
      diag.Error(f.ValuePos("ofsted"), "'ofsted' must be a list of {date, judgement, source}");
    } else {
      for (const auto& item : ofsted) {
        SourcePos where = YamlPos(origin, item.Mark());
        YamlFields g(item, origin, where, diag, "an Ofsted judgement");
        if (!g.ok()) continue;
        OfstedJudgement j;
        j.pos = where;
        auto date = g.DateField("date", true);
        auto judgement = g.Text("judgement", true);
        j.source = g.Text("source").value_or("");
        j.source_pos = g.ValuePos("source");
        g.RejectUnknown({"date", "judgement", "source"});
        if (judgement && std::find(OfstedGrades().begin(), OfstedGrades().end(), *judgement) == OfstedGrades().end()) {
          diag.Error(g.ValuePos("judgement"), "unknown Ofsted judgement '" + *judgement +
                     "'; use Outstanding, Good, Requires improvement to be good, or Inadequate" +
                     DidYouMean(*judgement, OfstedGrades()));
          continue;
        }
        if (!date || !judgement) continue;
        j.date = *date;
        j.judgement = *judgement;
        a.ofsted.push_back(std::move(j));
      }
    }
  }
  a.events = LoadEvents(f.Node("events"), origin, diag, "the authority");
  const YamlNode& meetings = f.Node("meetings");
  if (meetings && !meetings.IsNull()) {
    if (!meetings.IsSequence()) {
      diag.Error(f.ValuePos("meetings"), "'meetings' must be a list of {date, title, source}");
    } else {
      for (const auto& item : meetings) {
        SourcePos where = YamlPos(origin, item.Mark());
        YamlFields g(item, origin, where, diag, "a meeting");
        if (!g.ok()) continue;
        Meeting mt;
        mt.pos = where;
        auto date = g.DateField("date", true);
        auto title = g.Text("title", true);
        mt.source = g.Text("source").value_or("");
        mt.source_pos = g.ValuePos("source");
        g.RejectUnknown({"date", "title", "source"});
        if (!date || !title) continue;
        if (date->precision() != Date::Precision::kDay) {
          diag.Error(g.ValuePos("date"), "a meeting needs its full date, YYYY-MM-DD");
          continue;
        }
        mt.date = *date;
        mt.title = *title;
        a.meetings.push_back(std::move(mt));
      }
      std::stable_sort(a.meetings.begin(), a.meetings.end(),
                       [](const Meeting& x, const Meeting& y) { return x.date < y.date; });
    }
  }
  f.RejectUnknown({"name", "short_name", "region", "ons_code", "la_code", "ofsted", "events", "meetings"});
  CheckBody(path, text, fm, diag);
  a.intro = TakeBody(text, fm);
}

void LoadDocumentFile(const std::string& path, std::string& text, Document& d,
                      Diagnostics& diag) {
  FrontMatter fm;
  YamlOrigin origin;
  d.pos = {path, 1, 1};
  auto node = LoadFrontMatter(path, text, diag, &fm, &origin);
  if (!node) return;
  YamlFields f(*node, origin, {path, 2, 1}, diag, "the document");
  if (!f.ok()) return;
  d.title = f.Text("title", true).value_or("");
  auto type = f.Text("type", true);
  if (type) {
    if (std::find(DocumentTypes().begin(), DocumentTypes().end(), *type) == DocumentTypes().end())
      diag.Error(f.ValuePos("type"), "unknown type '" + *type + "'" + DidYouMean(*type, DocumentTypes()) +
                 (ClosestMatch(*type, DocumentTypes()).empty() ? "; use one of " + JoinComma(DocumentTypes()) : ""));
    else
      d.type = *type;
  }
  // A document may give only the month when that is all it states.
  if (auto date = f.DateField("date", true)) {
    if (date->precision() == Date::Precision::kYear)
      diag.Error(f.ValuePos("date"), "a document's date needs at least a month: YYYY-MM-DD or YYYY-MM");
    else
      d.date = *date;
  }
  d.from = f.Text("from").value_or("");
  d.to = f.Text("to").value_or("");
  d.summary = f.Text("summary").value_or("");
  d.source_url = f.Text("source_url").value_or("");
  if (!d.source_url.empty())
    if (std::string why = CheckWebAddress(d.source_url); !why.empty()) {
      diag.Error(f.ValuePos("source_url"), "source_url " + why);
      d.source_url.clear();
    }
  d.events = LoadEvents(f.Node("events"), origin, diag, "the document");
  f.RejectUnknown({"title", "type", "date", "from", "to", "summary", "source_url", "events"});
  CheckBody(path, text, fm, diag);
  d.body = TakeBody(text, fm);
}

void LoadMeasureFile(const std::string& path, std::string& text, Measure& m,
                     Diagnostics& diag) {
  FrontMatter fm;
  YamlOrigin origin;
  m.pos = {path, 1, 1};
  auto node = LoadFrontMatter(path, text, diag, &fm, &origin);
  if (!node) return;
  YamlFields f(*node, origin, {path, 2, 1}, diag, "the measure");
  if (!f.ok()) return;
  m.title = f.Text("title", true).value_or("");
  m.summary = f.Text("summary").value_or("");
  m.set_by = f.Text("set_by").value_or("");
  m.set_by_pos = f.ValuePos("set_by");
  m.category = f.Text("category").value_or("");
  m.deadline = f.DateField("deadline");
  m.baseline = f.DateField("baseline");
  m.baseline_pos = f.ValuePos("baseline");
  m.kpi = f.Text("kpi").value_or("");
  m.kpi_pos = f.ValuePos("kpi");
  const YamlNode& target = f.Node("target");
  if (target && !target.IsNull()) {
    SourcePos where = f.ValuePos("target");
    YamlFields t(target, origin, where, diag, "the target");
    if (t.ok()) {
      Target tg;
      tg.pos = where;
      auto op = t.Text("op", true);
      auto relative = t.Text("relative_to");
      // A target is a number or a comparator's figure, never both.
      auto value = t.Number("value", !relative);
      tg.scope = t.Text("scope").value_or("all");
      t.RejectUnknown({"op", "value", "relative_to", "scope"});
      static const std::vector<std::string> kOps = {"<=", "<", ">=", ">"};
      static const std::vector<std::string> kRelative = {"england", "region", "neighbours"};
      bool ok = op && (value || relative);
      if (op && std::find(kOps.begin(), kOps.end(), *op) == kOps.end()) {
        diag.Error(t.ValuePos("op"), "unknown target op '" + *op + "'; use one of <=, <, >=, > (quote it: op: \">=\")");
        ok = false;
      }
      if (relative && value) {
        diag.Error(t.ValuePos("value"), "the target gives both 'value' and 'relative_to: " + *relative +
                   "'; a target is a fixed number or a comparator's figure: keep one");
        ok = false;
      } else if (relative && std::find(kRelative.begin(), kRelative.end(), *relative) == kRelative.end()) {
        diag.Error(t.ValuePos("relative_to"), "unknown comparator '" + *relative + "'" + DidYouMean(*relative, kRelative) +
                   "; a relative target is relative to england, region or neighbours");
        ok = false;
      }
      if (ok) {
        tg.op = *op;
        tg.value = value.value_or(0);
        tg.relative_to = relative.value_or("");
        m.target = tg;
      }
    }
  }
  const YamlNode& list = f.Node("assessments");
  if (list && !list.IsNull()) {
    if (!list.IsSequence()) {
      diag.Error(f.ValuePos("assessments"), "'assessments' must be a list of {date, status, source, note}");
    } else {
      for (const auto& item : list) {
        SourcePos where = YamlPos(origin, item.Mark());
        YamlFields g(item, origin, where, diag, "an assessment");
        if (!g.ok()) continue;
        Assessment as;
        as.pos = where;
        auto date = g.DateField("date", true);
        auto status = g.Text("status", true);
        as.source = g.Text("source").value_or("");
        as.source_pos = g.ValuePos("source");
        as.note = g.Text("note").value_or("");
        g.RejectUnknown({"date", "status", "source", "note"});
        std::optional<Status> st;
        if (status) {
          st = ParseStatus(*status);
          if (!st)
            diag.Error(g.ValuePos("status"), "unknown status '" + *status + "'" + DidYouMean(*status, StatusIds()) +
                       "; an assessment's status is met, on-track, at-risk or off-track");
        }
        if (!date || !st) continue;
        as.date = *date;
        as.status = *st;
        m.assessments.push_back(std::move(as));
      }
      std::stable_sort(m.assessments.begin(), m.assessments.end(),
                       [](const Assessment& x, const Assessment& y) { return x.date < y.date; });
    }
  }
  f.RejectUnknown({"title", "summary", "set_by", "category", "deadline", "baseline", "kpi", "target", "assessments"});
  CheckBody(path, text, fm, diag);
  m.body = TakeBody(text, fm);
}

// ---------------------------------------------------------------- JSON parts

std::vector<Kpi> LoadKpis(const SourceTree& tree, Diagnostics& diag) {
  std::vector<Kpi> kpis;
  const std::string path = "data/kpis.json";
  const std::string* text = tree.Find(path);
  if (!text) {
    diag.Error({path, 0, 0}, "data/kpis.json is missing: it defines the KPIs that snapshots report (it may hold {\"kpis\": []})");
    return kpis;
  }
  auto f = ParseJsonFile(path, *text, diag);
  if (!f) return kpis;
  if (!f->json.is_object() || !f->json.contains("kpis") || !f->json["kpis"].is_array()) {
    diag.Error(f->At(""), "data/kpis.json must be an object with a \"kpis\" list");
    return kpis;
  }
  RejectUnknownKeys(*f, f->json, "", {"kpis", "$schema"}, "data/kpis.json", diag);
  CheckSchemaKey(*f, f->json, diag);
  std::set<std::string> seen;
  const Json& list = f->json["kpis"];
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string ptr = "/kpis/" + std::to_string(i);
    const Json& k = list[i];
    if (!k.is_object()) {
      diag.Error(f->At(ptr), "each KPI must be an object with id, label, unit and direction");
      continue;
    }
    RejectUnknownKeys(*f, k, ptr, {"id", "label", "unit", "direction", "description", "breakdown", "decimals", "frequency", "official"},
                      "a KPI", diag);
    Kpi kpi;
    kpi.pos = f->At(ptr);
    bool ok = true;
    auto text_field = [&](const char* key, bool required) -> std::string {
      if (!k.contains(key)) {
        if (required) {
          diag.Error(f->At(ptr), std::string("missing required field '") + key + "' in KPI");
          ok = false;
        }
        return "";
      }
      if (!k[key].is_string()) {
        diag.Error(f->At(JsonPointerAppend(ptr, key)), std::string("field '") + key + "' must be a string");
        ok = false;
        return "";
      }
      return k[key].get<std::string>();
    };
    kpi.id = text_field("id", true);
    kpi.label = text_field("label", true);
    std::string unit = text_field("unit", true);
    std::string direction = text_field("direction", true);
    kpi.description = text_field("description", false);
    kpi.breakdown = text_field("breakdown", false);
    if (std::string freq = text_field("frequency", false); !freq.empty()) {
      static const std::vector<std::string> kFrequencies = {"monthly", "quarterly", "annual"};
      if (auto fr = ParseFrequency(freq)) kpi.frequency = *fr;
      else {
        diag.Error(f->At(ptr + "/frequency"), "unknown frequency '" + freq + "'" + DidYouMean(freq, kFrequencies) +
                   "; use monthly, quarterly or annual");
        ok = false;
      }
    }
    if (!kpi.id.empty() && !IsValidSlug(kpi.id)) {
      diag.Error(f->At(ptr + "/id"), "KPI id '" + kpi.id + "' must use only lower-case letters, digits, '-' and '_'");
      ok = false;
    } else if (kpi.id == "index") {
      diag.Error(f->At(ptr + "/id"), "KPI id 'index' is taken by the list of figures; choose another id");
      ok = false;
    } else if (!kpi.id.empty() && !seen.insert(kpi.id).second) {
      diag.Error(f->At(ptr + "/id"), "KPI id '" + kpi.id + "' is defined twice");
      ok = false;
    }
    static const std::vector<std::string> kUnits = {"count", "percent", "rate_per_10k", "days", "number"};
    static const std::vector<std::string> kDirections = {"higher_is_better", "lower_is_better", "neutral"};
    if (!unit.empty()) {
      if (auto u = ParseUnit(unit)) kpi.unit = *u;
      else {
        diag.Error(f->At(ptr + "/unit"), "unknown unit '" + unit + "'" + DidYouMean(unit, kUnits) +
                   "; use count, percent, rate_per_10k, days or number");
        ok = false;
      }
    }
    if (!direction.empty()) {
      if (auto d = ParseDirection(direction)) kpi.direction = *d;
      else {
        diag.Error(f->At(ptr + "/direction"), "unknown direction '" + direction + "'" + DidYouMean(direction, kDirections) +
                   "; use higher_is_better, lower_is_better or neutral");
        ok = false;
      }
    }
    if (k.contains("decimals")) {
      const Json& d = k["decimals"];
      if (!d.is_number_integer() || d.get<int>() < 0 || d.get<int>() > 4)
        diag.Error(f->At(ptr + "/decimals"), "decimals must be a whole number from 0 to 4");
      else
        kpi.decimals = d.get<int>();
    } else if (kpi.unit == Unit::kNumber) {
      kpi.decimals = 1;
    }
    if (k.contains("official")) {
      kpi.official = LoadOfficialSeries(*f, k["official"], ptr + "/official", kpi, diag);
      if (!kpi.official) ok = false;
    }
    if (ok) kpis.push_back(std::move(kpi));
  }
  return kpis;
}

// Reads one number, null or GSS symbol. Returns false after reporting.
bool ReadScalar(const JsonFile& f, const std::string& ptr, const Json& v, const Kpi* kpi,
                Scalar* out, Diagnostics& diag) {
  if (v.is_null()) {
    *out = Missing{};
    return true;
  }
  if (v.is_number()) {
    double d = v.get<double>();
    if (!(std::abs(d) <= kLargestFigure)) {
      diag.Error(f.At(ptr), "value " + v.dump() + " is too large to be a figure (tracker takes up to a million million); check it");
      return false;
    }
    if (kpi && PercentOutOfRange(*kpi, d)) {
      diag.Error(f.At(ptr), "percent " + v.dump() + " for '" + kpi->id + "' is outside 0 to 100");
      return false;
    }
    if (kpi && NegativeNotAllowed(*kpi, d)) {
      diag.Error(f.At(ptr), "value " + v.dump() + " for '" + kpi->id + "' cannot be negative");
      return false;
    }
    *out = d;
    return true;
  }
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (IsSymbolCode(s)) {
      *out = Symbol{s};
      return true;
    }
    diag.Error(f.At(ptr), "'" + s + "' is not a number or a GSS symbol" + DidYouMean(s, SymbolCodes()) +
               "; use a number, null, or one of c (suppressed), x (not available), z (not applicable), low, u");
    return false;
  }
  diag.Error(f.At(ptr), "expected a number, null or a GSS symbol, not " + std::string(v.type_name()));
  return false;
}

std::vector<std::string> KpiIds(const std::vector<Kpi>& kpis) {
  std::vector<std::string> ids;
  for (const auto& k : kpis) ids.push_back(k.id);
  return ids;
}

// A snapshot read through its JSON tree, one part at a time; any part
// that is wrong clears `good`.
struct SnapshotReader {
  const JsonFile& f;
  const std::vector<Kpi>& kpis;
  bool kpis_loaded;
  Snapshot& s;
  Diagnostics& diag;
  bool good = true;

  // The KPI `id` names at `ptr`, or null (reported) when there is none.
  const Kpi* KpiAt(const std::string& ptr, const std::string& id) {
    const Kpi* kpi = FindKpiIn(kpis, id);
    if (!kpi) {
      if (kpis_loaded)
        diag.Error(f.KeyAt(ptr), "unknown KPI '" + id + "'" + DidYouMean(id, KpiIds(kpis)) +
                   "; KPIs are defined in data/kpis.json");
      good = false;
    }
    return kpi;
  }

  void AsAt(const Json& j) {
    if (!j.contains("as_at")) {
      diag.Error(f.At(""), "missing required field 'as_at' in the snapshot");
      good = false;
      return;
    }
    if (!j["as_at"].is_string()) {
      diag.Error(f.At("/as_at"), "as_at must be a date string, YYYY-MM-DD");
      good = false;
      return;
    }
    std::string why;
    auto d = ParseDate(j["as_at"].get<std::string>(), &why);
    if (!d) {
      diag.Error(f.At("/as_at"), "invalid date '" + j["as_at"].get<std::string>() + "' in 'as_at': " + why);
      good = false;
    } else if (d->precision() != Date::Precision::kDay) {
      diag.Error(f.At("/as_at"), "as_at needs a full date, YYYY-MM-DD");
      good = false;
    } else {
      s.as_at = *d;
      s.pos = f.At("/as_at");
    }
  }

  void Source(const Json& j) {
    if (!j.contains("source")) return;
    if (j["source"].is_string()) {
      s.source = j["source"].get<std::string>();
      s.source_pos = f.At("/source");
    } else {
      diag.Error(f.At("/source"), "source must be a document slug (a string)");
    }
  }

  // One KPI's value: a number or symbol, or an object by item for a KPI
  // with a breakdown.
  void Value(const std::string& ptr, const Kpi& kpi, const Json& v) {
    if (v.is_object()) {
      if (kpi.breakdown.empty()) {
        diag.Error(f.At(ptr), "breakdown object for KPI '" + kpi.id +
                   "', which has no breakdown; give one number, or add \"breakdown\" to the KPI in data/kpis.json");
        good = false;
        return;
      }
      Breakdown b;
      for (auto item = v.begin(); item != v.end(); ++item) {
        Scalar sc;
        if (ReadScalar(f, JsonPointerAppend(ptr, item.key()), item.value(), &kpi, &sc, diag))
          b.emplace_back(item.key(), sc);
        else
          good = false;
      }
      s.values[kpi.id] = b;
      return;
    }
    Scalar sc;
    if (!kpi.breakdown.empty() && v.is_number()) {
      diag.Error(f.At(ptr), "KPI '" + kpi.id + "' is broken down by " + kpi.breakdown +
                 "; give an object such as {\"item\": number}");
      good = false;
    } else if (ReadScalar(f, ptr, v, &kpi, &sc, diag)) {
      s.values[kpi.id] = sc;
    } else {
      good = false;
    }
  }

  void Values(const Json& j) {
    if (!j.contains("values")) {
      diag.Error(f.At(""), "missing required field 'values' in the snapshot");
      good = false;
    } else if (!j["values"].is_object()) {
      diag.Error(f.At("/values"), "values must be an object of {kpi: value}");
      good = false;
    } else {
      for (auto it = j["values"].begin(); it != j["values"].end(); ++it) {
        const std::string ptr = JsonPointerAppend("/values", it.key());
        if (const Kpi* kpi = KpiAt(ptr, it.key())) Value(ptr, *kpi, it.value());
      }
    }
  }

  void Targets(const Json& j) {
    if (!j.contains("targets")) return;
    if (!j["targets"].is_object()) {
      diag.Error(f.At("/targets"), "targets must be an object of {kpi: number}");
      return;
    }
    for (auto it = j["targets"].begin(); it != j["targets"].end(); ++it) {
      const std::string ptr = JsonPointerAppend("/targets", it.key());
      const Kpi* kpi = KpiAt(ptr, it.key());
      if (!kpi) continue;
      Scalar sc;
      if (!it.value().is_number()) {
        diag.Error(f.At(ptr), "a target must be a number");
        good = false;
      } else if (ReadScalar(f, ptr, it.value(), kpi, &sc, diag)) {
        s.targets[kpi->id] = std::get<double>(sc);
        s.target_pos[kpi->id] = f.At(ptr);
      } else {
        good = false;
      }
    }
  }

  void Comparators(const Json& j) {
    if (!j.contains("comparators")) return;
    if (!j["comparators"].is_object()) {
      diag.Error(f.At("/comparators"), "comparators must be an object such as {\"england\": {kpi: number}}");
      return;
    }
    for (auto c = j["comparators"].begin(); c != j["comparators"].end(); ++c) {
      const std::string cptr = JsonPointerAppend("/comparators", c.key());
      if (!IsValidSlug(c.key())) {
        diag.Error(f.KeyAt(cptr), "comparator name '" + c.key() + "' must use lower-case letters, digits and '_', e.g. statistical_neighbours");
        good = false;
        continue;
      }
      if (!c.value().is_object()) {
        diag.Error(f.At(cptr), "a comparator must be an object of {kpi: number}");
        good = false;
        continue;
      }
      for (auto it = c.value().begin(); it != c.value().end(); ++it) {
        const std::string ptr = JsonPointerAppend(cptr, it.key());
        const Kpi* kpi = KpiAt(ptr, it.key());
        if (!kpi) continue;
        if (it.value().is_object()) {
          Comparator(ptr, c.key(), *kpi, it.value());
          continue;
        }
        Scalar sc;
        if (ReadScalar(f, ptr, it.value(), kpi, &sc, diag)) s.comparators[c.key()][kpi->id] = sc;
        else good = false;
      }
    }
  }

  // A comparator's figure with what it is for:
  // {"value": 52, "period": "2022 to 2023", "as_at": "2023-03-31", "source": "DfE"}.
  void Comparator(const std::string& ptr, const std::string& name, const Kpi& kpi, const Json& v) {
    RejectUnknownKeys(f, v, ptr, {"value", "period", "as_at", "source"}, "a comparator's figure", diag);
    Scalar sc;
    if (!v.contains("value")) {
      diag.Error(f.At(ptr), "a comparator's figure needs its \"value\", e.g. {\"value\": 52, \"period\": \"2022 to 2023\"}");
      good = false;
    } else if (ReadScalar(f, JsonPointerAppend(ptr, "value"), v["value"], &kpi, &sc, diag)) {
      s.comparators[name][kpi.id] = sc;
    } else {
      good = false;
    }
    ComparatorPeriod p;
    for (const char* key : {"period", "source"}) {
      if (!v.contains(key)) continue;
      if (!v[key].is_string()) {
        diag.Error(f.At(JsonPointerAppend(ptr, key)), std::string(key) + " must be text");
        good = false;
      } else {
        (std::string(key) == "period" ? p.period : p.source) = v[key].get<std::string>();
      }
    }
    if (v.contains("as_at")) {
      const std::string at = JsonPointerAppend(ptr, "as_at");
      std::string why;
      auto d = v["as_at"].is_string() ? ParseDate(v["as_at"].get<std::string>(), &why) : std::nullopt;
      if (!d) {
        diag.Error(f.At(at), "as_at must be the date the figure describes, YYYY-MM-DD (the end of its period)" +
                                 (why.empty() ? std::string() : ": " + why));
        good = false;
      } else if (*d > s.as_at && s.as_at.valid()) {
        diag.Error(f.At(at), "a comparator's figure cannot describe a date after the snapshot's as_at (" +
                                 s.as_at.Iso() + ")");
        good = false;
      } else {
        p.as_at = d;
      }
    }
    s.comparator_periods[name][kpi.id] = p;
  }

  void Notes(const Json& j) {
    if (!j.contains("notes")) return;
    if (!j["notes"].is_object()) {
      diag.Error(f.At("/notes"), "notes must be an object of {kpi: text}");
      return;
    }
    for (auto it = j["notes"].begin(); it != j["notes"].end(); ++it) {
      const std::string ptr = JsonPointerAppend("/notes", it.key());
      if (!KpiAt(ptr, it.key())) continue;
      if (!it.value().is_string()) {
        diag.Error(f.At(ptr), "a note must be text");
        good = false;
      } else {
        s.notes[it.key()] = it.value().get<std::string>();
      }
    }
  }
};

}  // namespace

void LoadSnapshotGenerally(const std::string& path, const std::string& text, const std::vector<Kpi>& kpis,
                           bool kpis_loaded, Snapshot& s, bool* ok, Diagnostics& diag) {
  *ok = false;
  s.pos = {path, 1, 1};
  auto f = ParseJsonFile(path, text, diag);
  if (!f) return;
  const Json& j = f->json;
  if (!j.is_object()) {
    diag.Error(f->At(""), "a snapshot must be a JSON object with as_at, source and values");
    return;
  }
  RejectUnknownKeys(*f, j, "", {"as_at", "source", "values", "targets", "comparators", "notes", "$schema"}, "the snapshot",
                    diag);
  CheckSchemaKey(*f, j, diag);
  SnapshotReader r{*f, kpis, kpis_loaded, s, diag};
  r.AsAt(j);
  r.Source(j);
  r.Values(j);
  r.Targets(j);
  r.Comparators(j);
  r.Notes(j);
  *ok = r.good;
}

namespace {

void LoadSnapshot(const std::string& path, const std::string& text, const std::vector<Kpi>& kpis,
                  bool kpis_loaded, Snapshot& s, bool* ok, Diagnostics& diag) {
  *ok = ReadSnapshotQuickly(path, text, kpis, &s);
  if (!*ok) LoadSnapshotGenerally(path, text, kpis, kpis_loaded, s, ok, diag);
}

}  // namespace

namespace {

// site.yml's progress: the thresholds and windows the status rules use.
void LoadProgress(YamlFields& f, const YamlOrigin& origin, Diagnostics& diag, ProgressMethod* out) {
  const YamlNode& progress = f.Node("progress");
  if (!progress || progress.IsNull()) return;
  YamlFields p(progress, origin, f.ValuePos("progress"), diag, "the progress method");
  if (!p.ok()) return;
  ProgressMethod& pm = *out;
  auto ratio = [&](const char* key, double* to) {
    if (auto n = p.Number(key)) {
      if (*n <= 0 || *n > 10) diag.Error(p.ValuePos(key), std::string(key) + " must be a ratio above 0 and at most 10, e.g. 0.95");
      else *to = *n;
    }
  };
  ratio("on_track", &pm.on_track);
  ratio("at_risk", &pm.at_risk);
  if (pm.at_risk >= pm.on_track)
    diag.Error(p.ValuePos("at_risk"), "at_risk must be below on_track: R at or above on_track is on track, "
               "at or above at_risk at risk, and below it off track");
  auto whole = [&](const char* key, int lo, int hi, int* to) {
    if (auto n = p.Number(key)) {
      if (*n < lo || *n > hi || *n != static_cast<int>(*n))
        diag.Error(p.ValuePos(key), std::string(key) + " must be a whole number from " + std::to_string(lo) +
                   " to " + std::to_string(hi));
      else *to = static_cast<int>(*n);
    }
  };
  whole("assessment_months", 1, 120, &pm.assessment_months);
  whole("figure_periods", 1, 120, &pm.figure_periods);
  if (auto n = p.Number("confidence")) {
    if (*n != 80 && *n != 90 && *n != 95) diag.Error(p.ValuePos("confidence"), "confidence must be 80, 90 or 95 (per cent)");
    else pm.confidence = static_cast<int>(*n);
  }
  p.RejectUnknown({"on_track", "at_risk", "assessment_months", "figure_periods", "confidence"});
}

// site.yml's accessibility: the answers the statement page gives.
void LoadAccessibility(YamlFields& f, const YamlOrigin& origin, Diagnostics& diag, SiteConfig* c) {
  const YamlNode& a11y = f.Node("accessibility");
  if (!a11y || a11y.IsNull()) return;
  YamlFields a(a11y, origin, f.ValuePos("accessibility"), diag, "the accessibility statement");
  if (!a.ok()) return;
  if (auto comp = a.Text("compliance")) {
    if (*comp == "fully" || *comp == "partially" || *comp == "not") c->compliance = *comp;
    else diag.Error(a.ValuePos("compliance"), "compliance must be fully, partially or not");
  }
  c->contact_phone = a.Text("phone").value_or("");
  c->statement_prepared = a.DateField("prepared", false, true);
  c->statement_reviewed = a.DateField("reviewed", false, true);
  c->last_tested = a.DateField("last_tested", false, true);
  if (const YamlNode& issues = a.Node("known_issues"); issues && !issues.IsNull()) {
    if (!issues.IsSequence()) diag.Error(a.ValuePos("known_issues"), "known_issues must be a list of sentences");
    else for (const auto& i : issues) if (i.IsScalar()) c->known_issues.push_back(i.Scalar());
  }
  a.RejectUnknown({"compliance", "phone", "prepared", "reviewed", "last_tested", "known_issues"});
}

}  // namespace

SiteConfig LoadConfig(const SourceTree& tree, Diagnostics& diag) {
  SiteConfig c;
  const std::string* text = tree.Find("site.yml");
  if (!text) {
    diag.Error({"site.yml", 0, 0}, "site.yml is missing: every source folder needs one (see docs/content-model.md)");
    return c;
  }
  YamlOrigin origin{"site.yml", 0, text};
  auto node = ParseYaml(*text, origin, diag);
  if (!node) return c;
  YamlFields f(*node, origin, {"site.yml", 1, 1}, diag, "site.yml");
  if (!f.ok()) return c;
  c.title = f.Text("title", true).value_or("");
  c.base_url = f.Text("base_url").value_or("");
  if (!c.base_url.empty()) {
    if (std::string why = CheckWebAddress(c.base_url); !why.empty()) {
      diag.Error(f.ValuePos("base_url"), "base_url " + why);
      c.base_url.clear();
    } else if (c.base_url.back() != '/') {
      c.base_url += '/';
    }
  }
  c.language = f.Text("language").value_or("en-GB");
  c.theme = f.Text("theme").value_or("default");
  if (!IsValidSlug(c.theme)) {
    diag.Error(f.ValuePos("theme"), "theme '" + c.theme + "' is not a valid folder name (lower-case letters, digits, '-' and '_')");
    c.theme = "default";
  }
  c.organisation = f.Text("organisation").value_or("");
  c.description = f.Text("description").value_or("");
  c.contact_email = f.Text("contact_email").value_or("");
  if (!c.contact_email.empty())
    if (std::string why = CheckEmailAddress(c.contact_email); !why.empty()) {
      diag.Error(f.ValuePos("contact_email"), "contact_email " + why);
      c.contact_email.clear();
    }
  c.as_at = f.DateField("as_at", false, true);
  c.unsafe_html = f.Bool("unsafe_html").value_or(false);
  if (auto n = f.Number("trend_window")) {
    if (*n < 2 || *n > 120 || *n != static_cast<int>(*n))
      diag.Error(f.ValuePos("trend_window"), "trend_window must be a whole number from 2 to 120");
    else
      c.trend_window = static_cast<int>(*n);
  }
  LoadProgress(f, origin, diag, &c.progress);
  c.logo = f.Text("logo").value_or("");
  if (auto colour = f.Text("brand_colour")) {
    bool ok = colour->size() == 7 && (*colour)[0] == '#' &&
              std::all_of(colour->begin() + 1, colour->end(), [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); });
    if (ok) c.brand_colour = *colour;
    else diag.Error(f.ValuePos("brand_colour"), "brand_colour must be a colour such as \"#1d70b8\" (quote it)");
  }
  if (const YamlNode& phase = f.Node("phase"); phase && !phase.IsNull()) {
    YamlFields p(phase, origin, f.ValuePos("phase"), diag, "the phase banner");
    if (p.ok()) {
      c.phase_tag = p.Text("tag", true).value_or("");
      c.phase_text = p.Text("text", true).value_or("");
      p.RejectUnknown({"tag", "text"});
    }
  }
  if (const YamlNode& licence = f.Node("licence"); licence && !licence.IsNull()) {
    YamlFields l(licence, origin, f.ValuePos("licence"), diag, "the licence");
    if (l.ok()) {
      c.licence_name = l.Text("name", true).value_or(c.licence_name);
      c.licence_url = l.Text("url").value_or("");
      if (!c.licence_url.empty())
        if (std::string why = CheckWebAddress(c.licence_url); !why.empty()) {
          diag.Error(l.ValuePos("url"), "licence url " + why);
          c.licence_url.clear();
        }
      l.RejectUnknown({"name", "url"});
    }
  }
  LoadAccessibility(f, origin, diag, &c);
  if (auto model = f.Text("statistical_neighbours")) {
    if (*model == "2025" || *model == "2021") c.neighbour_model = *model;
    else diag.Error(f.ValuePos("statistical_neighbours"), "statistical_neighbours must be 2025 or 2021: the DfE's "
                                                          "statistical-neighbour model official comparisons use");
  }
  f.RejectUnknown({"statistical_neighbours", "description", "title", "base_url", "language", "theme", "organisation", "contact_email",
                   "as_at", "unsafe_html", "trend_window", "progress", "logo", "brand_colour", "phase", "licence",
                   "accessibility"});
  return c;
}

Site LoadSite(const SourceTree& tree, Diagnostics& diag, int threads) {
  SourceTree copy = tree;
  return LoadSiteMovingBodies(copy, diag, threads);
}

namespace {

// Text that is not UTF-8 is reported once and not parsed further.
bool CheckUtf8(const std::string& path, const std::string& text, Diagnostics& diag) {
  if (!IsTextFile(path)) return true;
  size_t off = FindInvalidUtf8(text);
  if (off == std::string::npos) {
    off = FindControlCharacter(text);
    if (off == std::string::npos) return true;
    // Reported, never published or dropped unseen; the file is still read.
    const unsigned cp = static_cast<unsigned char>(text[off]) == 0xC2 ? static_cast<unsigned char>(text[off + 1])
                                                                     : static_cast<unsigned char>(text[off]);
    char code[8];
    std::snprintf(code, sizeof code, "%04X", cp);
    LineCol lc = LineColAt(text, off);
    diag.Error({path, lc.line, lc.col}, std::string("control character U+") + code +
                                            " here; remove it (pasted text can carry these invisibly)");
    return true;
  }
  LineCol lc = LineColAt(text, off);
  diag.Error({path, lc.line, lc.col}, "text is not UTF-8 here; save the file as UTF-8");
  return false;
}

}  // namespace

SiteGlobals LoadGlobals(const SourceTree& tree, Diagnostics& diag) {
  SiteGlobals g;
  std::set<std::string> bad;
  for (const auto& [path, text] : tree.files)
    if (OwnerOf(path).empty() && !CheckUtf8(path, text, diag)) bad.insert(path);
  if (!bad.count("site.yml")) g.config = LoadConfig(tree, diag);
  g.kpis_loaded = !bad.count("data/kpis.json");
  if (g.kpis_loaded) {
    // When kpis.json itself is wrong, unknown-KPI errors elsewhere would only
    // repeat that problem, so they are held back.
    int before = diag.errors();
    g.kpis = LoadKpis(tree, diag);
    g.kpis_loaded = tree.Find("data/kpis.json") && diag.errors() == before;
  }
  g.official = LoadOfficialData(tree, g.config, g.kpis, diag);
  return g;
}

std::vector<AuthorityFiles> PlanAuthorities(const std::vector<std::string_view>& paths, Diagnostics& diag) {
  // Authorities are the folders of content/ that hold _authority.md.
  std::map<std::string, AuthorityFiles, std::less<>> plan;
  std::map<std::string, std::vector<std::string_view>, std::less<>> data_files;  // authority -> snapshot paths
  std::set<std::string, std::less<>> bad_slugs;  // each bad folder name reported once
  // An authority's files come together in path order: its entry is found
  // once, not once a file.
  AuthorityFiles* mine = nullptr;
  std::vector<std::string_view>* snapshots = nullptr;
  std::string_view snapshots_of;
  for (const std::string_view path : paths) {
    const PathParts parts = Split(path);
    if (parts[0] == "content") {
      if (parts.size() < 3) {
        diag.Warning({std::string(path), 0, 0}, "ignored: content/ holds one folder per authority");
        continue;
      }
      const std::string_view slug = parts[1];
      if (!mine || mine->slug != slug) {
        if (!IsValidSlug(std::string(slug))) {
          if (bad_slugs.emplace(slug).second)
            diag.Error({std::string(path), 0, 0}, "authority folder '" + std::string(slug) +
                       "' is not a valid slug: use lower-case letters, digits, '-' and '_' only");
          continue;
        }
        // These names are the site's own folders and files.
        if (slug == "assets" || slug == "downloads" || slug == "all-authorities" || slug == "official") {
          if (bad_slugs.emplace(slug).second)
            diag.Error({std::string(path), 0, 0}, "authority folder '" + std::string(slug) +
                       "' is a name the site itself uses; rename the folder");
          continue;
        }
        auto it = plan.find(slug);
        if (it == plan.end()) it = plan.emplace(std::string(slug), AuthorityFiles{}).first;
        mine = &it->second;
        mine->slug = it->first;
      }
      const std::string_view name = parts.size() == 4 ? parts[3] : std::string_view();
      if (parts.size() == 3 && parts[2] == "_authority.md") {
        mine->files.push_back({AuthorityFiles::kAuthority, std::string(path), mine->slug});
      } else if (parts.size() == 4 && (parts[2] == "documents" || parts[2] == "measures") && name.ends_with(".md")) {
        std::string id(name.substr(0, name.size() - 3));
        if (!IsValidSlug(id)) {
          diag.Error({std::string(path), 0, 0}, "file name '" + std::string(name) +
                     "' is not a valid slug: use lower-case letters, digits, '-' and '_' only, then .md");
          continue;
        }
        // index.html and page-N.html are the lists' own pages.
        bool page = id.size() > 5 && id.compare(0, 5, "page-") == 0 &&
                    std::all_of(id.begin() + 5, id.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        if (id == "index" || (parts[2] == "documents" && page)) {
          diag.Error({std::string(path), 0, 0}, "file name '" + std::string(name) + "' is taken by the list of " +
                     std::string(parts[2]) + "; rename the file");
          // Still read, so its other problems are reported in this run too.
        }
        mine->files.push_back({parts[2] == "documents" ? AuthorityFiles::kDocument : AuthorityFiles::kMeasure,
                               std::string(path), std::move(id)});
      } else {
        diag.Warning({std::string(path), 0, 0}, "ignored: not part of the content model (see docs/content-model.md)");
      }
    } else if (parts[0] == "data") {
      if (path == "data/kpis.json") continue;
      if (parts[1] == "official") {
        // The DfE's files, read by LoadGlobals; nothing else belongs there.
        if (parts.size() != 3 || !parts[2].ends_with(".csv"))
          diag.Warning({std::string(path), 0, 0}, "ignored: data/official/ holds the DfE's CSV files as downloaded, with no folders");
        continue;
      }
      if (parts.size() == 4 && parts[2] == "snapshots" && parts[3].ends_with(".json")) {
        if (!snapshots || snapshots_of != parts[1]) {
          auto it = data_files.find(parts[1]);
          if (it == data_files.end()) it = data_files.emplace(std::string(parts[1]), std::vector<std::string_view>{}).first;
          snapshots = &it->second;
          snapshots_of = it->first;
        }
        snapshots->push_back(path);
      } else {
        diag.Warning({std::string(path), 0, 0}, "ignored: snapshots go in data/<authority>/snapshots/<as_at>.json");
      }
    }
  }
  for (const auto& [slug, snapshot_paths] : data_files) {
    auto it = plan.find(slug);
    if (it == plan.end()) {
      std::vector<std::string> names;
      for (const auto& [s, _] : plan) names.push_back(s);
      diag.Error({std::string(snapshot_paths.front()), 1, 1}, "unknown authority '" + slug + "'" + DidYouMean(slug, names) +
                 "; data/<authority>/ must match a folder content/<authority>/");
      continue;
    }
    for (const auto path : snapshot_paths) it->second.files.push_back({AuthorityFiles::kSnapshot, std::string(path), ""});
  }
  std::vector<AuthorityFiles> out;
  for (auto& [_, files] : plan) out.push_back(std::move(files));
  return out;
}

std::vector<Snapshot> LoadSnapshots(const AuthorityFiles& files, const SourceTree& tree, const SiteGlobals& g,
                                    Diagnostics& diag) {
  std::vector<Snapshot> out;
  for (const auto& file : files.files) {
    if (file.kind != AuthorityFiles::kSnapshot) continue;
    const std::string* t = tree.Find(file.path);
    if (!t || !CheckUtf8(file.path, *t, diag)) continue;
    Snapshot snap;
    bool ok = false;
    LoadSnapshot(file.path, *t, g.kpis, g.kpis_loaded, snap, &ok, diag);
    if (snap.as_at.valid()) out.push_back(std::move(snap));
  }
  return out;
}

Authority LoadAuthority(const AuthorityFiles& files, SourceTree& tree, const SiteGlobals& g,
                        std::optional<std::vector<Snapshot>> snapshots, Diagnostics& diag) {
  Authority a;
  a.slug = files.slug;
  for (const auto& file : files.files) {
    if (file.kind == AuthorityFiles::kSnapshot) continue;
    auto it = tree.files.find(file.path);
    std::string* t = it == tree.files.end() || !CheckUtf8(file.path, it->second, diag) ? nullptr : &it->second;
    switch (file.kind) {
      case AuthorityFiles::kAuthority:
        if (t) LoadAuthorityFile(file.path, *t, a, diag);
        else a.pos = {file.path, 1, 1};
        break;
      case AuthorityFiles::kDocument: {
        Document doc;
        doc.slug = file.id;
        if (t) LoadDocumentFile(file.path, *t, doc, diag);
        a.documents.push_back(std::move(doc));
        break;
      }
      case AuthorityFiles::kMeasure: {
        Measure m;
        m.id = file.id;
        if (t) LoadMeasureFile(file.path, *t, m, diag);
        a.measures.push_back(std::move(m));
        break;
      }
      case AuthorityFiles::kSnapshot:
        break;
    }
  }
  a.snapshots = snapshots ? std::move(*snapshots) : LoadSnapshots(files, tree, g, diag);
  if (a.pos.path.empty()) {
    diag.Error({"content/" + a.slug, 0, 0}, "authority folder has no _authority.md; add one with at least 'name:'");
    a.pos = {"content/" + a.slug + "/_authority.md", 0, 0};
  }
  std::sort(a.documents.begin(), a.documents.end(), [](const Document& x, const Document& y) {
    return std::tie(x.date, x.slug) < std::tie(y.date, y.slug);
  });
  a.IndexDocuments();
  std::sort(a.measures.begin(), a.measures.end(), [](const Measure& x, const Measure& y) { return x.id < y.id; });
  std::stable_sort(a.snapshots.begin(), a.snapshots.end(), [](const Snapshot& x, const Snapshot& y) {
    return std::tie(x.as_at, x.pos.path) < std::tie(y.as_at, y.pos.path);
  });
  ValidateAuthority(g.kpis, a, diag);
  ResolveRelativeTargets(a, g.kpis, g.official.get());
  if (g.official) {
    CheckAuthorityCodes(a, *g.official, diag);
    AddOfstedOutcomes(a, *g.official, diag);
    CheckTypedComparators(a, g.kpis, *g.official, diag);
  }
  return a;
}

Site LoadSiteMovingBodies(SourceTree& tree, Diagnostics& diag, int threads) {
  SiteGlobals g = LoadGlobals(tree, diag);
  std::vector<std::string_view> paths;
  for (const auto& [path, _] : tree.files) paths.push_back(path);
  std::vector<AuthorityFiles> plan = PlanAuthorities(paths, diag);
  // Each authority's files are its own: workers load them side by side and
  // may take their bodies.
  Site site;
  site.authorities.resize(plan.size());
  std::vector<Diagnostics> local(plan.size());
  ParallelFor(plan.size(), threads, [&](size_t i) {
    site.authorities[i] = LoadAuthority(plan[i], tree, g, std::nullopt, local[i]);
  });
  for (const auto& d : local) diag.Append(d);
  if (site.authorities.empty() && tree.Find("site.yml"))
    diag.Warning({"content", 0, 0}, "no authorities yet: add content/<authority>/_authority.md");
  site.config = std::move(g.config);
  site.kpis = std::move(g.kpis);
  site.official = std::move(g.official);
  return site;
}

}  // namespace tracker
