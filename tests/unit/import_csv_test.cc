// Figures from a spreadsheet (scaffold/import_csv), on small made-up CSVs.
#include <doctest/doctest.h>

#include "scaffold/import_csv.h"

using namespace tracker;

namespace {

std::vector<Kpi> Kpis() {
  Kpi visits;
  visits.id = "visits";
  visits.unit = Unit::kPercent;
  Kpi supervision;
  supervision.id = "supervision";
  supervision.breakdown = "Team";
  return {visits, supervision};
}

Authority Harbourside() {
  Authority a;
  a.slug = "harbourside";
  a.name = "Harbourside Council";
  a.ons_code = "E06000901";
  return a;
}

std::vector<std::string> Messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& x : d.Sorted()) out.push_back(std::to_string(x.pos.line) + ":" + std::to_string(x.pos.col) + " " + x.message);
  return out;
}

}  // namespace

TEST_CASE("import: the simple layout gives one snapshot, in kpis.json's order, symbols and nulls kept") {
  Diagnostics diag;
  auto s = SnapshotsFromCsv("\xEF\xBB\xBFitem,value,kpi\nNorth,88,supervision\n,,visits\nSouth,c,supervision\n", "f.csv",
                            Kpis(), Harbourside(), Date{2025, 7, 31}, diag);
  REQUIRE(!diag.HasErrors());
  REQUIRE(s.size() == 1);
  CHECK(SnapshotJson(s[0]) ==
        "{\n  \"as_at\": \"2025-07-31\",\n  \"values\": {\n    \"visits\": null,\n"
        "    \"supervision\": {\"North\": 88, \"South\": \"c\"}\n  }\n}\n");
}

TEST_CASE("import: the tidy layout gives a snapshot per date and skips other authorities") {
  const std::string csv =
      "time_period,la_name,new_la_code,as_at,indicator,breakdown,value,source,note\n"
      "2025,Harbourside Council,E06000901,2025-06-30,visits,Total,91,report-june,z\n"
      "2025,Millbrook Council,E06000902,2025-06-30,visits,Total,50,z,z\n"
      "2025,Harbourside Council,E06000901,2025-05-31,visits,Total,89.5,z,Fell in May\n"
      "2025,Harbourside Council,E06000901,2025-06-30,supervision,North,x,report-june,z\n";
  Diagnostics diag;
  auto s = SnapshotsFromCsv(csv, "all.csv", Kpis(), Harbourside(), std::nullopt, diag);
  REQUIRE_MESSAGE(!diag.HasErrors(), Messages(diag));
  REQUIRE(s.size() == 2);
  CHECK(s[0].as_at == Date{2025, 5, 31});
  CHECK(SnapshotJson(s[0]) == "{\n  \"as_at\": \"2025-05-31\",\n  \"values\": {\n    \"visits\": 89.5\n  },\n"
                              "  \"notes\": {\n    \"visits\": \"Fell in May\"\n  }\n}\n");
  CHECK(s[1].source == "report-june");
  CHECK(SnapshotJson(s[1]).find("\"supervision\": {\"North\": \"x\"}") != std::string::npos);
}

TEST_CASE("import: every problem at its line and column, all in one pass") {
  const std::string csv =
      "kpi,value,item\n"
      "visits,91%,\n"        // 2: a percent sign
      "visits,abc,\n"        // 3: not a figure
      "vists,3,\n"           // 4: unknown KPI
      "supervision,80,\n"    // 5: no item
      "visits,90,North\n"    // 6: an item for a KPI without a breakdown
      "supervision,80,A\n"
      "supervision,81,A\n";  // 8: the same item twice
  Diagnostics diag;
  SnapshotsFromCsv(csv, "f.csv", Kpis(), Harbourside(), Date{2025, 7, 31}, diag);
  const auto m = Messages(diag);
  REQUIRE(m.size() == 6);
  CHECK(m[0].rfind("2:8 '91%' is not a figure: write the percentage as a number, without %", 0) == 0);
  CHECK(m[1].rfind("3:8 'abc' is not a figure", 0) == 0);
  CHECK(m[2].rfind("4:1 unknown KPI 'vists'; did you mean 'visits'?", 0) == 0);
  CHECK(m[3].rfind("5:1 KPI 'supervision' is broken down by Team", 0) == 0);
  CHECK(m[4].rfind("6:11 KPI 'visits' has no breakdown", 0) == 0);
  CHECK(m[5].rfind("8:13 a second figure for 'supervision' (A); the first is at line 7", 0) == 0);
}

TEST_CASE("import: a header of neither layout, or a simple layout with no date, is refused at line 1") {
  Diagnostics diag;
  SnapshotsFromCsv("name,number\nvisits,1\n", "f.csv", Kpis(), Harbourside(), Date{2025, 7, 31}, diag);
  CHECK(Messages(diag).at(0).rfind("1:1 the header names neither layout", 0) == 0);
  Diagnostics undated;
  SnapshotsFromCsv("kpi,value\nvisits,1\n", "f.csv", Kpis(), Harbourside(), std::nullopt, undated);
  CHECK(Messages(undated).at(0).rfind("1:1 the kpi,value layout gives no date", 0) == 0);
}
