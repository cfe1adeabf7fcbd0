#include "load/official.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "load/csv.h"
#include "load/text.h"

namespace tracker {

namespace {

// A number as a person typed it: no trailing zeros.
std::string FormatPlain(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string JoinComma(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
  return out;
}

// A file name in data/official/, never a path.
bool PlainCsvName(const std::string& s) {
  return s.size() > 4 && s.find('/') == std::string::npos && s.find('\\') == std::string::npos && s[0] != '.' &&
         s.compare(s.size() - 4, 4, ".csv") == 0;
}

std::optional<OfficialColumn> LoadColumn(const JsonFile& f, const Json& o, const std::string& ptr,
                                         const std::vector<std::string>& keys, const std::string& what,
                                         Diagnostics& diag) {
  if (!o.is_object()) {
    diag.Error(f.At(ptr), what + " must be an object with \"file\", \"indicator\" and, where the file needs them, \"filters\"");
    return std::nullopt;
  }
  RejectUnknownKeys(f, o, ptr, keys, what, diag);
  OfficialColumn c;
  c.pos = f.At(ptr);
  bool ok = true;
  for (const char* key : {"file", "indicator"}) {
    const std::string at = JsonPointerAppend(ptr, key);
    if (!o.contains(key) || !o[key].is_string() || o[key].get<std::string>().empty()) {
      diag.Error(o.contains(key) ? f.At(at) : f.At(ptr),
                 what + " needs \"" + key + "\" as text: " +
                     (std::string(key) == "file" ? "the name of a CSV file in data/official/, as downloaded"
                                                 : "the name of the file's column that holds the figure"));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  c.file = o["file"].get<std::string>();
  c.indicator = o["indicator"].get<std::string>();
  if (!PlainCsvName(c.file)) {
    diag.Error(f.At(JsonPointerAppend(ptr, "file")),
               "file '" + c.file + "' must be the name of a .csv file in data/official/, with no folder");
    return std::nullopt;
  }
  if (o.contains("filters")) {
    const std::string at = JsonPointerAppend(ptr, "filters");
    const Json& filters = o["filters"];
    if (!filters.is_object()) {
      diag.Error(f.At(at), "filters must be an object of {column: value}, e.g. {\"population_type\": \"Children looked after on 31 March each year\"}");
      return std::nullopt;
    }
    for (auto it = filters.begin(); it != filters.end(); ++it) {
      if (!it.value().is_string()) {
        diag.Error(f.At(JsonPointerAppend(at, it.key())), "a filter's value must be text, as the file writes it");
        ok = false;
        continue;
      }
      c.filters.emplace_back(it.key(), it.value().get<std::string>());
    }
  }
  if (!ok) return std::nullopt;
  return c;
}

}  // namespace

const char* OfficialPeriodId(OfficialPeriod p) {
  return p == OfficialPeriod::kSeptemberCensus ? "september_census" : "year_ending_march";
}

std::optional<OfficialSeries> LoadOfficialSeries(const JsonFile& f, const Json& o, const std::string& ptr,
                                                 const Kpi& kpi, Diagnostics& diag) {
  auto figure = LoadColumn(f, o, ptr, {"file", "indicator", "filters", "period", "publication", "per_10k_of"},
                           "a KPI's official series", diag);
  if (!figure) return std::nullopt;
  OfficialSeries s;
  s.figure = std::move(*figure);
  s.pos = f.At(ptr);
  bool ok = true;
  static const std::vector<std::string> kPeriods = {"year_ending_march", "september_census"};
  if (!o.contains("period") || !o["period"].is_string()) {
    diag.Error(o.contains("period") ? f.At(ptr + "/period") : f.At(ptr),
               "a KPI's official series needs \"period\": year_ending_march (a year to 31 March, as most DfE "
               "collections) or september_census (the workforce census)");
    ok = false;
  } else if (const std::string p = o["period"].get<std::string>(); p == "year_ending_march") {
    s.period = OfficialPeriod::kYearEndingMarch;
  } else if (p == "september_census") {
    s.period = OfficialPeriod::kSeptemberCensus;
  } else {
    diag.Error(f.At(ptr + "/period"), "unknown period '" + p + "'" + DidYouMean(p, kPeriods) +
                                          "; use year_ending_march or september_census");
    ok = false;
  }
  if (!o.contains("publication") || !o["publication"].is_string() || o["publication"].get<std::string>().empty()) {
    diag.Error(o.contains("publication") ? f.At(ptr + "/publication") : f.At(ptr),
               "a KPI's official series needs \"publication\": the DfE publication it comes from, for the credit "
               "line, e.g. \"Children looked after in England including adoptions\"");
    ok = false;
  } else {
    s.publication = o["publication"].get<std::string>();
  }
  if (o.contains("per_10k_of")) {
    const std::string at = ptr + "/per_10k_of";
    const Json& p = o["per_10k_of"];
    auto population = LoadColumn(f, p, at, {"file", "indicator", "filters", "year"}, "per_10k_of", diag);
    if (!population) ok = false;
    else s.per_10k_of = std::move(*population);
    if (p.is_object() && p.contains("year")) {
      if (!p["year"].is_number_integer() || p["year"].get<int>() < -5 || p["year"].get<int>() > 0) {
        diag.Error(f.At(at + "/year"), "year must be a whole number from -5 to 0: the population's year counted "
                                       "from the figure's (-1, the mid-year estimate before a year to 31 March, is the DfE's way)");
        ok = false;
      } else {
        s.population_year = p["year"].get<int>();
      }
    }
    if (kpi.unit != Unit::kRatePer10k) {
      diag.Error(f.At(at), "per_10k_of makes a rate per 10,000, but KPI '" + kpi.id + "' has unit '" +
                               UnitId(kpi.unit) + "': set its unit to rate_per_10k, or name the file's own figure instead");
      ok = false;
    }
  }
  if (!kpi.breakdown.empty()) {
    diag.Error(f.At(ptr), "KPI '" + kpi.id + "' is broken down by " + kpi.breakdown +
                              ", but official figures are for a whole authority: name the official series on a KPI without a breakdown");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return s;
}

Date OfficialPeriodEnd(OfficialPeriod p, int year) {
  return p == OfficialPeriod::kSeptemberCensus ? Date{year, 9, 30} : Date{year, 3, 31};
}

std::string OfficialPeriodLabel(OfficialPeriod p, int year) {
  return p == OfficialPeriod::kSeptemberCensus ? "30 September " + std::to_string(year)
                                               : "Year to 31 March " + std::to_string(year);
}

namespace {

// One CSV in memory, its columns by name.
struct Table {
  std::string name, path;
  std::vector<std::string> header;
  std::vector<CsvRecord> rows;
  int Column(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  }
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// A cell as a figure: a number, a GSS symbol, or empty. False, with an
// error at the cell, for anything else.
bool ReadValue(const Table& t, const CsvRecord& r, int col, const std::string& what, OfficialValue* v, int* decimals,
               Diagnostics& diag) {
  const std::string text = Trim(r.fields[col]);
  v->present = true;
  if (text.empty()) return true;
  if (IsSymbolCode(text)) {
    v->symbol = text;
    return true;
  }
  double d = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(d) || std::fabs(d) > kLargestFigure) {
    diag.Error({t.path, r.line, r.columns[col]},
               "'" + text + "' in column '" + what + "' is not a number or a GSS symbol (c, x, z, low, u or :)");
    return false;
  }
  v->number = d;
  if (size_t dot = text.find('.'); dot != std::string::npos)
    *decimals = std::max(*decimals, std::min(3, static_cast<int>(text.size() - dot - 1)));
  return true;
}

bool ReadYear(const Table& t, const CsvRecord& r, int col, int* year, Diagnostics& diag) {
  const std::string& text = r.fields[col];
  int y = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), y);
  if (ec != std::errc() || end != text.data() + text.size() || text.size() != 4 || y < 1900) {
    diag.Error({t.path, r.line, r.columns[col]},
               "time_period '" + text + "' is not a year: tracker reads the DfE's yearly files, whose time_period is a year such as 2025");
    return false;
  }
  *year = y;
  return true;
}

// Where a row's figure goes: England, a region or an authority.
struct Place {
  enum Level { kNone, kEngland, kRegion, kArea } level = kNone;
  std::string region;
  size_t area = 0;
  std::string Key() const {
    return level == kEngland ? "E" : level == kRegion ? "R" + region : level == kArea ? "A" + std::to_string(area) : "";
  }
};

struct Columns {
  int period = -1, level = -1, old_code = -1, new_code = -1, name = -1, region_code = -1, region_name = -1;
};

Columns ColumnsOf(const Table& t) {
  return {t.Column("time_period"), t.Column("geographic_level"), t.Column("old_la_code"), t.Column("new_la_code"),
          t.Column("la_name"), t.Column("region_code"), t.Column("region_name")};
}

class Loader {
 public:
  Loader(const SourceTree& tree, Diagnostics& diag) : tree_(tree), diag_(diag) {}

  // The table of that name, read once; nullptr when absent or unreadable.
  const Table* Get(const std::string& name) {
    auto it = tables_.find(name);
    if (it != tables_.end()) return it->second.get();
    auto& slot = tables_[name];
    const std::string path = kOfficialFolder + name;
    const std::string* text = tree_.Find(path);
    if (!text) return nullptr;
    if (FindInvalidUtf8(*text) != std::string::npos) return nullptr;  // reported where it is read
    auto t = std::make_unique<Table>();
    t->name = name;
    t->path = path;
    bool first = true;
    auto problems = ReadCsv(*text, [&](const CsvRecord& r) {
      if (first) {
        first = false;
        for (const auto& h : r.fields) t->header.push_back(Trim(h));
        return;
      }
      t->rows.push_back(r);
    });
    for (const auto& p : problems) diag_.Error({path, p.line, p.col}, p.message);
    if (!problems.empty()) return nullptr;
    if (t->header.empty()) {
      diag_.Error({path, 1, 1}, "this official file is empty: download it again");
      return nullptr;
    }
    slot = std::move(t);
    return slot.get();
  }
  bool Exists(const std::string& name) const { return tree_.Find(kOfficialFolder + name) != nullptr; }

  const SourceTree& tree_;
  Diagnostics& diag_;
  std::map<std::string, std::unique_ptr<Table>> tables_;
};

// A DfE file's shape: the columns every row needs. False, with an error.
bool CheckStandard(const Table& t, const Columns& c, Diagnostics& diag) {
  std::vector<std::string> missing;
  if (c.period < 0) missing.push_back("time_period");
  if (c.level < 0) missing.push_back("geographic_level");
  if (c.old_code < 0 && c.new_code < 0) missing.push_back("old_la_code or new_la_code");
  if (missing.empty()) return true;
  diag.Error({t.path, 1, 1}, "this is not a file in the DfE's open data standard: it has no " + JoinComma(missing) +
                                 " column; use the CSV as downloaded from explore-education-statistics.service.gov.uk");
  return false;
}

// Every authority the files name, joined by code. Old codes first: an
// authority keeps its three-digit code when its ONS code changes.
void CollectAreas(const std::vector<const Table*>& tables, OfficialData& out) {
  struct Seen {
    OfficialArea area;
    int year = 0;
    std::set<std::string> files, new_codes;
  };
  std::map<std::string, Seen> by_key;
  std::map<std::string, std::string> key_of_new;
  for (int pass = 0; pass < 2; ++pass)
    for (const Table* t : tables) {
      const Columns c = ColumnsOf(*t);
      for (const auto& r : t->rows) {
        if (r.fields[c.level] != "Local authority") continue;
        const std::string old_code = c.old_code >= 0 ? Trim(r.fields[c.old_code]) : "";
        const std::string new_code = c.new_code >= 0 ? Trim(r.fields[c.new_code]) : "";
        if ((pass == 0) != !old_code.empty()) continue;  // rows with an old code first
        std::string key = old_code;
        if (key.empty()) {
          if (new_code.empty()) continue;
          auto k = key_of_new.find(new_code);
          key = k != key_of_new.end() ? k->second : "~" + new_code;
        }
        Seen& s = by_key[key];
        int year = 0;
        std::from_chars(r.fields[c.period].data(), r.fields[c.period].data() + r.fields[c.period].size(), year);
        s.files.insert(t->name);
        if (!new_code.empty()) {
          s.new_codes.insert(new_code);
          key_of_new.emplace(new_code, key);
        }
        if (year >= s.year) {
          s.year = year;
          s.area.old_code = old_code.empty() ? s.area.old_code : old_code;
          if (!new_code.empty()) s.area.new_code = new_code;
          if (c.name >= 0) s.area.name = Trim(r.fields[c.name]);
          if (c.region_code >= 0) s.area.region_code = Trim(r.fields[c.region_code]);
          if (c.region_name >= 0) s.area.region_name = Trim(r.fields[c.region_name]);
        }
      }
    }
  for (auto& [key, s] : by_key) {
    const size_t i = out.areas.size();
    out.areas.push_back(s.area);
    if (!s.area.old_code.empty()) out.by_old_code[s.area.old_code] = i;
    for (const auto& n : s.new_codes) out.by_new_code[n] = i;
    out.files_of_area[i].assign(s.files.begin(), s.files.end());
  }
}

Place PlaceOf(const OfficialData& data, const Columns& c, const CsvRecord& r) {
  Place p;
  const std::string& level = r.fields[c.level];
  if (level == "National") {
    p.level = Place::kEngland;
  } else if (level == "Regional") {
    if (c.region_code < 0) return p;
    p.level = Place::kRegion;
    p.region = Trim(r.fields[c.region_code]);
  } else if (level == "Local authority") {
    auto area = data.AreaOf(c.old_code >= 0 ? Trim(r.fields[c.old_code]) : "",
                            c.new_code >= 0 ? Trim(r.fields[c.new_code]) : "");
    if (!area) return p;
    p.level = Place::kArea;
    p.area = *area;
  }
  return p;
}

// The rows of `t` that match `col`'s filters, each with its year and place;
// errors where kpis.json names a column or value the file does not have.
struct Match {
  const CsvRecord* row;
  int year;
  Place place;
};
// "; did you mean 'x'?" by edit distance, else the one column that begins
// with the name ("caseload" -> "caseload_fte"), else "".
std::string ColumnHint(const std::string& name, const std::vector<std::string>& header) {
  if (std::string hint = DidYouMean(name, header); !hint.empty()) return hint;
  std::vector<std::string> starting;
  for (const auto& h : header)
    if (h.rfind(name, 0) == 0) starting.push_back(h);
  return starting.size() == 1 ? "; did you mean '" + starting[0] + "'?" : "";
}

bool MatchRows(const Table& t, const OfficialColumn& col, const std::string& kpi, const OfficialData& data,
               std::vector<Match>* out, int* indicator, Diagnostics& diag) {
  const Columns c = ColumnsOf(t);
  if (!CheckStandard(t, c, diag)) return false;
  bool ok = true;
  *indicator = t.Column(col.indicator);
  if (*indicator < 0) {
    diag.Error(col.pos, "KPI '" + kpi + "': " + t.path + " has no column '" + col.indicator + "'" +
                            ColumnHint(col.indicator, t.header) + "; its columns are " + JoinComma(t.header));
    ok = false;
  }
  std::vector<std::pair<int, std::string>> filters;
  for (const auto& [name, value] : col.filters) {
    const int i = t.Column(name);
    if (i < 0) {
      diag.Error(col.pos, "KPI '" + kpi + "': " + t.path + " has no column '" + name + "' to filter on" +
                              ColumnHint(name, t.header));
      ok = false;
      continue;
    }
    std::set<std::string> values;
    for (const auto& r : t.rows) values.insert(r.fields[i]);
    if (!values.count(value)) {
      std::vector<std::string> all(values.begin(), values.end());
      if (all.size() > 8) all.resize(8);
      diag.Error(col.pos, "KPI '" + kpi + "': no row of " + t.path + " has " + name + " '" + value + "'" +
                              DidYouMean(value, all) + "; its values include: " + JoinComma(all));
      ok = false;
    }
    filters.emplace_back(i, value);
  }
  if (!ok) return false;
  for (const auto& r : t.rows) {
    bool keep = std::all_of(filters.begin(), filters.end(), [&](const auto& f) { return r.fields[f.first] == f.second; });
    if (!keep) continue;
    Match m{&r, 0, PlaceOf(data, c, r)};
    if (m.place.level == Place::kNone) continue;  // another geography
    if (!ReadYear(t, r, c.period, &m.year, diag)) {
      ok = false;
      continue;
    }
    out->push_back(std::move(m));
  }
  return ok;
}

OfficialValue* Slot(OfficialYear& y, const Place& p) {
  switch (p.level) {
    case Place::kEngland: return &y.england;
    case Place::kRegion: return &y.regions[p.region];
    case Place::kArea: return &y.areas[p.area];
    default: return nullptr;
  }
}

std::string PlaceName(const OfficialData& data, const Place& p) {
  if (p.level == Place::kEngland) return "England";
  if (p.level == Place::kRegion) return "region " + p.region;
  const OfficialArea& a = data.areas[p.area];
  return a.name + " (" + (a.old_code.empty() ? a.new_code : a.old_code) + ")";
}

void LoadKpiFigures(Loader& files, const Kpi& kpi, OfficialData& data, Diagnostics& diag) {
  const OfficialSeries& s = *kpi.official;
  OfficialKpiData out;
  out.kpi = kpi.id;
  out.series = s;
  for (const OfficialColumn* col : {&s.figure, s.per_10k_of ? &*s.per_10k_of : nullptr}) {
    if (col && !files.Exists(col->file)) out.missing_file = true;  // LoadOfficialData warns, once
  }
  if (out.missing_file) {
    data.kpis.push_back(std::move(out));
    return;
  }
  const Table* t = files.Get(s.figure.file);
  if (!t) return;
  std::vector<Match> rows;
  int indicator = -1;
  if (!MatchRows(*t, s.figure, kpi.id, data, &rows, &indicator, diag)) return;
  std::map<int, OfficialYear> years;
  std::map<std::pair<int, std::string>, int> first_line;
  int decimals = 0;
  for (const Match& m : rows) {
    auto [seen, fresh] = first_line.emplace(std::make_pair(m.year, m.place.Key()), m.row->line);
    if (!fresh) {
      diag.Error({t->path, m.row->line, 1},
                 "a second row for " + PlaceName(data, m.place) + " in " + std::to_string(m.year) + " matches KPI '" +
                     kpi.id + "' (the first is on line " + std::to_string(seen->second) +
                     "): add a filter in data/kpis.json that tells them apart");
      continue;
    }
    OfficialYear& y = years[m.year];
    y.year = m.year;
    ReadValue(*t, *m.row, indicator, s.figure.indicator, Slot(y, m.place), &decimals, diag);
  }
  out.decimals = decimals;
  if (s.per_10k_of) {
    const Table* p = files.Get(s.per_10k_of->file);
    if (!p) return;
    std::vector<Match> pop_rows;
    int pop_col = -1;
    if (!MatchRows(*p, *s.per_10k_of, kpi.id, data, &pop_rows, &pop_col, diag)) return;
    std::map<std::pair<int, std::string>, OfficialValue> population;
    int unused = 0;
    for (const Match& m : pop_rows) {
      OfficialValue v;
      if (ReadValue(*p, *m.row, pop_col, s.per_10k_of->indicator, &v, &unused, diag))
        population[{m.year, m.place.Key()}] = v;
    }
    // Each figure over its population: a symbol stays a symbol; no
    // population, or none above zero, leaves no figure.
    for (auto& entry : years) {
      const int year = entry.first;  // named, not bound: clang 14 cannot capture a binding
      OfficialYear& y = entry.second;
      auto rate = [&](OfficialValue& v, const Place& place) {
        if (!v.number) return;
        auto it = population.find({year + s.population_year, place.Key()});
        const bool usable = it != population.end() && it->second.number && *it->second.number > 0;
        v.number = usable ? std::optional<double>(*v.number / *it->second.number * 10000.0) : std::nullopt;
      };
      rate(y.england, Place{Place::kEngland, "", 0});
      for (auto& [code, v] : y.regions) rate(v, Place{Place::kRegion, code, 0});
      for (auto& [area, v] : y.areas) rate(v, Place{Place::kArea, "", area});
    }
    out.decimals = 1;
  }
  for (auto& [_, y] : years) out.years.push_back(std::move(y));
  data.kpis.push_back(std::move(out));
}

// The DfE's neighbour models: 2025's by old_la_code with SN_1..SN_10, and
// 2021's by "LA num" with SN1..SN10; each neighbour a three-digit code.
void LoadNeighbours(Loader& files, const std::string& model, OfficialData& data, Diagnostics& diag) {
  const std::string name = model == "2021" ? kNeighbourFile2021 : kNeighbourFile2025;
  if (!files.Exists(name)) return;  // LoadOfficialData warns, once
  const Table* t = files.Get(name);
  if (!t) return;
  const int code = t->Column(model == "2021" ? "LA num" : "old_la_code");
  std::vector<std::pair<int, int>> columns;  // rank, column
  for (size_t i = 0; i < t->header.size(); ++i) {
    const std::string& h = t->header[i];
    size_t digits = h.rfind("SN_", 0) == 0 ? 3 : h.rfind("SN", 0) == 0 ? 2 : 0;
    if (!digits || h.size() == digits) continue;
    int rank = 0;
    auto [end, ec] = std::from_chars(h.data() + digits, h.data() + h.size(), rank);
    if (ec == std::errc() && end == h.data() + h.size()) columns.emplace_back(rank, static_cast<int>(i));
  }
  std::sort(columns.begin(), columns.end());
  if (code < 0 || columns.empty()) {
    diag.Error({t->path, 1, 1}, "this is not the DfE's " + model + " statistical-neighbour file: it needs a column '" +
                                    (model == "2021" ? "LA num" : "old_la_code") + "' and columns SN" +
                                    (model == "2021" ? "1" : "_1") + " to SN" + (model == "2021" ? "10" : "_10"));
    return;
  }
  NeighbourModel m;
  m.id = model;
  m.file = name;
  auto three_digits = [](const std::string& s) {
    return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  };
  for (const auto& r : t->rows) {
    const std::string self = Trim(r.fields[code]);
    if (self.empty()) continue;
    if (!three_digits(self)) {
      diag.Error({t->path, r.line, r.columns[code]}, "'" + self + "' is not an authority's three-digit code");
      continue;
    }
    std::vector<std::string>& list = m.by_old_code[self];
    if (!list.empty()) {
      diag.Error({t->path, r.line, r.columns[code]}, "authority " + self + " has a second row in this file; keep one");
      continue;
    }
    for (const auto& [rank, col] : columns) {
      const std::string n = Trim(r.fields[col]);
      if (n.empty()) continue;
      if (!three_digits(n)) {
        diag.Error({t->path, r.line, r.columns[col]}, "neighbour '" + n + "' is not an authority's three-digit code");
        continue;
      }
      list.push_back(n);
    }
  }
  data.neighbours = std::move(m);
}

// Ofsted's inspection outcomes: a file whose columns include la_code,
// event_date and event_type (docs/official-statistics.md gives the layout).
bool IsOfstedOutcomes(const Table& t) {
  return t.Column("la_code") >= 0 && t.Column("event_date") >= 0 && t.Column("event_type") >= 0;
}

void LoadInspections(const Table& t, OfficialData& data, Diagnostics& diag) {
  auto col = [&](const char* name) { return t.Column(name); };
  const int code = col("la_code"), date = col("event_date"), published = col("publication_date"), type = col("event_type");
  const int overall = col("overall"), leaders = col("leaders"), help = col("help_protection"), in_care = col("in_care"),
            leavers = col("care_leavers"), theme = col("visit_theme"), source = col("source");
  auto field = [](const CsvRecord& r, int c) { return c >= 0 ? Trim(r.fields[c]) : std::string(); };
  const auto& grades = OfstedGrades();
  for (const auto& r : t.rows) {
    OfficialInspection i;
    i.pos = {t.path, r.line, 1};
    i.la_code = field(r, code);
    i.type = field(r, type);
    std::string why;
    auto when = ParseDate(field(r, date), &why);
    if (!when || when->precision() != Date::Precision::kDay) {
      diag.Error({t.path, r.line, r.columns[date]}, "event_date '" + field(r, date) + "' is not a date such as 2021-10-04");
      continue;
    }
    i.date = *when;
    if (const std::string p = field(r, published); !p.empty()) {
      auto pub = ParseDate(p, &why);
      if (!pub) diag.Error({t.path, r.line, r.columns[published]}, "publication_date '" + p + "' is not a date such as 2021-11-26");
      else i.published = *pub;
    }
    bool ok = true;
    for (auto [c, out] : {std::pair{overall, &i.overall}, {leaders, &i.leaders}, {help, &i.help_protection},
                          {in_care, &i.in_care}, {leavers, &i.care_leavers}}) {
      *out = field(r, c);
      if (!out->empty() && std::find(grades.begin(), grades.end(), *out) == grades.end()) {
        diag.Error({t.path, r.line, r.columns[c]}, "'" + *out + "' is not an Ofsted grade: use " + JoinComma(grades) +
                                                       ", or leave it blank where there was none");
        ok = false;
      }
    }
    i.theme = field(r, theme);
    i.source = field(r, source);
    if (i.la_code.empty() || i.type.empty()) {
      diag.Error({t.path, r.line, 1}, "each row needs its la_code and event_type");
      continue;
    }
    if (ok) data.inspections.push_back(std::move(i));
  }
  std::stable_sort(data.inspections.begin(), data.inspections.end(), [](const auto& x, const auto& y) {
    return std::tie(x.la_code, x.date) < std::tie(y.la_code, y.date);
  });
}

}  // namespace

std::shared_ptr<const OfficialData> LoadOfficialData(const SourceTree& tree, const SiteConfig& config,
                                                     const std::vector<Kpi>& kpis, Diagnostics& diag) {
  const bool any_series = std::any_of(kpis.begin(), kpis.end(), [](const Kpi& k) { return k.official.has_value(); });
  std::vector<std::string> present;
  for (auto it = tree.files.lower_bound(kOfficialFolder);
       it != tree.files.end() && it->first.rfind(kOfficialFolder, 0) == 0; ++it)
    present.push_back(it->first.substr(std::string(kOfficialFolder).size()));
  if (!any_series && present.empty()) return nullptr;
  auto data = std::make_shared<OfficialData>();
  data->neighbour_model = config.neighbour_model;
  Loader files(tree, diag);
  // Which files are used: each is read once, whatever uses it.
  std::set<std::string> used;
  for (const auto& k : kpis)
    if (k.official) {
      used.insert(k.official->figure.file);
      if (k.official->per_10k_of) used.insert(k.official->per_10k_of->file);
    }
  const std::string neighbours = config.neighbour_model == "2021" ? kNeighbourFile2021 : kNeighbourFile2025;
  for (const auto& name : present) {
    if (used.count(name) || name == neighbours || name == kNeighbourFile2021 || name == kNeighbourFile2025) continue;
    if (const Table* t = files.Get(name); t && IsOfstedOutcomes(*t))
      LoadInspections(*t, *data, diag);
    else if (t)
      diag.Warning({kOfficialFolder + name, 0, 0},
                   "ignored: no KPI in data/kpis.json names this file in its \"official\" series, and it is not "
                   "Ofsted's inspection outcomes (docs/official-statistics.md)");
  }
  // Every file named but absent, in one warning: a tracker without the
  // downloads still builds, and says once what it lacks.
  std::vector<std::string> absent;
  SourcePos first;
  for (const auto& k : kpis)
    if (k.official)
      for (const OfficialColumn* col : {&k.official->figure, k.official->per_10k_of ? &*k.official->per_10k_of : nullptr})
        if (col && !files.Exists(col->file) &&
            std::find(absent.begin(), absent.end(), col->file) == absent.end()) {
          if (absent.empty()) first = col->pos;
          absent.push_back(col->file);
        }
  if (any_series && !files.Exists(neighbours)) {
    if (absent.empty()) first = {"site.yml", 0, 0};
    absent.push_back(neighbours + " (the DfE's " + config.neighbour_model + " statistical-neighbour model)");
  }
  if (!absent.empty())
    diag.Warning(first, "official figures are missing: data/official/ does not have " + JoinComma(absent) +
                            ". Download the files from explore-education-statistics.service.gov.uk and put them there "
                            "as they are (docs/official-statistics.md says which); until then the pages leave them out");
  std::vector<const Table*> tables;
  for (const auto& name : used)
    if (const Table* t = files.Get(name); t && CheckStandard(*t, ColumnsOf(*t), diag)) tables.push_back(t);
  CollectAreas(tables, *data);
  for (const auto& k : kpis)
    if (k.official) LoadKpiFigures(files, k, *data, diag);
  if (any_series) LoadNeighbours(files, config.neighbour_model, *data, diag);
  for (const auto& [name, t] : files.tables_)
    if (t) data->files.push_back(name);
  return data;
}

void CheckAuthorityCodes(const Authority& a, const OfficialData& data, Diagnostics& diag) {
  if (data.areas.empty()) return;
  if (a.la_code.empty() && a.ons_code.empty()) {
    diag.Warning(a.pos, "no la_code or ons_code: " + a.name +
                            " cannot be compared with the official figures until one is given (see docs/official-statistics.md)");
    return;
  }
  auto by_old = a.la_code.empty() ? std::nullopt : data.AreaOf(a.la_code, "");
  auto by_new = a.ons_code.empty() ? std::nullopt : data.AreaOf("", a.ons_code);
  auto describe = [&](size_t i) {
    const OfficialArea& o = data.areas[i];
    return o.name + " (" + o.old_code + (o.old_code.empty() || o.new_code.empty() ? "" : ", ") + o.new_code + ")";
  };
  if (by_old && by_new && *by_old != *by_new) {
    diag.Error(a.code_pos, "la_code " + a.la_code + " and ons_code " + a.ons_code +
                               " name different authorities in the official files: " + describe(*by_old) + " and " +
                               describe(*by_new) + "; correct one of them");
    return;
  }
  if (by_old || by_new) return;
  std::vector<std::string> names;
  for (const auto& o : data.areas) names.push_back(o.name);
  std::vector<std::string> hints;
  for (const auto& n : NearestMatches(a.name, names, 3))
    for (size_t i = 0; i < data.areas.size(); ++i)
      if (data.areas[i].name == n) {
        hints.push_back(describe(i));
        break;
      }
  std::string codes = !a.la_code.empty() && !a.ons_code.empty() ? a.la_code + " or " + a.ons_code
                      : !a.la_code.empty()                         ? a.la_code
                                                                   : a.ons_code;
  diag.Error(a.code_pos, "no official file has an authority with code " + codes + " (read: " + JoinComma(data.files) +
                             "); the nearest names there are " + JoinComma(hints) +
                             ". Check the code in _authority.md: la_code is the DfE's three-digit code and ons_code the ONS code");
}

namespace {

// "ILACS Standard Inspection" -> "ILACS standard inspection".
std::string Lower(std::string s) {
  for (size_t i = 1; i < s.size(); ++i)
    if (s[i - 1] == ' ' && s[i] >= 'A' && s[i] <= 'Z' && !(i + 1 < s.size() && s[i + 1] >= 'A' && s[i + 1] <= 'Z'))
      s[i] = static_cast<char>(s[i] - 'A' + 'a');
  return s;
}

// The days between two dates' spans: 0 when they overlap. A date known
// only to its year is never the same as a dated record.
long DaysApart(const Date& a, const Date& b) {
  if (a.precision() == Date::Precision::kYear || b.precision() == Date::Precision::kYear) return 1L << 30;
  if (a.LastDay() < b.FirstDay()) return b.FirstDay() - a.LastDay();
  if (b.LastDay() < a.FirstDay()) return a.FirstDay() - b.LastDay();
  return 0;
}

std::string Credit(const OfficialInspection& i) {
  std::string table = i.source.empty()                ? "Ofsted, local authority inspection outcomes"
                      : i.source.rfind("Ofsted", 0) == 0 ? i.source
                                                          : "Ofsted, " + i.source;
  return table + " (" + i.type + ")";
}

}  // namespace

void AddOfstedOutcomes(Authority& a, const OfficialData& data, Diagnostics& diag) {
  if (data.inspections.empty()) return;
  // Every ONS code the authority has gone by: its own, and those the DfE's
  // files give its three-digit code.
  std::set<std::string> codes;
  if (!a.ons_code.empty()) codes.insert(a.ons_code);
  if (auto area = data.AreaOf(a.la_code, a.ons_code))
    for (const auto& [code, i] : data.by_new_code)
      if (i == *area) codes.insert(code);
  for (const OfficialInspection& i : data.inspections) {
    if (!codes.count(i.la_code)) continue;
    const bool graded = !i.overall.empty();
    if (graded) {
      // The same inspection written by hand (within a month) stays as
      // written, with its document; a grade that differs is reported.
      const OfstedJudgement* same = nullptr;
      for (const auto& j : a.ofsted)
        if (j.credit.empty() && DaysApart(j.date, i.date) <= 31) same = &j;
      if (same) {
        if (same->judgement != i.overall)
          diag.Warning(same->pos, "Ofsted's published outcomes (" + i.pos.path + " line " + std::to_string(i.pos.line) +
                                      ") give " + i.overall + " for the inspection of " + i.date.Long() + ", not " +
                                      same->judgement + "; check this judgement");
        continue;
      }
      OfstedJudgement j;
      j.date = i.date;
      j.judgement = i.overall;
      std::string d = Lower(i.type) + (i.published.valid() ? ", published " + i.published.Long() : "") + ".";
      for (auto [label, grade] : {std::pair<const char*, const std::string*>{"Leaders", &i.leaders},
                                  {"Help and protection", &i.help_protection},
                                  {"Children in care", &i.in_care},
                                  {"Care leavers", &i.care_leavers}})
        if (!grade->empty()) d += std::string(" ") + label + ": " + *grade + ".";
      j.detail = d;
      j.credit = Credit(i);
      j.pos = i.pos;
      a.ofsted.push_back(std::move(j));
      continue;
    }
    // A visit: the same as a hand-written Ofsted event within a fortnight.
    bool same = false;
    for (const auto& e : a.events)
      same = same || (e.credit.empty() && !e.expected && e.kind == "ofsted" && DaysApart(e.date, i.date) <= 14);
    for (const auto& doc : a.documents)
      for (const auto& e : doc.events) same = same || (!e.expected && e.kind == "ofsted" && DaysApart(e.date, i.date) <= 14);
    if (same) continue;
    Event e;
    e.date = i.date;
    e.kind = "ofsted";
    const bool focused = i.type.find("ocused") != std::string::npos;
    e.title = std::string(focused ? "Ofsted focused visit" : i.type.find("onitoring") != std::string::npos ? "Ofsted monitoring visit" : "Ofsted: " + i.type) +
              (i.theme.empty() ? "" : ": " + i.theme);
    e.detail = i.published.valid() ? "Letter published " + i.published.Long() + "." : "";
    e.credit = Credit(i);
    e.pos = i.pos;
    a.events.push_back(std::move(e));
  }
  std::stable_sort(a.ofsted.begin(), a.ofsted.end(), [](const auto& x, const auto& y) { return x.date < y.date; });
}

void CheckTypedComparators(const Authority& a, const std::vector<Kpi>& kpis, const OfficialData& data, Diagnostics& diag) {
  const auto area = data.AreaOf(a.la_code, a.ons_code);
  if (!area) return;
  for (const Snapshot& snap : a.snapshots)
    for (const auto& [name, by_kpi] : snap.comparator_periods) {
      if (name != "england" && name != "statistical_neighbours") continue;
      for (const auto& [kpi_id, period] : by_kpi) {
        const OfficialKpiData* k = data.Find(kpi_id);
        const Kpi* kpi = FindKpiIn(kpis, kpi_id);
        if (!k || !kpi || !period.as_at) continue;
        auto typed = snap.comparators.find(name);
        if (typed == snap.comparators.end() || !typed->second.count(kpi_id)) continue;
        const double* value = std::get_if<double>(&typed->second.at(kpi_id));
        if (!value) continue;
        for (const OfficialYear& y : k->years) {
          if (OfficialPeriodEnd(k->series.period, y.year) != *period.as_at) continue;
          std::optional<double> official = name == "england" ? y.england.number : data.NeighbourMean(y, *area);
          if (!official) continue;
          // The same figure, rounded as either writes it, is no clash.
          const double tolerance = 0.5 * std::pow(10.0, -std::max(kpi->decimals, 0)) + 0.05;
          if (std::fabs(*official - *value) <= tolerance) continue;
          char buf[64];
          std::snprintf(buf, sizeof buf, "%.*f", k->decimals, *official);
          diag.Warning(snap.pos, "the " + std::string(name == "england" ? "England" : "statistical neighbours'") +
                                     " figure typed here for '" + kpi_id + "' (" + FormatPlain(*value) + ", for " +
                                     period.as_at->Long() + ") is not the one the DfE's files give (" + buf +
                                     "); both are shown: check which is right");
        }
      }
    }
}

void ResolveRelativeTargets(Authority& a, const std::vector<Kpi>& kpis, const OfficialData* data) {
  for (Measure& m : a.measures) {
    if (!m.target || !m.target->Relative()) continue;
    Target& t = *m.target;
    t.levels.clear();
    const Kpi* kpi = FindKpiIn(kpis, m.kpi);
    // A KPI without an official series is an error (model/validate.cc).
    if (!kpi || !kpi->official) continue;
    const OfficialKpiData* k = data ? data->Find(kpi->id) : nullptr;
    if (!k || k->missing_file) {
      t.unavailable = "the DfE's file " + kpi->official->figure.file + " is not in data/official/";
      continue;
    }
    const auto area = data->AreaOf(a.la_code, a.ons_code);
    if (!area && t.relative_to != "england") {
      t.unavailable = "the official files have no authority with " + a.name + "'s code" +
                      (a.la_code.empty() && a.ons_code.empty() ? " (add la_code or ons_code to _authority.md)" : "");
      continue;
    }
    // The neighbours' mean is judged as it is shown, to one decimal place
    // or the file's own, so a figure shown level with it meets "<=".
    const double scale = std::pow(10.0, std::max(k->decimals, 1));
    for (const OfficialYear& y : k->years) {
      std::optional<double> v;
      if (t.relative_to == "england") {
        v = y.england.number;
      } else if (t.relative_to == "region") {
        if (auto r = y.regions.find(data->areas[*area].region_code); r != y.regions.end()) v = r->second.number;
      } else if (auto mean = data->NeighbourMean(y, *area)) {
        v = std::round(*mean * scale) / scale;
      }
      if (v) t.levels.push_back({OfficialPeriodEnd(k->series.period, y.year), *v, OfficialPeriodLabel(k->series.period, y.year)});
    }
    if (t.levels.empty())
      t.unavailable = t.relative_to == "neighbours" && !data->neighbours
                          ? "the statistical-neighbour file for the " + data->neighbour_model + " model is not in data/official/"
                          : "the DfE's file " + kpi->official->figure.file + " has no such figure";
  }
}

}  // namespace tracker
