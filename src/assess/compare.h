// How an authority compares, from the DfE's official files: for each KPI
// with an official series and each year, its own figure, England's, its
// region's, its statistical neighbours' mean, its rank among them and its
// quartile among every authority. Pure: no files, no clock.
// docs/official-statistics.md explains each rule.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/site.h"

namespace tracker {

struct OfficialPoint {
  int year = 0;
  Date as_at;                  // the period's end
  OfficialValue own, england, region;
  std::optional<double> neighbour_mean;
  int neighbours_with_value = 0;  // of `neighbours` in the model
  int neighbours = 0;
  // Among the authority and its neighbours with a figure, best first by
  // the KPI's direction (lowest first where it has none); 0: not ranked.
  int rank = 0, ranked = 0;
  // Among every authority with a figure that year: 1 (best quarter, or
  // lowest where the KPI has no direction) to 4; 0: not placed.
  int quartile = 0, authorities = 0;
};

struct OfficialComparison {
  const Kpi* kpi = nullptr;
  const OfficialKpiData* data = nullptr;
  std::vector<OfficialPoint> points;  // oldest first, none after the as-at date
  // Why there are no points, when there are none: the file is absent, or
  // has no row for this authority.
  std::string missing;
};

struct AuthorityComparisons {
  std::optional<size_t> area;      // the authority in the files
  std::string region_name;         // as the files name its region
  std::string neighbour_model;     // "2025"; empty when none was read
  std::vector<std::string> neighbour_names;  // in the model's order, by the files' names
  std::vector<OfficialComparison> kpis;      // in kpis.json's order
};

// Every KPI of `site` with an official series, for `a`, up to `as_at`.
AuthorityComparisons CompareWithOfficial(const Site& site, const Authority& a, const Date& as_at);

// Competition rank ("1224") of `value` among `others`, best first.
int RankOf(double value, const std::vector<double>& others, Direction d);
// The quarter a rank falls in among n: its place from 0 (first) to 1
// (last) in four equal bands, 1 to 4.
int QuartileOf(int rank, int n);

}  // namespace tracker
