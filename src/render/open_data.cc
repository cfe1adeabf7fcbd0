#include "render/open_data.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <tuple>
#include <map>
#include <set>

#include "escape.h"
#include "render/explain.h"
#include "render/format.h"

namespace tracker {

namespace {

const std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                             "July",    "August",   "September", "October", "November", "December"};

// Numbers in the CSV: plain, full precision, no thousands separators, no locale.
std::string PlainNumber(double v) {
  std::string s;
  AppendPlainNumber(&s, v, 6);
  return s;
}

// A value as the standard wants it: a number, or a GSS symbol; a null (not
// reported) is "x", not available, and never a blank or a zero.
std::string Cell(const Scalar& s) {
  if (const double* d = std::get_if<double>(&s)) return PlainNumber(*d);
  if (const Symbol* sym = std::get_if<Symbol>(&s)) return sym->code;
  return "x";
}

using Row = std::vector<std::string>;

// The status a measure using this KPI had at each snapshot's date, and the
// date of the evidence it rested on, from the same history the measure page
// shows; "z" when no measure uses the KPI. KPI id -> date -> (status, its
// evidence's date), the first measure by id deciding.
struct DatedStatus {
  std::string status, evidence;
};
std::map<std::string, std::map<Date, DatedStatus>> StatusByKpi(const Authority& a, const AuthorityAssessment& aa) {
  std::map<std::string, std::map<Date, DatedStatus>> out;
  for (size_t i = 0; i < a.measures.size(); ++i) {
    if (a.measures[i].kpi.empty() || out.count(a.measures[i].kpi)) continue;
    auto& dates = out[a.measures[i].kpi];
    for (const auto& h : aa.histories[i])
      dates.emplace(h.date, DatedStatus{StatusId(h.status.status), h.status.evidence ? h.status.evidence->Iso() : "z"});
  }
  return out;
}

// One row's cells, in the columns' order: views into the model, or into
// strings that live until the row has been written.
using Cells = std::array<std::string_view, 18>;

// Calls `write(cells, snapshot, kpi)` with each row, one per authority ×
// KPI × date × breakdown item, made in place rather than gathered first;
// `snapshot` and `kpi` count the rows' snapshots and KPIs, so a writer can
// tell when the cells they decide change.
template <class Write>
size_t ForEachRow(const Site& site, const Authority& a, const AuthorityAssessment& aa, const Date& as_at,
                  Write&& write) {
  size_t rows = 0;
  const auto statuses = StatusByKpi(a, aa);
  for (size_t si = 0; si < a.snapshots.size(); ++si) {
    const Snapshot& snap = a.snapshots[si];
    if (snap.as_at > as_at) continue;
    const std::string year = std::to_string(snap.as_at.year), iso = snap.as_at.Iso();
    for (size_t ki = 0; ki < site.kpis.size(); ++ki) {
      const Kpi& k = site.kpis[ki];
      auto v = snap.values.find(k.id);
      if (v == snap.values.end()) continue;
      // The measure's target is the KPI's one target (a snapshot's may only repeat it).
      const Target* kt = TargetOf(a, k.id);
      // A relative target's is the comparator's figure in force at the snapshot's date.
      const std::optional<double> kv = kt ? kt->At(snap.as_at) : std::nullopt;
      const std::string target = kv ? PlainNumber(*kv) : "z";
      std::string_view status = "z", status_date = "z";
      if (auto by = statuses.find(k.id); by != statuses.end()) {
        auto at = by->second.find(snap.as_at);
        if (at != by->second.end()) {
          status = at->second.status;
          status_date = at->second.evidence;
        }
      }
      // The figure's source document and the snapshot's note on it.
      auto note = snap.notes.find(k.id);
      Cells cells = {year,   kMonths[snap.as_at.month - 1], "Local authority", "E92000001", "England",
                     a.region, a.ons_code, a.name, iso, k.id, "", "", UnitId(k.unit), target, status, status_date,
                     snap.source.empty() ? std::string_view("z") : std::string_view(snap.source),
                     note == snap.notes.end() || note->second.empty() ? std::string_view("z") : std::string_view(note->second)};
      auto add = [&](std::string_view item, const Scalar& sc) {
        const std::string value = Cell(sc);
        cells[10] = item;
        cells[11] = value;
        write(cells, si, ki);
        ++rows;
      };
      if (const auto* sc = std::get_if<Scalar>(&v->second)) {
        add("Total", *sc);
      } else {
        for (const auto& [item, sc] : std::get<Breakdown>(v->second)) add(item, sc);
      }
    }
  }
  return rows;
}

std::string CsvHeader() {
  std::string out;
  const auto& cols = OpenDataColumns();
  for (size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + cols[i];
  return out + "\r\n";
}

// The cells every row of one authority shares (geography and name), as
// written in each format: escaped once, not once a row.
constexpr size_t kSameFirst = 2, kSameLast = 8;

void AppendCsvCell(std::string* out, std::string_view cell) {
  if (CsvNeedsEscape(cell)) *out += EscapeCsv(cell);
  else *out += cell;
}

// Cells [from, to) of a row, each after a comma but the first of all: a
// row is the runs [0, n) and [n, 18) one after the other.
void AppendCsvCells(std::string* out, const Cells& r, std::string_view same, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (i >= kSameFirst && i < kSameLast) {
      if (i == kSameFirst) (*out += ',') += same;
      continue;
    }
    if (i) *out += ',';
    AppendCsvCell(out, r[i]);
  }
}

// Each column's name as a JSON key, quoted once for every row.
const std::vector<std::string>& JsonKeys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const auto& c : OpenDataColumns()) {
      std::string key;
      AppendJsonString(&key, c);
      k.push_back(key + ":");
    }
    return k;
  }();
  return keys;
}

// The columns that hold figures: in JSON a figure is a number, and a
// symbol (c, x, z...) stays text.
constexpr size_t kValueCell = 11, kTargetCell = 13;
bool IsPlainNumber(std::string_view s) {
  size_t i = s.size() > 1 && s[0] == '-' ? 1 : 0;
  if (i >= s.size()) return false;
  bool digit = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') digit = true;
    else if (s[i] != '.') return false;
  }
  return digit;
}

// The same for a JSON row object's members, without its braces.
void AppendJsonCells(std::string* out, const Cells& r, std::string_view same, size_t from, size_t to) {
  const auto& keys = JsonKeys();
  for (size_t i = from; i < to; ++i) {
    if (i >= kSameFirst && i < kSameLast) {
      if (i == kSameFirst) (*out += ',') += same;
      continue;
    }
    if (i) *out += ',';
    *out += keys[i];
    if ((i == kValueCell || i == kTargetCell) && IsPlainNumber(r[i])) *out += r[i];
    else AppendJsonString(out, r[i]);
  }
}

// The shared cells of `a`'s rows, as AppendCsvCells and AppendJsonCells want them.
void SameCells(const Authority& a, std::string* csv, std::string* json) {
  const std::array<std::string_view, kSameLast - kSameFirst> same = {"Local authority", "E92000001", "England",
                                                                     a.region, a.ons_code, a.name};
  const auto& keys = JsonKeys();
  for (size_t i = 0; i < same.size(); ++i) {
    if (i) {
      *csv += ',';
      *json += ',';
    }
    AppendCsvCell(csv, same[i]);
    *json += keys[kSameFirst + i];
    AppendJsonString(json, same[i]);
  }
}

std::string MetaCsv() {
  // The columns the standard does not define itself.
  const std::vector<Row> meta = {
      {"as_at", "Filter", "Date the figures describe", "", "", "", "Figures as at this date", ""},
      {"indicator", "Filter", "Performance indicator", "", "", "", "The KPI, as named in data/kpis.json", ""},
      {"breakdown", "Filter", "Breakdown item", "", "", "", "Team or other item; Total when not broken down", ""},
      {"value", "Indicator", "Value", "", "", "", "A number or a GSS symbol: c suppressed, x not available, z not applicable, low rounds to zero, u low reliability", ""},
      {"unit", "Filter", "Unit of the value", "", "", "", "count, percent, rate_per_10k, days or number", ""},
      {"target", "Indicator", "Target given with the figures", "", "", "", "z when no target was given; for a target relative to England, the region or the statistical neighbours, their DfE figure in force at the date", ""},
      {"status", "Filter", "Status of the measure that uses this indicator, at this date", "", "", "", "met, on-track, at-risk, off-track, not-shown-met, out-of-date, no-data; z when no measure uses it", ""},
      {"status_date", "Filter", "Date of the evidence the status rests on: a figure or a document's assessment", "", "", "", "YYYY-MM-DD, YYYY-MM or YYYY; z when there is no status or no evidence", ""},
      {"source", "Filter", "The document the figure comes from", "", "", "", "a document's slug, its page <authority>/documents/<slug>.html; z when none is named", ""},
      {"note", "Filter", "The note given with the figure", "", "", "", "z when there is none", ""},
  };
  std::string out = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\r\n";
  for (const auto& r : meta) {
    for (size_t i = 0; i < r.size(); ++i) out += (i ? "," : "") + EscapeCsv(r[i]);
    out += "\r\n";
  }
  return out;
}

// The three files of one download, and their entries for the data page.
void Emit(std::vector<OutputFile>* out, std::vector<Download>* list, const std::string& stem, const std::string& title,
          const std::string& authority, OutputFile csv, OutputFile json, size_t csv_bytes, size_t json_bytes,
          size_t rows, std::string meta = MetaCsv()) {
  const size_t meta_rows = static_cast<size_t>(std::count(meta.begin(), meta.end(), '\n')) - 1;
  list->push_back({stem + ".csv", title, "CSV", rows, csv_bytes, authority});
  list->push_back({stem + ".meta.csv", title + ": what each column means", "CSV metadata", meta_rows, meta.size(), authority});
  list->push_back({stem + ".json", title, "JSON", rows, json_bytes, authority});
  csv.path = stem + ".csv";
  json.path = stem + ".json";
  out->push_back(std::move(csv));
  out->push_back({stem + ".meta.csv", std::move(meta)});
  out->push_back(std::move(json));
}

// A JSON file of row objects: "[\n" rows "\n]\n", or "[]\n" with none.
constexpr size_t kJsonHead = 2, kJsonTail = 3;

// The official comparisons: for each KPI with an official series, each
// year and each of the authority, England, its region and its statistical
// neighbours' mean, one row with its period, source and, for the mean, the
// neighbour count and model; the authority's rows carry its rank and
// quartile. Tidy, as the DfE's own files.
const std::vector<std::string>& ComparisonColumns() {
  static const std::vector<std::string> cols = {
      "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_name",
      "new_la_code", "la_name", "period_end", "indicator", "comparator", "value", "unit",
      "neighbours_with_value", "neighbour_model", "rank_among_neighbours", "neighbours_ranked", "quartile",
      "publication", "source_file", "source_column"};
  return cols;
}

std::vector<Row> ComparisonMeta() {
  return {
      {"period_end", "Filter", "The last day of the period the figure describes", "", "", "", "YYYY-MM-DD: 31 March, or 30 September for the workforce census", ""},
      {"indicator", "Filter", "Performance indicator", "", "", "", "The KPI, as named in data/kpis.json", ""},
      {"comparator", "Filter", "Whose figure", "", "", "", "authority, england, region, or statistical_neighbours_mean", ""},
      {"value", "Indicator", "Value", "", "", "", "A number or a GSS symbol: c suppressed, x not available, z not applicable, low rounds to zero, u low reliability, : not available", ""},
      {"unit", "Filter", "Unit of the value", "", "", "", "count, percent, rate_per_10k, days or number", ""},
      {"neighbours_with_value", "Indicator", "Statistical neighbours with a figure, of those in the model", "", "", "", "for the mean only; z otherwise", ""},
      {"neighbour_model", "Filter", "The DfE statistical-neighbour model", "", "", "", "2025 or 2021; z when not the mean", ""},
      {"rank_among_neighbours", "Indicator", "The authority's rank among itself and its neighbours with a figure", "", "", "", "1 is the best, or the lowest where the KPI has no direction; z for other rows or when not ranked", ""},
      {"neighbours_ranked", "Indicator", "How many were ranked", "", "", "", "z when not ranked", ""},
      {"quartile", "Indicator", "The authority's quartile among all authorities with a figure", "", "", "", "1 best (or lowest) to 4; z for other rows or when not placed", ""},
      {"publication", "Filter", "The DfE publication", "", "", "", "", ""},
      {"source_file", "Filter", "The DfE's file, as downloaded", "", "", "", "", ""},
      {"source_column", "Filter", "The file's column", "", "", "", "a computed rate names the count's column", ""},
  };
}

std::string OfficialCell(const OfficialValue& v) {
  if (v.number) return PlainNumber(*v.number);
  if (!v.symbol.empty()) return v.symbol;
  return "x";
}

// A small tidy file: CSV, JSON (the `numeric` columns as numbers where they
// hold one) and its .meta.csv, from rows made in full.
void EmitTidy(AuthorityData* d, const std::string& stem, const std::string& title, const std::string& authority,
              const std::vector<std::string>& cols, const std::vector<Row>& rows, const std::set<size_t>& numeric,
              const std::vector<Row>& meta) {
  std::string csv, json = rows.empty() ? "[]\n" : "[\n";
  for (size_t i = 0; i < cols.size(); ++i) csv += (i ? "," : "") + cols[i];
  csv += "\r\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r) json += ",\n";
    json += '{';
    for (size_t i = 0; i < cols.size(); ++i) {
      if (i) {
        csv += ',';
        json += ',';
      }
      AppendCsvCell(&csv, rows[r][i]);
      AppendJsonString(&json, cols[i]);
      json += ':';
      if (numeric.count(i) && IsPlainNumber(rows[r][i])) json += rows[r][i];
      else AppendJsonString(&json, rows[r][i]);
    }
    json += '}';
    csv += "\r\n";
  }
  if (!rows.empty()) json += "\n]\n";
  std::string meta_csv = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\r\n";
  for (const auto& m : meta) {
    for (size_t i = 0; i < m.size(); ++i) meta_csv += (i ? "," : "") + EscapeCsv(m[i]);
    meta_csv += "\r\n";
  }
  const size_t csv_bytes = csv.size(), json_bytes = json.size();
  Emit(&d->files, &d->downloads, stem, title, authority, {"", std::move(csv)}, {"", std::move(json)}, csv_bytes,
       json_bytes, rows.size(), std::move(meta_csv));
}

void RenderComparisons(const Authority& a, const AuthorityAssessment& aa, AuthorityData* d) {
  bool any = false;
  for (const auto& c : aa.official.kpis) any = any || !c.points.empty();
  if (!any) return;
  std::vector<Row> rows;
  for (const auto& c : aa.official.kpis) {
    const Kpi& k = *c.kpi;
    const OfficialSeries& s = *k.official;
    for (const OfficialPoint& p : c.points) {
      const bool census = s.period == OfficialPeriod::kSeptemberCensus;
      auto row = [&](const char* who, std::string value, std::string with, std::string model, std::string rank,
                     std::string ranked, std::string quartile) {
        rows.push_back({std::to_string(p.year), census ? "September" : "Reporting year", "Local authority", "E92000001",
                        "England", a.region.empty() ? aa.official.region_name : a.region, a.ons_code, a.name,
                        p.as_at.Iso(), k.id, who, std::move(value), UnitId(k.unit), std::move(with), std::move(model),
                        std::move(rank), std::move(ranked), std::move(quartile), s.publication, s.figure.file,
                        s.figure.indicator});
      };
      row("authority", OfficialCell(p.own), "z", "z", p.rank ? std::to_string(p.rank) : "z",
          p.rank ? std::to_string(p.ranked) : "z", p.quartile ? std::to_string(p.quartile) : "z");
      row("england", OfficialCell(p.england), "z", "z", "z", "z", "z");
      row("region", OfficialCell(p.region), "z", "z", "z", "z", "z");
      if (!aa.official.neighbour_model.empty())
        row("statistical_neighbours_mean", p.neighbour_mean ? PlainNumber(*p.neighbour_mean) : "x",
            std::to_string(p.neighbours_with_value), aa.official.neighbour_model, "z", "z", "z");
    }
  }
  // Figures and counts are numbers in the JSON; symbols and words are text.
  EmitTidy(d, "downloads/" + a.slug + ".comparisons",
           a.name + ": official figures beside England, the region and statistical neighbours", a.slug,
           ComparisonColumns(), rows, {11, 13, 15, 16, 17}, ComparisonMeta());
}

// The geography and date every row of an authority's files starts with.
Row Lead(const Authority& a, const Date& as_at) {
  return {std::to_string(as_at.year), kMonths[as_at.month - 1], "Local authority", "E92000001", "England",
          a.region, a.ons_code, a.name, as_at.Iso()};
}

const char* DecidedBy(const MeasureStatus& s) {
  return s.decided_by == Decider::kFigures ? "figures" : s.decided_by == Decider::kAssessment ? "assessment" : "nothing";
}

// Every measure's status at the as-at date, with the date of its evidence,
// what decided it and the sentence that explains it; and every assessment
// a document makes, in a file of its own.
void RenderMeasures(const Site& site, const Authority& a, const AuthorityAssessment& aa, const Date& as_at,
                    AuthorityData* d) {
  if (a.measures.empty()) return;
  const std::vector<std::string> lead = {"time_period", "time_identifier", "geographic_level", "country_code",
                                         "country_name", "region_name", "new_la_code", "la_name", "as_at"};
  std::vector<std::string> cols = lead;
  for (const char* c : {"measure", "title", "indicator", "status", "evidence_date", "decided_by", "set_by", "deadline",
                        "explanation"})
    cols.push_back(c);
  std::vector<Row> rows;
  for (size_t i = 0; i < a.measures.size(); ++i) {
    const Measure& m = a.measures[i];
    const MeasureStatus& st = aa.measures[i];
    const Kpi* kpi = m.kpi.empty() ? nullptr : site.FindKpi(m.kpi);
    Row r = Lead(a, as_at);
    for (std::string cell : {m.id, m.title, m.kpi.empty() ? std::string("z") : m.kpi, std::string(StatusId(st.status)),
                             st.evidence ? st.evidence->Iso() : std::string("z"), std::string(DecidedBy(st)),
                             m.set_by.empty() ? std::string("z") : m.set_by,
                             m.deadline ? m.deadline->Iso() : std::string("z"),
                             ExplainStatus(a, m, kpi, st, as_at, site.config.progress)})
      r.push_back(std::move(cell));
    rows.push_back(std::move(r));
  }
  const std::vector<Row> lead_meta = {
      {"as_at", "Filter", "The date every status is judged at", "", "", "", "YYYY-MM-DD", ""},
      {"measure", "Filter", "The measure, as named by its file", "", "", "", "", ""},
      {"title", "Filter", "The measure's title", "", "", "", "", ""},
      {"indicator", "Filter", "The KPI its figures are judged by", "", "", "", "z when judged by documents alone", ""}};
  std::vector<Row> meta = lead_meta;
  meta.push_back({"status", "Filter", "Its status at the as-at date", "", "", "", "met, on-track, at-risk, off-track, not-shown-met, out-of-date, no-data", ""});
  meta.push_back({"evidence_date", "Filter", "The date of the evidence the status rests on", "", "", "", "YYYY-MM-DD, YYYY-MM or YYYY; z when there is none", ""});
  meta.push_back({"decided_by", "Filter", "What decided the status", "", "", "", "figures, assessment (a document's), or nothing", ""});
  meta.push_back({"set_by", "Filter", "The document that set the measure", "", "", "", "a document's slug; z when none", ""});
  meta.push_back({"deadline", "Filter", "The measure's deadline", "", "", "", "z when it has none", ""});
  meta.push_back({"explanation", "Filter", "The sentence that explains the status, as the measure's page gives it", "", "", "", "", ""});
  EmitTidy(d, "downloads/" + a.slug + ".statuses", a.name + ": every measure's status, its evidence and what decided it",
           a.slug, cols, rows, {}, meta);

  std::vector<std::string> acols = lead;
  for (const char* c : {"measure", "title", "assessment_date", "status", "source", "source_title", "note"})
    acols.push_back(c);
  std::vector<Row> arows;
  for (const Measure& m : a.measures)
    for (const Assessment& as : m.assessments) {
      if (as.date > as_at) continue;  // not yet made at the as-at date
      const Document* doc = a.FindDocument(as.source);
      Row r = Lead(a, as_at);
      for (std::string cell : {m.id, m.title, as.date.Iso(), std::string(StatusId(as.status)),
                               as.source.empty() ? std::string("z") : as.source,
                               doc ? doc->title : std::string("z"), as.note.empty() ? std::string("z") : as.note})
        r.push_back(std::move(cell));
      arows.push_back(std::move(r));
    }
  std::vector<Row> ameta = lead_meta;
  ameta.erase(ameta.begin() + 3);
  ameta.push_back({"assessment_date", "Filter", "The date of the document's assessment", "", "", "", "YYYY-MM-DD, YYYY-MM or YYYY", ""});
  ameta.push_back({"status", "Filter", "The status the document gives", "", "", "", "met, on-track, at-risk or off-track", ""});
  ameta.push_back({"source", "Filter", "The document that makes the assessment", "", "", "", "a document's slug; z when none is named", ""});
  ameta.push_back({"source_title", "Filter", "Its title", "", "", "", "z when none is named", ""});
  ameta.push_back({"note", "Filter", "What the document says, as quoted", "", "", "", "z when nothing is quoted", ""});
  EmitTidy(d, "downloads/" + a.slug + ".assessments", a.name + ": every assessment the documents make", a.slug, acols,
           arows, {}, ameta);
}

}  // namespace

const std::vector<std::string>& OpenDataColumns() {
  static const std::vector<std::string> cols = {
      "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_name",
      "new_la_code", "la_name",         "as_at",            "indicator",    "breakdown",    "value",
      "unit",        "target",          "status",           "status_date",  "source",       "note"};
  return cols;
}

AuthorityData RenderAuthorityData(const Site& site, const Authority& a, const AuthorityAssessment& aa,
                                  const Date& as_at) {
  AuthorityData d;
  std::string csv = CsvHeader(), json = "[\n";
  // Room for both at once, as large as this thread's last: grown a row at a
  // time, they were copied over and over. Only the capacity depends on it.
  thread_local size_t csv_size = 0, json_size = 0;
  csv.reserve(csv_size);
  json.reserve(json_size);
  std::string same_csv, same_json;
  SameCells(a, &same_csv, &same_json);
  // The cells up to the date are the snapshot's, and the indicator the
  // KPI's: written once for each, not once a row.
  constexpr size_t kKpiCell = 9, kRowCells = std::tuple_size_v<Cells>;
  std::string date_csv, date_json;
  std::vector<std::string> kpi_csv(site.kpis.size()), kpi_json(site.kpis.size());
  size_t last_snapshot = SIZE_MAX;
  d.rows = ForEachRow(site, a, aa, as_at, [&](const Cells& r, size_t snapshot, size_t kpi) {
    if (snapshot != last_snapshot) {
      date_csv.clear();
      date_json.clear();
      AppendCsvCells(&date_csv, r, same_csv, 0, kKpiCell);
      AppendJsonCells(&date_json, r, same_json, 0, kKpiCell);
      last_snapshot = snapshot;
    }
    if (kpi_csv[kpi].empty()) {
      AppendCsvCells(&kpi_csv[kpi], r, same_csv, kKpiCell, kKpiCell + 1);
      AppendJsonCells(&kpi_json[kpi], r, same_json, kKpiCell, kKpiCell + 1);
    }
    ((csv += date_csv) += kpi_csv[kpi]);
    AppendCsvCells(&csv, r, same_csv, kKpiCell + 1, kRowCells);
    csv += "\r\n";
    if (json.size() > 2) json += ",\n";
    ((json += '{') += date_json) += kpi_json[kpi];
    AppendJsonCells(&json, r, same_json, kKpiCell + 1, kRowCells);
    json += '}';
  });
  if (d.rows) json += "\n]\n";
  else json = "[]\n";
  size_t csv_bytes = csv.size(), json_bytes = json.size();
  csv_size = std::max(csv_size, csv_bytes);
  json_size = std::max(json_size, json_bytes);
  Emit(&d.files, &d.downloads, "downloads/" + a.slug, a.name + ": every reported figure", a.slug,
       {"", std::move(csv)}, {"", std::move(json)}, csv_bytes, json_bytes, d.rows);
  RenderMeasures(site, a, aa, as_at, &d);
  RenderComparisons(a, aa, &d);
  return d;
}

void RenderAllData(const std::vector<std::vector<Download>>& authorities, std::vector<OutputFile>* files,
                   std::vector<Download>* downloads) {
  OutputFile csv, json;
  const std::string header = CsvHeader();
  csv.pieces.push_back(Piece(header));
  json.pieces.push_back(Piece("["));
  size_t csv_bytes = header.size(), json_bytes = 1, rows = 0;
  for (const auto& mine : authorities) {
    for (const Download& d : mine) {
      // Only each authority's figures file joins the all-authorities one:
      // its statuses, assessments and comparisons have columns of their own.
      // (Each is named <slug>.<what>, so an output's authority is always the
      // name before the first dot, and no slug can stand for another's.)
      if (d.rows == 0 || (d.path != "downloads/" + d.authority + ".csv" && d.path != "downloads/" + d.authority + ".json"))
        continue;
      if (d.format == "CSV") {
        csv.pieces.push_back(Piece(d.path, header.size(), d.bytes - header.size()));
        csv_bytes += d.bytes - header.size();
      } else if (d.format == "JSON") {
        json.pieces.push_back(Piece(rows ? ",\n" : "\n"));
        json.pieces.push_back(Piece(d.path, kJsonHead, d.bytes - kJsonHead - kJsonTail));
        json_bytes += (rows ? 2 : 1) + d.bytes - kJsonHead - kJsonTail;
        rows += d.rows;
      }
    }
    downloads->insert(downloads->end(), mine.begin(), mine.end());
  }
  json.pieces.push_back(Piece(rows ? "\n]\n" : "]\n"));
  json_bytes += rows ? 3 : 2;
  Emit(files, downloads, "downloads/all-authorities", "Every reported figure, all authorities", "", std::move(csv),
       std::move(json), csv_bytes, json_bytes, rows);
}

}  // namespace tracker
