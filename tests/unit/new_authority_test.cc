// tracker new authority --official: the file made for an authority from
// the official files, on a small fictional model.
#include <doctest/doctest.h>

#include "load/load_site.h"
#include "scaffold/new_authority.h"

using namespace tracker;

namespace {

OfficialData Fictional() {
  OfficialData d;
  d.areas = {{"901", "E06000901", "Harbourside", "E12000091", "Coastlands"},
             {"902", "E06000902", "St. Mary's & Hill", "E12000091", "Coastlands"},
             {"903", "E06000903", "Eastmere", "E12000091", "Coastlands"},
             {"904 / 905", "E06000904 / E06000905", "Joint return", "E12000091", "Coastlands"},
             {"909", "E10000909", "Oldshire", "E12000091", "Coastlands"}};
  for (size_t i = 0; i < d.areas.size(); ++i) {
    d.by_old_code[d.areas[i].old_code] = i;
    d.by_new_code[d.areas[i].new_code] = i;
  }
  OfficialKpiData k;
  k.kpi = "cla_rate";
  OfficialYear y;
  y.year = 2025;
  y.areas[0].number = 131;
  y.areas[1].number = 70;
  y.areas[2].symbol = "c";  // a symbol is no figure
  y.areas[3].number = 20;   // a joint return is no authority
  y.areas[4].symbol = "x";  // replaced: kept with x
  k.years.push_back(y);
  d.kpis.push_back(k);
  NeighbourModel m;
  m.id = "2025";
  m.by_old_code["901"] = {"902", "777"};
  d.neighbours = m;
  return d;
}

}  // namespace

TEST_CASE("new authority: a slug from the name the files give") {
  CHECK(SlugFor("St. Helens") == "st-helens");
  CHECK(SlugFor("Bristol, City of") == "bristol-city-of");
  CHECK(SlugFor("Brighton & Hove") == "brighton-and-hove");
  CHECK(SlugFor("King's Lynn") == "kings-lynn");
  CHECK(SlugFor("Kingston upon Hull, City of") == "kingston-upon-hull-city-of");
}

TEST_CASE("new authority: the file holds the files' name, region and codes, the neighbours as a note, and loads") {
  const OfficialData d = Fictional();
  const std::string text = AuthorityFileFor(d, 0);
  CHECK(text.find("name: \"Harbourside\"\n") != std::string::npos);
  CHECK(text.find("region: \"Coastlands\"\n") != std::string::npos);
  CHECK(text.find("ons_code: E06000901\n") != std::string::npos);
  CHECK(text.find("la_code: \"901\"\n") != std::string::npos);
  CHECK(text.find("#   902 St. Mary's & Hill\n") != std::string::npos);
  CHECK(text.find("#   777\n") != std::string::npos);  // a neighbour the files no longer name
  // What it writes is valid as it stands.
  SourceTree t;
  t.files["site.yml"] = "title: T\n";
  t.files["data/kpis.json"] = "{\"kpis\": []}";
  t.files["content/harbourside/_authority.md"] = text;
  t.files["content/st-marys-and-hill/_authority.md"] = AuthorityFileFor(d, 1);
  Diagnostics diag;
  Site site = LoadSite(t, diag);
  CHECK(diag.empty());
  REQUIRE(site.authorities.size() == 2);
  CHECK(site.authorities[1].name == "St. Mary's & Hill");
  CHECK(site.authorities[0].la_code == "901");
}

TEST_CASE("new authority: all is every authority with a figure in the newest year, codes find one each") {
  const OfficialData d = Fictional();
  std::vector<std::string> unknown;
  CHECK(AreasFor(d, {"all"}, &unknown) == std::vector<size_t>{0, 1});
  CHECK(AreasFor(d, {"903", "E06000901"}, &unknown) == std::vector<size_t>{0, 2});
  CHECK(unknown.empty());
  CHECK(AreasFor(d, {"999"}, &unknown).empty());
  CHECK(unknown == std::vector<std::string>{"999"});
}
