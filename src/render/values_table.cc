#include "render/page_context.h"

#include <algorithm>

#include "render/format.h"

namespace tracker {

// The table of every figure of a KPI, as HTML: the KPI page, its embed
// and the measures that use it show the same table, so it is rendered
// once (for each depth of page) from the `_values_table` partial.
const AuthorityContext::ValuesTableHtml& AuthorityContext::ValuesTable(const Kpi& k, const std::string& from) {
  std::string key = k.id + "@" + RootFor(from);
  auto cached = values_tables_.find(key);
  if (cached != values_tables_.end()) return cached->second;
  ValuesTableHtml& table = values_tables_[key];
  thread_local size_t size = 0;  // room at once, as Emit makes for pages
  table.html.reserve(size);
  if (theme.values_table_by_code) {
    WriteValuesTable(k, from, &table);
  } else {
    View values = MakeKpiTable(k, from);
    table.has_values = !values.Find("rows")->empty();
    View view = {{"values", std::move(values)}, {"data_links", DataLinks(from)}, {"root", RootFor(from)}};
    Partial("_values_table", view, &table.html);
  }
  size = std::max(size, table.html.size());
  // Printed on a line of its own, which brings its own line end.
  if (!table.html.empty() && table.html.back() == '\n') table.html.pop_back();
  return table;
}

// Calls `row(i, snapshot, value, target)` for each snapshot, newest
// first, that gives KPI `k` a value or a target: the rows of its table.
template <class Row>
void AuthorityContext::ForEachFigure(const Kpi& k, Row&& row) const {
  const KpiColumn& col = Column(k);
  for (size_t i = a.snapshots.size(); i-- > 0;)
    if (col.values[i] || col.targets[i]) row(i, a.snapshots[i], col.values[i], col.targets[i]);
}

// The same table written by code, byte for byte what the bundled
// `_values_table` and `_symbol_key` make of MakeKpiTable's view, without
// a view for every row: a national site has thousands of these tables,
// and they were an eighth of a clean build. Used only while the theme's
// two templates are the bundled ones; a test holds the two ways to the
// same bytes (tests/unit/render_site_test.cc), so a change to either
// template must be made here too.
void AuthorityContext::WriteValuesTable(const Kpi& k, const std::string& from, ValuesTableHtml* table) {
  std::string& o = table->html;
  o += "<div class=\"tracker-table-scroll\" role=\"region\" aria-label=\"Every reported figure\" tabindex=\"0\">\n"
       "<table class=\"govuk-table\">\n"
       "  <caption class=\"govuk-table__caption govuk-table__caption--m\">Every reported figure, newest first</caption>\n"
       "  <thead class=\"govuk-table__head\">\n"
       "    <tr class=\"govuk-table__row\">\n"
       "      <th scope=\"col\" class=\"govuk-table__header\">As at</th>\n";
  if (k.breakdown.empty()) {
    o += "      <th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Value</th>\n";
  } else {
    o += "      <th scope=\"col\" class=\"govuk-table__header\">Value by ";
    AppendEscaped(&o, k.breakdown);
    o += "</th>\n";
  }
  o += "      <th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Target</th>\n"
       "      <th scope=\"col\" class=\"govuk-table__header\">Comparators</th>\n"
       "      <th scope=\"col\" class=\"govuk-table__header\">Source and notes</th>\n"
       "    </tr>\n"
       "  </thead>\n"
       "  <tbody class=\"govuk-table__body\">\n";
  std::set<std::string> symbols;
  const auto& cells = SnapshotCells(from);
  ForEachFigure(k, [&](size_t i, const Snapshot& s, const Value* v, const double* t) {
    table->has_values = true;
    o += "    <tr class=\"govuk-table__row\">\n"
         "      <th scope=\"row\" class=\"govuk-table__header\">";
    o += cells[i].date;
    o += "</th>\n      <td class=\"govuk-table__cell";
    const Scalar* sc = v ? std::get_if<Scalar>(v) : nullptr;
    if (sc && std::holds_alternative<double>(*sc)) o += " govuk-table__cell--numeric";
    o += "\">";
    if (sc) {
      AppendEscaped(&o, FormatScalar(k, *sc));
      if (const auto* sym = std::get_if<Symbol>(sc)) symbols.insert(sym->code);
    } else if (const auto* b = v ? std::get_if<Breakdown>(v) : nullptr) {
      for (const auto& [item, isc] : *b) {
        o += "<span class=\"tracker-item\">";
        AppendEscaped(&o, item);
        o += ": ";
        AppendEscaped(&o, FormatScalar(k, isc));
        o += "</span>";
        if (const auto* sym = std::get_if<Symbol>(&isc)) symbols.insert(sym->code);
      }
    } else {
      o += "not reported";
    }
    o += "</td>\n      <td class=\"govuk-table__cell govuk-table__cell--numeric\">";
    if (t) AppendEscaped(&o, FormatValue(k, *t));
    else o += "None";
    o += "</td>\n      <td class=\"govuk-table__cell\">";
    for (const auto& [name, values] : s.comparators) {
      auto c = values.find(k.id);
      if (c == values.end()) continue;
      o += "<span class=\"tracker-item\">";
      AppendEscaped(&o, ComparatorLabel(name));
      o += ": ";
      AppendEscaped(&o, FormatScalar(k, c->second));
      if (std::string detail = ComparatorDetail(s, name, k.id); !detail.empty()) {
        o += " (";
        AppendEscaped(&o, detail);
        o += ")";
      }
      o += "</span>";
    }
    o += "</td>\n      <td class=\"govuk-table__cell govuk-body-s\">";
    o += cells[i].source;
    if (auto n = s.notes.find(k.id); n != s.notes.end() && !n->second.empty()) {
      o += "<br>";
      AppendEscaped(&o, n->second);
    }
    o += "</td>\n    </tr>\n";
  });
  o += "  </tbody>\n</table>\n</div>\n";
  if (!symbols.empty()) {
    o += "<div class=\"govuk-body-s tracker-symbol-key\">\n"
         "  <p class=\"govuk-body-s\">Where the table shows words instead of a figure, they follow the Government "
         "Statistical Service symbols:</p>\n"
         "  <dl>\n";
    for (const auto& code : symbols) {
      o += "    <dt>";
      AppendEscaped(&o, SymbolMeaning(code));
      o += " (";
      AppendEscaped(&o, code);
      o += ")</dt><dd>";
      AppendEscaped(&o, SymbolExplanation(code));
      o += "</dd>\n";
    }
    o += "  </dl>\n</div>\n";
  }
  const DataHrefs links = DataLinkHrefs(from);
  o += "<p class=\"govuk-body-s tracker-download\">These figures come from the open data: <a class=\"govuk-link\" "
       "href=\"";
  AppendEscaped(&o, links.csv);
  o += "\">download them as CSV</a> or <a class=\"govuk-link\" href=\"";
  AppendEscaped(&o, links.json);
  o += "\">JSON</a> (<a class=\"govuk-link\" href=\"";
  AppendEscaped(&o, links.page);
  o += "\">about the data</a>).</p>";
}

// A snapshot's date cell and source link as every KPI's table writes
// them, escaped: made once for the pages at one depth.
const std::vector<AuthorityContext::SnapshotCellsHtml>& AuthorityContext::SnapshotCells(const std::string& from) {
  auto& cells = snapshot_cells_[RootFor(from)];
  if (!cells.empty() || a.snapshots.empty()) return cells;
  for (const Snapshot& s : a.snapshots) {
    SnapshotCellsHtml c;
    AppendTimeHtml(&c.date, s.as_at);
    if (const Document* d = a.FindDocument(s.source)) {
      c.source = "<a class=\"govuk-link\" href=\"";
      AppendEscaped(&c.source, Href(from, Paths::Document(a, s.source)));
      c.source += "\">";
      AppendEscaped(&c.source, d->title);
      c.source += "</a>";
    }
    cells.push_back(std::move(c));
  }
  return cells;
}

// What a row of every KPI's table shows of its snapshot, the same for
// every KPI: made once for the pages at one depth, and shared.
const std::vector<AuthorityContext::SnapshotRowParts>& AuthorityContext::SnapshotParts(const std::string& from) {
  auto& parts = snapshot_parts_[RootFor(from)];
  if (parts.empty())
    for (const Snapshot& s : a.snapshots)
      parts.push_back({View::Share(SharedDateView(s.as_at)), DocumentLink(s.source, from)});
  return parts;
}

View AuthorityContext::MakeKpiTable(const Kpi& k, const std::string& from) {
  View rows = View::EmptyList();
  std::set<std::string> symbols;
  const auto& parts = SnapshotParts(from);
  ForEachFigure(k, [&](size_t i, const Snapshot& s, const Value* v, const double* t) {
    View row = {{"date", View::Share(parts[i].date)}};
    if (v) {
      row["value"] = ValueCell(k, *v);
      if (const auto* sc = std::get_if<Scalar>(v))
        if (const auto* sym = std::get_if<Symbol>(sc)) symbols.insert(sym->code);
      if (const auto* b = std::get_if<Breakdown>(v)) {
        View items = View::EmptyList();
        for (const auto& [item, sc] : *b) {
          items.push_back({{"item", item}, {"value", FormatScalar(k, sc)}});
          if (const auto* sym = std::get_if<Symbol>(&sc)) symbols.insert(sym->code);
        }
        row["items"] = std::move(items);
      }
    } else {
      row["value"] = {{"text", "not reported"}, {"numeric", false}};
    }
    row["target"] = t ? View(FormatValue(k, *t)) : View();
    View comps = View::EmptyList();
    for (const auto& [name, values] : s.comparators) {
      auto c = values.find(k.id);
      if (c == values.end()) continue;
      std::string detail = ComparatorDetail(s, name, k.id);
      comps.push_back({{"name", ComparatorLabel(name)}, {"value", FormatScalar(k, c->second)},
                       {"detail", detail.empty() ? View() : View(detail)}});
    }
    row["comparators"] = std::move(comps);
    auto n = s.notes.find(k.id);
    row["note"] = n == s.notes.end() ? "" : n->second;
    row["source"] = View::Share(parts[i].source);
    rows.push_back(std::move(row));
  });
  View key = SymbolKey(symbols);
  return {{"rows", rows}, {"symbols", key}, {"has_symbols", !key.empty()},
          {"has_breakdown", !k.breakdown.empty()}, {"breakdown", k.breakdown}};
}

}  // namespace tracker
