// The views of the official comparisons (assess/compare): a KPI page's
// year-by-year table, and the rows of the "How ... compares" page. Every
// figure shows its period, and every table its source and the OGL credit.
#include <cmath>
#include <set>

#include "render/format.h"
#include "render/page_context.h"

namespace tracker {

namespace {

std::string OfficialText(const Kpi& k, const OfficialValue& v, int decimals) {
  if (v.number) return FormatValueWith(k, *v.number, decimals);
  if (!v.symbol.empty()) return std::string(SymbolMeaning(v.symbol)) + " (" + v.symbol + ")";
  return v.present ? "no figure" : "not published";
}

std::string QuartileText(const Kpi& k, int q) {
  if (q == 0) return "";
  static const char* kBest[] = {"", "best", "second best", "second worst", "worst"};
  static const char* kLow[] = {"", "lowest", "second lowest", "second highest", "highest"};
  return std::to_string(q) + " (" + (k.direction == Direction::kNeutral ? kLow[q] : kBest[q]) + ")";
}

}  // namespace

const OfficialComparison* AuthorityContext::Official(const Kpi& k) const {
  for (const auto& c : aa.official.kpis)
    if (c.kpi == &k || (c.kpi && c.kpi->id == k.id)) return &c;
  return nullptr;
}

bool AuthorityContext::HasOfficial() const {
  for (const auto& c : aa.official.kpis)
    if (!c.points.empty()) return true;
  return false;
}

std::string AuthorityContext::OfficialSource(const OfficialComparison& c) const {
  const OfficialSeries& s = *c.kpi->official;
  std::string out = "Department for Education, " + s.publication + ": " + s.figure.file + ", column " + s.figure.indicator;
  if (s.per_10k_of)
    out += "; the rate is that count per 10,000 children, over " + s.per_10k_of->file + " (" + s.per_10k_of->indicator +
           (s.population_year == 0 ? ", the same year)"
                                   : ", " + std::to_string(-s.population_year) + (s.population_year == -1 ? " year" : " years") +
                                         " before), as the DfE computes its rates");
  return out + ".";
}

View AuthorityContext::OfficialTable(const Kpi& k) const {
  const OfficialComparison* c = Official(k);
  if (!c) return View();
  const AuthorityComparisons& all = aa.official;
  View out = {{"own_label", a.short_name}, {"region_label", all.region_name.empty() ? "Region" : all.region_name}};
  if (c->points.empty()) {
    // An absent file is the build's warning, not the public's business;
    // an authority the file leaves out is.
    if (c->data && !c->data->missing_file) out["missing"] = "There are no official figures for " + a.short_name + ": " + c->missing + ".";
    else return View();
    return out;
  }
  const int decimals = c->data->decimals;
  const int mean_decimals = std::max(decimals, 1);
  View rows = View::EmptyList();
  for (auto it = c->points.rbegin(); it != c->points.rend(); ++it) {
    const OfficialPoint& p = *it;
    std::string neighbours = p.neighbour_mean ? FormatValueWith(k, *p.neighbour_mean, mean_decimals) : "no figure";
    if (p.neighbours) neighbours += " (" + std::to_string(p.neighbours_with_value) + " of " + std::to_string(p.neighbours) + ")";
    rows.push_back({{"period", OfficialPeriodLabel(k.official->period, p.year)},
                    {"own", OfficialText(k, p.own, decimals)},
                    {"england", OfficialText(k, p.england, decimals)},
                    {"region", OfficialText(k, p.region, decimals)},
                    {"neighbours", all.neighbour_model.empty() ? "" : neighbours},
                    {"rank", p.rank ? Ordinal(p.rank) + " of " + std::to_string(p.ranked) : "not ranked"},
                    {"quartile", p.quartile ? QuartileText(k, p.quartile) : "not placed"}});
  }
  out["rows"] = std::move(rows);
  out["has_rows"] = true;
  out["has_neighbours"] = !all.neighbour_model.empty();
  out["order"] = k.direction == Direction::kNeutral ? "1 is the lowest" : "1 is the best";
  const OfficialPoint& latest = c->points.back();
  out["latest"] = OfficialSentence(k, *c, latest);
  out["source"] = OfficialSource(*c);
  out["neighbour_text"] = NeighbourText();
  return out;
}

std::string AuthorityContext::OfficialSentence(const Kpi& k, const OfficialComparison& c, const OfficialPoint& p) const {
  const int decimals = c.data->decimals;
  std::string s = OfficialPeriodLabel(k.official->period, p.year) + ": " + a.short_name + " " +
                  OfficialText(k, p.own, decimals) + ", England " + OfficialText(k, p.england, decimals);
  if (p.region.number) s += ", " + aa.official.region_name + " " + OfficialText(k, p.region, decimals);
  if (p.neighbour_mean)
    s += ", statistical neighbours' mean " + FormatValueWith(k, *p.neighbour_mean, std::max(decimals, 1));
  return s + ".";
}

std::string AuthorityContext::NeighbourText() const {
  const AuthorityComparisons& all = aa.official;
  if (all.neighbour_model.empty()) return "";
  std::string names;
  for (size_t i = 0; i < all.neighbour_names.size(); ++i)
    names += (i ? (i + 1 == all.neighbour_names.size() ? " and " : ", ") : "") + all.neighbour_names[i];
  return "Statistical neighbours are the 10 authorities most like " + a.short_name + " in the DfE's " + all.neighbour_model +
         " model: " + (names.empty() ? "none are listed for it" : names) +
         ". Their mean is of those with a figure that year; the count beside it says how many had one.";
}

View AuthorityContext::OfficialRows(const std::string& from) const {
  View rows = View::EmptyList();
  for (const auto& c : aa.official.kpis) {
    if (c.points.empty()) continue;
    const Kpi& k = *c.kpi;
    const OfficialPoint& p = c.points.back();
    const int decimals = c.data->decimals;
    std::string change;
    if (c.points.size() > 1) {
      const OfficialPoint& before = c.points[c.points.size() - 2];
      if (p.own.number && before.own.number) {
        const double diff = *p.own.number - *before.own.number;
        const std::string amount = FormatNumber(std::fabs(diff), decimals);
        const bool none = amount == FormatNumber(0, decimals);
        const bool better = k.direction == Direction::kHigherIsBetter ? diff > 0 : diff < 0;
        change = none ? "No change on " + std::to_string(before.year)
                      : std::string(diff > 0 ? "Up " : "Down ") + amount + " on " + std::to_string(before.year) +
                            (k.direction == Direction::kNeutral ? "" : better ? " (better)" : " (worse)");
      }
    }
    rows.push_back({{"label", k.label},
                    {"href", Href(from, Paths::Kpi(a, k.id))},
                    {"period", OfficialPeriodLabel(k.official->period, p.year)},
                    {"own", OfficialText(k, p.own, decimals)},
                    {"england", OfficialText(k, p.england, decimals)},
                    {"region", OfficialText(k, p.region, decimals)},
                    {"neighbours", p.neighbour_mean ? FormatValueWith(k, *p.neighbour_mean, std::max(decimals, 1)) : "no figure"},
                    {"rank", p.rank ? Ordinal(p.rank) + " of " + std::to_string(p.ranked) +
                                          (k.direction == Direction::kNeutral ? " (1 = lowest)" : " (1 = best)")
                                    : "not ranked"},
                    {"quartile", p.quartile ? QuartileText(k, p.quartile) : "not placed"},
                    {"change", change.empty() ? "no earlier figure" : change}});
  }
  return rows;
}

View AuthorityContext::OfficialSources() const {
  View out = View::EmptyList();
  std::set<std::string> seen;
  for (const auto& c : aa.official.kpis)
    if (!c.points.empty()) {
      std::string s = c.kpi->label + ": " + OfficialSource(c);
      if (seen.insert(s).second) out.push_back({{"text", s}});
    }
  return out;
}

std::vector<AuthoritySummary::KeyFigure> AuthorityContext::KeyFigures() const {
  std::vector<AuthoritySummary::KeyFigure> out;
  for (const auto& c : aa.official.kpis) {
    if (c.points.empty() || out.size() == kCardFigures) continue;
    const OfficialPoint& p = c.points.back();
    if (!p.own.number) continue;
    std::string period = OfficialPeriodLabel(c.kpi->official->period, p.year);
    if (period[0] == 'Y') period[0] = 'y';  // it follows a comma on the card
    out.push_back({c.kpi->label, OfficialText(*c.kpi, p.own, c.data->decimals) + " (England " +
                                     OfficialText(*c.kpi, p.england, c.data->decimals) + ")",
                   period});
  }
  return out;
}

}  // namespace tracker
