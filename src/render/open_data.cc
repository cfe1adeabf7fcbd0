#include "render/open_data.h"

#include <algorithm>
#include <array>
#include <map>
#include <cstdio>

#include "render/escape.h"
#include "render/format.h"

namespace tracker {

namespace {

const std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                             "July",    "August",   "September", "October", "November", "December"};

// Numbers in the CSV: plain, full precision, no thousands separators, no locale.
std::string PlainNumber(double v) {
  std::string s = FormatNumber(v, 6);
  s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
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

// The status a measure using this KPI had at each snapshot's date, from the
// same history the measure page shows; "z" when no measure uses the KPI.
// KPI id -> date -> status, the first measure by id deciding.
std::map<std::string, std::map<Date, std::string>> StatusByKpi(const Authority& a, const AuthorityAssessment& aa) {
  std::map<std::string, std::map<Date, std::string>> out;
  for (size_t i = 0; i < a.measures.size(); ++i) {
    if (a.measures[i].kpi.empty() || out.count(a.measures[i].kpi)) continue;
    auto& dates = out[a.measures[i].kpi];
    for (const auto& h : aa.histories[i]) dates.emplace(h.date, StatusId(h.status.status));
  }
  return out;
}

std::vector<Row> RowsFor(const Site& site, const Authority& a, const AuthorityAssessment& aa, const Date& as_at) {
  std::vector<Row> rows;
  const auto statuses = StatusByKpi(a, aa);
  for (const auto& snap : a.snapshots) {
    if (snap.as_at > as_at) continue;
    for (const auto& k : site.kpis) {
      auto v = snap.values.find(k.id);
      if (v == snap.values.end()) continue;
      auto t = snap.targets.find(k.id);
      std::string target = t == snap.targets.end() ? "z" : PlainNumber(t->second);
      std::string status = "z";
      if (auto by = statuses.find(k.id); by != statuses.end()) {
        auto at = by->second.find(snap.as_at);
        if (at != by->second.end()) status = at->second;
      }
      Row base = {std::to_string(snap.as_at.year), kMonths[snap.as_at.month - 1], "Local authority", "E92000001",
                  "England", a.region, a.ons_code, a.name, snap.as_at.Iso(), k.id};
      auto add = [&](const std::string& item, const Scalar& sc) {
        Row r = base;
        r.insert(r.end(), {item, Cell(sc), UnitId(k.unit), target, status});
        rows.push_back(r);
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

void AppendCsvRow(std::string* out, const Row& r) {
  for (size_t i = 0; i < r.size(); ++i) *out += (i ? "," : "") + EscapeCsv(r[i]);
  *out += "\r\n";
}

// JSON written directly: a national site has hundreds of thousands of rows,
// too many to build as a tree first.
void AppendJsonString(std::string* out, const std::string& s) {
  *out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      *out += '\\';
      *out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      *out += buf;
    } else {
      *out += static_cast<char>(c);
    }
  }
  *out += '"';
}

void AppendJsonRow(std::string* out, const Row& r) {
  const auto& cols = OpenDataColumns();
  if (!out->empty()) *out += ",\n";
  *out += "{";
  for (size_t i = 0; i < cols.size(); ++i) {
    if (i) *out += ",";
    AppendJsonString(out, cols[i]);
    *out += ":";
    AppendJsonString(out, r[i]);
  }
  *out += "}";
}

std::string MetaCsv() {
  // The columns the standard does not define itself.
  const std::vector<Row> meta = {
      {"as_at", "Filter", "Date the figures describe", "", "", "", "Figures as at this date", ""},
      {"indicator", "Filter", "Performance indicator", "", "", "", "The KPI, as named in data/kpis.json", ""},
      {"breakdown", "Filter", "Breakdown item", "", "", "", "Team or other item; Total when not broken down", ""},
      {"value", "Indicator", "Value", "", "", "", "A number or a GSS symbol: c suppressed, x not available, z not applicable, low rounds to zero, u low reliability", ""},
      {"unit", "Filter", "Unit of the value", "", "", "", "count, percent, rate_per_10k, days or number", ""},
      {"target", "Indicator", "Target given with the figures", "", "", "", "z when no target was given", ""},
      {"status", "Filter", "Status of the measure that uses this indicator, at this date", "", "", "", "met, on-track, at-risk, off-track, no-data; z when no measure uses it", ""},
  };
  std::string out = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\r\n";
  for (const auto& r : meta) {
    for (size_t i = 0; i < r.size(); ++i) out += (i ? "," : "") + EscapeCsv(r[i]);
    out += "\r\n";
  }
  return out;
}

// The three files of one download, and their entries for the data page.
// The finished texts are moved in: a national site has over a hundred
// megabytes of rows, too much to copy.
void Emit(std::vector<OutputFile>* out, std::vector<Download>* list, const std::string& stem, const std::string& title,
          const std::string& authority, std::string csv, std::string json, size_t rows) {
  std::string meta = MetaCsv();
  list->push_back({stem + ".csv", title, "CSV", rows, csv.size(), authority});
  list->push_back({stem + ".meta.csv", title + ": what each column means", "CSV metadata", 7, meta.size(), authority});
  list->push_back({stem + ".json", title, "JSON", rows, json.size(), authority});
  out->push_back({stem + ".csv", std::move(csv)});
  out->push_back({stem + ".meta.csv", std::move(meta)});
  out->push_back({stem + ".json", std::move(json)});
}

// A CSV file's text: the header, then the rows.
std::string CsvText(const std::string& rows) {
  std::string csv = CsvHeader();
  csv.reserve(csv.size() + rows.size());
  return csv += rows;
}

// A JSON file's text: a list of the row objects.
std::string JsonText(const std::string& rows) {
  return rows.empty() ? "[]\n" : "[\n" + rows + "\n]\n";
}

}  // namespace

const std::vector<std::string>& OpenDataColumns() {
  static const std::vector<std::string> cols = {
      "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_name",
      "new_la_code", "la_name",         "as_at",            "indicator",    "breakdown",    "value",
      "unit",        "target",          "status"};
  return cols;
}

AuthorityData RenderAuthorityData(const Site& site, const Authority& a, const AuthorityAssessment& aa,
                                  const Date& as_at) {
  AuthorityData d;
  for (const Row& r : RowsFor(site, a, aa, as_at)) {
    AppendCsvRow(&d.csv_rows, r);
    AppendJsonRow(&d.json_rows, r);
    ++d.rows;
  }
  Emit(&d.files, &d.downloads, "downloads/" + a.slug, a.name + ": every reported figure", a.slug,
       CsvText(d.csv_rows), JsonText(d.json_rows), d.rows);
  return d;
}

void RenderAllData(std::vector<AuthorityData>& parts, std::vector<OutputFile>* files,
                   std::vector<Download>* downloads) {
  // Built in place and moved out: a national site has over a hundred
  // megabytes of rows, too much to copy.
  size_t csv_size = 0, json_size = 0, rows = 0;
  for (const auto& p : parts) {
    csv_size += p.csv_rows.size();
    json_size += p.json_rows.size() + 2;
  }
  std::string csv = CsvHeader(), json = "[";
  csv.reserve(csv.size() + csv_size);
  json.reserve(json_size + 8);
  for (auto& p : parts) {
    csv += p.csv_rows;
    if (!p.json_rows.empty()) {
      json += rows ? ",\n" : "\n";
      json += p.json_rows;
    }
    rows += p.rows;
    downloads->insert(downloads->end(), p.downloads.begin(), p.downloads.end());
    std::string().swap(p.csv_rows);  // each part is freed as soon as it is in
    std::string().swap(p.json_rows);
  }
  json += rows ? "\n]\n" : "]\n";
  Emit(files, downloads, "downloads/all-authorities", "Every reported figure, all authorities", "", std::move(csv),
       std::move(json), rows);
}

}  // namespace tracker
