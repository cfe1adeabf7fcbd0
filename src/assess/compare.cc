#include "assess/compare.h"

#include <algorithm>

namespace tracker {

int RankOf(double value, const std::vector<double>& others, Direction d) {
  int better = 0;
  for (double o : others)
    if (d == Direction::kHigherIsBetter ? o > value : o < value) ++better;
  return better + 1;
}

int QuartileOf(int rank, int n) {
  if (n <= 0 || rank <= 0) return 0;
  if (n == 1) return 1;
  // The place from 0 (first) to 1 (last), in four equal bands.
  return std::min(4, (rank - 1) * 4 / (n - 1) + 1);
}

AuthorityComparisons CompareWithOfficial(const Site& site, const Authority& a, const Date& as_at) {
  AuthorityComparisons out;
  if (!site.official) return out;
  const OfficialData& data = *site.official;
  out.area = data.AreaOf(a.la_code, a.ons_code);
  std::vector<size_t> neighbours;
  if (out.area) {
    const OfficialArea& me = data.areas[*out.area];
    out.region_name = me.region_name;
    if (data.neighbours) {
      out.neighbour_model = data.neighbours->id;
      auto it = data.neighbours->by_old_code.find(me.old_code);
      if (it != data.neighbours->by_old_code.end())
        for (const auto& code : it->second) {
          auto n = data.by_old_code.find(code);
          // A neighbour the files no longer name (an authority since
          // replaced) counts in the model but never has a figure.
          out.neighbour_names.push_back(n == data.by_old_code.end() ? code : data.areas[n->second].name);
          neighbours.push_back(n == data.by_old_code.end() ? data.areas.size() : n->second);
        }
    }
  }
  for (const auto& k : site.kpis) {
    if (!k.official) continue;
    OfficialComparison c;
    c.kpi = &k;
    c.data = data.Find(k.id);
    if (!c.data || c.data->missing_file) {
      c.missing = "the DfE's file " + k.official->figure.file + " is not in this tracker's data/official/ folder";
    } else if (!out.area) {
      c.missing = "the official files have no authority with this authority's code";
    } else {
      const OfficialArea& me = data.areas[*out.area];
      for (const OfficialYear& y : c.data->years) {
        const Date end = OfficialPeriodEnd(k.official->period, y.year);
        if (as_at < end) continue;  // not yet the position at the as-at date
        auto own = y.areas.find(*out.area);
        if (own == y.areas.end()) continue;
        OfficialPoint p;
        p.year = y.year;
        p.as_at = end;
        p.own = own->second;
        p.england = y.england;
        if (auto r = y.regions.find(me.region_code); r != y.regions.end()) p.region = r->second;
        std::vector<double> values;
        p.neighbours = static_cast<int>(neighbours.size());
        for (size_t n : neighbours) {
          auto v = y.areas.find(n);
          if (v != y.areas.end() && v->second.number) values.push_back(*v->second.number);
        }
        // The one definition of the mean, which the typed-figure check uses too.
        p.neighbour_mean = data.NeighbourMean(y, *out.area, &p.neighbours_with_value);
        if (p.own.number) {
          if (!values.empty()) {
            p.rank = RankOf(*p.own.number, values, k.direction);
            p.ranked = static_cast<int>(values.size()) + 1;
          }
          std::vector<double> all;
          for (const auto& [area, v] : y.areas)
            if (area != *out.area && v.number) all.push_back(*v.number);
          p.authorities = static_cast<int>(all.size()) + 1;
          p.quartile = QuartileOf(RankOf(*p.own.number, all, k.direction), p.authorities);
        }
        c.points.push_back(std::move(p));
      }
      if (c.points.empty()) {
        const auto& files = data.files_of_area.at(*out.area);
        c.missing = std::find(files.begin(), files.end(), k.official->figure.file) == files.end()
                        ? "the DfE's file " + k.official->figure.file + " has no row for this authority"
                        : "the DfE's file has no figure for this authority up to " + as_at.Long();
      }
    }
    out.kpis.push_back(std::move(c));
  }
  return out;
}

}  // namespace tracker
