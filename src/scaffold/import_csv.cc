#include "scaffold/import_csv.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "escape.h"
#include "load/csv.h"

namespace tracker {

namespace {

std::string JsonString(const std::string& s) {
  std::string q;
  AppendJsonString(&q, s);
  return q;
}

std::string JsonScalar(const Scalar& s) {
  if (const double* d = std::get_if<double>(&s)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", *d);
    return buf;
  }
  if (const Symbol* sym = std::get_if<Symbol>(&s)) return JsonString(sym->code);
  return "null";
}

// A cell as a figure: a number, a GSS symbol, or empty for not reported.
std::optional<Scalar> ParseFigure(std::string cell, std::string* why) {
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.pop_back();
  size_t start = cell.find_first_not_of(" \t");
  cell = start == std::string::npos ? "" : cell.substr(start);
  if (cell.empty() || cell == "null") return Scalar{Missing{}};
  if (IsSymbolCode(cell)) return Scalar{Symbol{cell}};
  if (cell.find(',') != std::string::npos) {
    *why = "write the number without a thousands separator, e.g. 1234";
    return std::nullopt;
  }
  if (cell.back() == '%') {
    *why = "write the percentage as a number, without %";
    return std::nullopt;
  }
  char* end = nullptr;
  const double d = std::strtod(cell.c_str(), &end);
  if (end != cell.c_str() + cell.size() || !std::isfinite(d) || std::fabs(d) > kLargestFigure ||
      cell.find_first_of("xXnNiI") != std::string::npos) {
    *why = "a figure is a number, a GSS symbol (c, x, z, low, u, :) or an empty cell for not reported";
    return std::nullopt;
  }
  return Scalar{d};
}

}  // namespace

std::vector<ImportedSnapshot> SnapshotsFromCsv(std::string_view text, const std::string& path,
                                               const std::vector<Kpi>& kpis, const Authority& a,
                                               const std::optional<Date>& date, Diagnostics& diag) {
  std::vector<std::string> header;
  std::map<std::string, int> col;  // column name: index
  bool tidy = false, layout_ok = true;
  // By date: KPI id: its value; and the source and notes.
  struct Building {
    std::string source;
    std::map<std::string, Value> values;
    std::map<std::string, std::string> notes;
    std::map<std::string, SourcePos> seen;  // "kpi\x1fitem": where first given
  };
  std::map<Date, Building> by_date;
  std::vector<std::string> ids;
  for (const auto& k : kpis) ids.push_back(k.id);
  size_t rows_for_authority = 0;

  auto problems = ReadCsv(text, [&](const CsvRecord& r) {
    if (header.empty()) {
      header = r.fields;
      for (size_t i = 0; i < header.size(); ++i) col[header[i]] = static_cast<int>(i);
      tidy = col.count("indicator") && col.count("as_at") && col.count("value");
      if (!tidy && !(col.count("kpi") && col.count("value"))) {
        diag.Error({path, r.line, 1}, "the header names neither layout tracker reads: give columns kpi,value (and "
                                      "optionally item and note), or the tidy layout of the site's own downloads "
                                      "(as_at, indicator, breakdown, value)");
        layout_ok = false;
      } else if (!tidy && !date) {
        diag.Error({path, r.line, 1}, "the kpi,value layout gives no date, and " + a.slug +
                                      " has no snapshot to follow: give the figures' date with --date YYYY-MM-DD");
        layout_ok = false;
      }
      return;
    }
    if (!layout_ok) return;
    auto cell = [&](const char* name) -> const std::string* {
      auto it = col.find(name);
      return it == col.end() ? nullptr : &r.fields[static_cast<size_t>(it->second)];
    };
    auto at = [&](const char* name) {
      auto it = col.find(name);
      return SourcePos{path, r.line, it == col.end() ? 1 : r.columns[static_cast<size_t>(it->second)]};
    };
    Date when;
    if (tidy) {
      // Rows of another authority (the all-authorities file) are not this one's.
      const std::string* name = cell("la_name");
      const std::string* code = cell("new_la_code");
      const bool ours = (!name || name->empty() || *name == a.name) &&
                        (!code || code->empty() || a.ons_code.empty() || *code == a.ons_code);
      if (!ours) return;
      std::string why;
      auto d = ParseDate(*cell("as_at"), &why);
      if (!d || d->precision() != Date::Precision::kDay) {
        diag.Error(at("as_at"), "'" + *cell("as_at") + "' is not a date: as_at is YYYY-MM-DD");
        return;
      }
      when = *d;
    } else {
      when = *date;
    }
    ++rows_for_authority;
    Building& b = by_date[when];
    const std::string& id = tidy ? *cell("indicator") : *cell("kpi");
    const Kpi* k = FindKpiIn(kpis, id);
    if (!k) {
      diag.Error(at(tidy ? "indicator" : "kpi"),
                 "unknown KPI '" + id + "'" + DidYouMean(id, ids) + "; the KPIs are those of data/kpis.json");
      return;
    }
    std::string item;
    if (const std::string* it = cell(tidy ? "breakdown" : "item")) item = *it;
    if (tidy && item == "Total" && k->breakdown.empty()) item.clear();
    if (!k->breakdown.empty() && item.empty()) {
      diag.Error(at(tidy ? "breakdown" : "kpi"), "KPI '" + id + "' is broken down by " + k->breakdown +
                                                     ": give each " + k->breakdown + "'s figure on its own row, "
                                                     "naming it in the " + (tidy ? "breakdown" : "item") + " column");
      return;
    }
    if (k->breakdown.empty() && !item.empty()) {
      diag.Error(at(tidy ? "breakdown" : "item"), "KPI '" + id + "' has no breakdown, so its row names no item; "
                                                  "leave the cell empty, or add \"breakdown\" to the KPI in data/kpis.json");
      return;
    }
    std::string why;
    auto figure = ParseFigure(*cell("value"), &why);
    if (!figure) {
      diag.Error(at("value"), "'" + *cell("value") + "' is not a figure: " + why);
      return;
    }
    const std::string key = id + '\x1f' + item;
    if (auto seen = b.seen.find(key); seen != b.seen.end()) {
      diag.Error(at("value"), "a second figure for '" + id + "'" + (item.empty() ? "" : " (" + item + ")") +
                                  (tidy ? " on " + when.Iso() : "") + "; the first is at line " +
                                  std::to_string(seen->second.line) + ": keep one");
      return;
    }
    b.seen[key] = at("value");
    if (item.empty()) {
      b.values[id] = *figure;
    } else {
      auto& v = b.values[id];
      if (!std::holds_alternative<Breakdown>(v)) v = Breakdown{};
      std::get<Breakdown>(v).emplace_back(item, *figure);
    }
    if (const std::string* note = cell("note"); note && !note->empty() && *note != "z") {
      std::string& n = b.notes[id];
      if (n.find(*note) == std::string::npos) n += (n.empty() ? "" : " ") + *note;
    }
    if (const std::string* source = cell("source"); source && !source->empty() && *source != "z") {
      if (!b.source.empty() && b.source != *source)
        diag.Error(at("source"), "a second source '" + *source + "' for the figures of " + when.Iso() +
                                     ", which are from '" + b.source + "'; a snapshot has one source");
      else
        b.source = *source;
    }
  });
  for (const auto& p : problems) diag.Error({path, p.line, p.col}, p.message);
  if (header.empty()) diag.Error({path, 1, 1}, "the file is empty: give a header, then a row for each figure");
  else if (layout_ok && !rows_for_authority && problems.empty())
    diag.Error({path, 2, 1}, tidy ? "no row of the file is for " + a.name + " (its la_name and new_la_code)"
                                  : "no figures: give a row for each KPI, after the header");

  std::vector<ImportedSnapshot> out;
  for (auto& [when, b] : by_date) {
    ImportedSnapshot s;
    s.as_at = when;
    s.source = b.source;
    for (const auto& k : kpis) {
      if (auto v = b.values.find(k.id); v != b.values.end()) s.values.emplace_back(k.id, v->second);
      if (auto n = b.notes.find(k.id); n != b.notes.end()) s.notes.emplace_back(k.id, n->second);
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string SnapshotJson(const ImportedSnapshot& s) {
  std::string out = "{\n  \"as_at\": \"" + s.as_at.Iso() + "\",\n";
  if (!s.source.empty()) out += "  \"source\": " + JsonString(s.source) + ",\n";
  out += "  \"values\": {";
  for (size_t i = 0; i < s.values.size(); ++i) {
    out += (i ? ",\n    " : "\n    ") + JsonString(s.values[i].first) + ": ";
    if (const auto* sc = std::get_if<Scalar>(&s.values[i].second)) {
      out += JsonScalar(*sc);
      continue;
    }
    const Breakdown& b = std::get<Breakdown>(s.values[i].second);
    out += "{";
    for (size_t j = 0; j < b.size(); ++j) out += (j ? ", " : "") + JsonString(b[j].first) + ": " + JsonScalar(b[j].second);
    out += "}";
  }
  out += s.values.empty() ? "}" : "\n  }";
  if (!s.notes.empty()) {
    out += ",\n  \"notes\": {";
    for (size_t i = 0; i < s.notes.size(); ++i)
      out += (i ? ",\n    " : "\n    ") + JsonString(s.notes[i].first) + ": " + JsonString(s.notes[i].second);
    out += "\n  }";
  }
  return out + "\n}\n";
}

}  // namespace tracker
