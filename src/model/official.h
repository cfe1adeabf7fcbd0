// Official statistics: the DfE's open-data files as a source of each KPI's
// yearly figure for every authority, region and England, and the DfE's
// statistical-neighbour models. Plain data; load/official.cc fills it from
// data/official/, assess/compare.cc reads it. See docs/official-statistics.md.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics.h"
#include "model/date.h"

namespace tracker {

// What a yearly figure describes: the year ending 31 March (most DfE
// collections), or the workforce census on 30 September of that year.
enum class OfficialPeriod { kYearEndingMarch, kSeptemberCensus };
const char* OfficialPeriodId(OfficialPeriod p);  // "year_ending_march"
Date OfficialPeriodEnd(OfficialPeriod p, int year);
std::string OfficialPeriodLabel(OfficialPeriod p, int year);  // "Year ending 31 March 2025"

// One column of one file, on the rows that match every filter.
struct OfficialColumn {
  std::string file;       // its name in data/official/
  std::string indicator;  // the column
  std::vector<std::pair<std::string, std::string>> filters;  // column, value; in the order given
  SourcePos pos;          // where kpis.json names it
};

// How a KPI reads its official figure (kpis.json, a KPI's "official").
struct OfficialSeries {
  OfficialColumn figure;
  // A rate the files do not hold: figure ÷ this population × 10,000, the
  // population being that of `population_year` years from the figure's
  // year (-1: the mid-year estimate before the year ending 31 March).
  std::optional<OfficialColumn> per_10k_of;
  int population_year = -1;
  OfficialPeriod period = OfficialPeriod::kYearEndingMarch;
  std::string publication;  // the DfE publication, for the credit line
  SourcePos pos;
};

// Every authority the files name, once: joined by code, never by name.
struct OfficialArea {
  std::string old_code;  // the DfE's three-digit code, e.g. 812
  std::string new_code;  // the ONS code, e.g. E06000012
  std::string name;      // as the newest row gives it
  std::string region_code, region_name;
};

// One figure, as published or as computed from published counts.
struct OfficialValue {
  // Set: a number; else `symbol` (c, x, z, low, u, :) or nothing (no row).
  std::optional<double> number;
  std::string symbol;
  bool present = false;  // a row was published for this area and year
};

struct OfficialYear {
  int year = 0;
  OfficialValue england;
  std::map<std::string, OfficialValue> regions;  // by region code
  std::map<size_t, OfficialValue> areas;         // by index in OfficialData::areas
};

// One KPI's official figures, every year the file has, oldest first.
struct OfficialKpiData {
  std::string kpi;  // its id
  OfficialSeries series;
  int decimals = 0;  // as the file gives them; a computed rate has 1
  std::vector<OfficialYear> years;
  bool missing_file = false;  // the file is not in data/official/: no figures
};

// A statistical-neighbour model: each authority's ten, closest first.
struct NeighbourModel {
  std::string id;    // "2025" or "2021"
  std::string file;  // its name in data/official/
  std::map<std::string, std::vector<std::string>> by_old_code;
};

// One row of Ofsted's inspection outcomes: a graded inspection (overall
// and each judgement) or a visit (its theme). Blank judgements: not graded.
struct OfficialInspection {
  std::string la_code;  // the ONS code, as Ofsted's file gives it
  Date date, published;
  std::string type;     // "ILACS Standard Inspection", "LA Monitoring visit"...
  std::string overall, leaders, help_protection, in_care, care_leavers, theme;
  std::string source;   // the table the row came from
  SourcePos pos;
};

struct OfficialData {
  std::vector<OfficialArea> areas;  // by old code, then new code
  std::map<std::string, size_t> by_old_code, by_new_code;
  std::vector<OfficialKpiData> kpis;  // in kpis.json's order, those with an official series
  std::optional<NeighbourModel> neighbours;
  std::string neighbour_model;  // chosen in site.yml, "2025" unless set
  std::vector<std::string> files;  // every file read, in path order
  std::vector<OfficialInspection> inspections;  // by code, then date
  // Where each area appears: the files (by name) with a row for it.
  std::map<size_t, std::vector<std::string>> files_of_area;

  // The mean of `area`'s neighbours with a figure in `y`, and how many had
  // one; nullopt when none did or the area has no neighbours.
  std::optional<double> NeighbourMean(const OfficialYear& y, size_t area, int* with_value = nullptr) const {
    if (with_value) *with_value = 0;
    if (!neighbours) return std::nullopt;
    auto it = neighbours->by_old_code.find(areas[area].old_code);
    if (it == neighbours->by_old_code.end()) return std::nullopt;
    double sum = 0;
    int n = 0;
    for (const auto& code : it->second) {
      auto a = by_old_code.find(code);
      if (a == by_old_code.end()) continue;
      auto v = y.areas.find(a->second);
      if (v != y.areas.end() && v->second.number) sum += *v->second.number, ++n;
    }
    if (with_value) *with_value = n;
    return n ? std::optional<double>(sum / n) : std::nullopt;
  }
  const OfficialKpiData* Find(const std::string& kpi) const {
    for (const auto& k : kpis)
      if (k.kpi == kpi) return &k;
    return nullptr;
  }
  // The area an authority's codes name, or nullopt.
  std::optional<size_t> AreaOf(const std::string& old_code, const std::string& new_code) const {
    if (!old_code.empty())
      if (auto it = by_old_code.find(old_code); it != by_old_code.end()) return it->second;
    if (!new_code.empty())
      if (auto it = by_new_code.find(new_code); it != by_new_code.end()) return it->second;
    return std::nullopt;
  }
};

// The folder official files live in, and the files of the DfE's two
// statistical-neighbour models, as the DfE names them.
inline constexpr const char* kOfficialFolder = "data/official/";
inline constexpr const char* kNeighbourFile2025 = "sn_model_2025_wide.csv";
inline constexpr const char* kNeighbourFile2021 = "New_Statistical_Neighbour_Groupings_April_2021.csv";

}  // namespace tracker
