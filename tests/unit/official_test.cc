// The DfE's files as a source (load/official) and the comparisons made
// from them (assess/compare), on small fictional files written by hand in
// the DfE's layout: the towns, codes and figures are all made up.
#include <doctest/doctest.h>

#include "assess/assess_site.h"
#include "load/load_site.h"
#include "load/official.h"

using namespace tracker;

namespace {

const char* kHead = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,";

// Children looked after: the standard order, a filter column, and every
// symbol. Northdale (904) split in 2024 into North Dale West (905) and
// North Dale East (906), with new codes.
std::string LookedAfter() {
  std::string h = std::string(kHead) + "old_la_code,new_la_code,la_name,population_type,children_count,rate_per_10000\n";
  std::string rows;
  auto row = [&](int year, const std::string& level, const std::string& region, const std::string& old_code,
                 const std::string& new_code, const std::string& name, const std::string& count, const std::string& rate) {
    for (const char* type : {"Children looked after on 31 March each year", "Children starting to be looked after each year"})
      rows += std::to_string(year) + ",Reporting year," + level + ",E92000001,England," + region + "," +
              (region.empty() ? "" : "Coastlands") + "," + old_code + "," + new_code + "," + name + "," + type + "," +
              count + "," + (std::string(type).find("on 31") != std::string::npos ? rate : "1") + "\n";
  };
  for (int y : {2023, 2024}) {
    const bool split = y == 2024;
    row(y, "National", "", "", "", "", "80000", y == 2023 ? "70" : "67");
    row(y, "Regional", "E12000091", "", "", "", "9000", y == 2023 ? "80" : "77");
    row(y, "Local authority", "E12000091", "901", "E06000901", "Harbourside", "400", y == 2023 ? "120" : "131");
    row(y, "Local authority", "E12000091", "902", "E06000902", "Millbrook", "c", y == 2023 ? "90" : "c");
    row(y, "Local authority", "E12000091", "903", "E06000903", "Eastmere", "300", y == 2023 ? "60" : "70");
    if (!split) row(y, "Local authority", "E12000091", "904", "E10000904", "Northdale", "500", "100");
    if (split) row(y, "Local authority", "E12000091", "905", "E06000905", "North Dale West", "250", "110");
    if (split) row(y, "Local authority", "E12000091", "906", "E06000906", "North Dale East", "x", "low");
  }
  return h + rows;
}

// The workforce: a byte order mark, la_name before new_la_code, and a
// different set of authorities in each year.
std::string Workforce() {
  return "\xEF\xBB\xBF" + std::string(kHead) + "old_la_code,la_name,new_la_code,caseload_fte\n"
         "2024,Reporting year,National,E92000001,England,,,,,,15.2\n"
         "2024,Reporting year,Regional,E92000001,England,E12000091,Coastlands,,,,15.9\n"
         "2024,Reporting year,Local authority,E92000001,England,E12000091,Coastlands,901,Harbourside,E06000901,20.9\n"
         "2024,Reporting year,Local authority,E92000001,England,E12000091,Coastlands,902,Millbrook,E06000902,:\n"
         "2024,Reporting year,Local authority,E92000001,England,E12000091,Coastlands,903,Eastmere,E06000903,14.0\n"
         "2024,Reporting year,Local authority,E92000001,England,E12000091,Coastlands,905,North Dale West,E06000905,u\n";
}

// Counts for a rate the files do not hold, and the population under 18.
std::string Counts() {
  return std::string(kHead) + "old_la_code,new_la_code,la_name,category,At31_episodes\n"
         "2024,Reporting year,National,E92000001,England,,,,,,Children in Need,400000\n"
         "2024,Reporting year,Local authority,E92000001,England,E12000091,Coastlands,901,E06000901,Harbourside,Children in Need,1500\n"
         "2024,Reporting year,Local authority,E92000001,England,E12000091,Coastlands,903,E06000903,Eastmere,Children in Need,z\n";
}
std::string Population() {
  return std::string(kHead) + "old_la_code,new_la_code,la_name,age_group,population_estimate\n"
         "2023,Reporting year,National,E92000001,England,,,,,,Children aged 0 to 17 years,12000000\n"
         "2023,Reporting year,Local authority,E92000001,England,E12000091,Coastlands,901,E06000901,Harbourside,Children aged 0 to 17 years,30000\n"
         "2024,Reporting year,Local authority,E92000001,England,E12000091,Coastlands,901,E06000901,Harbourside,Children aged 0 to 17 years,99999\n";
}

// The two neighbour models, in their two layouts: Harbourside's
// neighbours differ between them, and 2021's still names Northdale.
std::string Model2025() {
  return "\xEF\xBB\xBF" "old_la_code,la_name,region_ind,region_name,SN_1,SN_1P,SN_2,SN_2P,SN_3,SN_3P\n"
         "901,Harbourside,9,Coastlands,902,Very close,903,Close ,905,Close \n";
}
std::string Model2021() {
  return "\xEF\xBB\xBF" "LA num,LA Name,LA number,GOInd,GOReg,SN1,SNP,SN2,SNP,SN3,SNP,\n"
         "901,Harbourside,901,9,Coastlands,904,Very Close,903,Very Close,902,Close,\n";
}

const char* kKpis =
    "{\"kpis\": [\n"
    "  {\"id\": \"cla_rate\", \"label\": \"Children looked after rate\", \"unit\": \"rate_per_10k\", \"direction\": \"neutral\",\n"
    "   \"official\": {\"file\": \"cla.csv\", \"indicator\": \"rate_per_10000\", \"period\": \"year_ending_march\",\n"
    "     \"filters\": {\"population_type\": \"Children looked after on 31 March each year\"}, \"publication\": \"Looked after\"}},\n"
    "  {\"id\": \"caseload\", \"label\": \"Caseload\", \"unit\": \"number\", \"direction\": \"lower_is_better\",\n"
    "   \"official\": {\"file\": \"csww.csv\", \"indicator\": \"caseload_fte\", \"period\": \"september_census\", \"publication\": \"Workforce\"}},\n"
    "  {\"id\": \"cin_rate\", \"label\": \"CIN rate\", \"unit\": \"rate_per_10k\", \"direction\": \"neutral\",\n"
    "   \"official\": {\"file\": \"b1.csv\", \"indicator\": \"At31_episodes\", \"period\": \"year_ending_march\", \"publication\": \"Children in need\",\n"
    "     \"per_10k_of\": {\"file\": \"pop.csv\", \"indicator\": \"population_estimate\", \"filters\": {\"age_group\": \"Children aged 0 to 17 years\"}}}}\n"
    "]}\n";

SourceTree Tree(const std::string& model = "2025") {
  SourceTree t;
  t.files["site.yml"] = "title: Test\nstatistical_neighbours: \"" + model + "\"\n";
  t.files["data/kpis.json"] = kKpis;
  t.files["content/harbourside/_authority.md"] = "---\nname: Harbourside Council\nshort_name: Harbourside\nons_code: E06000901\n---\n";
  t.files["content/north-dale-west/_authority.md"] = "---\nname: North Dale West Council\nla_code: \"905\"\n---\n";
  t.files["data/official/cla.csv"] = LookedAfter();
  t.files["data/official/csww.csv"] = Workforce();
  t.files["data/official/b1.csv"] = Counts();
  t.files["data/official/pop.csv"] = Population();
  t.files["data/official/sn_model_2025_wide.csv"] = Model2025();
  t.files["data/official/New_Statistical_Neighbour_Groupings_April_2021.csv"] = Model2021();
  return t;
}

std::vector<std::string> Messages(const Diagnostics& diag) {
  std::vector<std::string> out;
  for (const auto& d : diag.Sorted())
    out.push_back(d.pos.path + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message);
  return out;
}

bool Has(const Diagnostics& diag, const std::string& text) {
  for (const auto& m : Messages(diag))
    if (m.find(text) != std::string::npos) return true;
  return false;
}

const OfficialComparison& For(const AuthorityAssessment& aa, const std::string& id) {
  for (const auto& c : aa.official.kpis)
    if (c.kpi->id == id) return c;
  FAIL("no comparison for " << id);
  throw 0;
}

}  // namespace

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string s = "[";
    for (const auto& x : v) s += "\n  " + x;
    return (s + "\n]").c_str();
  }
};
}  // namespace doctest

TEST_CASE("official: the files load, every symbol kept, joined by code") {
  Diagnostics diag;
  Site site = LoadSite(Tree(), diag);
  INFO(Messages(diag));
  REQUIRE(!diag.HasErrors());
  CHECK(diag.empty());
  REQUIRE(site.official);
  const OfficialData& d = *site.official;
  // Every authority once: Northdale's old code and its successors' new ones.
  CHECK(d.areas.size() == 6);
  const OfficialKpiData* cla = d.Find("cla_rate");
  REQUIRE(cla);
  REQUIRE(cla->years.size() == 2);
  const OfficialYear& y2024 = cla->years[1];
  CHECK(y2024.year == 2024);
  CHECK(*y2024.england.number == 67);
  CHECK(*y2024.regions.at("E12000091").number == 77);
  CHECK(y2024.areas.at(*d.AreaOf("902", "")).symbol == "c");
  CHECK(y2024.areas.at(*d.AreaOf("906", "")).symbol == "low");
  const OfficialKpiData* caseload = d.Find("caseload");
  REQUIRE(caseload);
  CHECK(caseload->decimals == 1);
  // The BOM and the other column order change nothing.
  CHECK(*caseload->years[0].areas.at(*d.AreaOf("", "E06000901")).number == doctest::Approx(20.9));
  CHECK(caseload->years[0].areas.at(*d.AreaOf("902", "")).symbol == ":");
  CHECK(caseload->years[0].areas.at(*d.AreaOf("905", "")).symbol == "u");
}

TEST_CASE("official: a rate is computed from a count over the population of the year before") {
  Diagnostics diag;
  Site site = LoadSite(Tree(), diag);
  const OfficialKpiData* cin = site.official->Find("cin_rate");
  REQUIRE(cin);
  CHECK(cin->decimals == 1);
  const OfficialYear& y = cin->years[0];
  CHECK(*y.england.number == doctest::Approx(400000.0 / 12000000 * 10000));
  // 2023's population (30,000), not 2024's.
  CHECK(*y.areas.at(*site.official->AreaOf("901", "")).number == doctest::Approx(500.0));
  CHECK(y.areas.at(*site.official->AreaOf("903", "")).symbol == "z");
}

TEST_CASE("official: comparisons with England, the region and the 2025 neighbours") {
  Diagnostics diag;
  Site site = LoadSite(Tree(), diag);
  REQUIRE(!diag.HasErrors());
  const SiteAssessment sa = AssessSite(site, Date{2025, 12, 31});
  const AuthorityAssessment& harbour = sa.authorities[0];
  CHECK(site.authorities[0].slug == "harbourside");
  CHECK(harbour.official.neighbour_model == "2025");
  CHECK(harbour.official.neighbour_names == std::vector<std::string>{"Millbrook", "Eastmere", "North Dale West"});
  const OfficialComparison& cla = For(harbour, "cla_rate");
  REQUIRE(cla.points.size() == 2);
  const OfficialPoint& p = cla.points[1];
  CHECK(p.as_at == Date{2024, 3, 31});
  CHECK(*p.own.number == 131);
  CHECK(*p.england.number == 67);
  CHECK(*p.region.number == 77);
  // Millbrook's figure is suppressed: the mean is of the two with one.
  CHECK(p.neighbours == 3);
  CHECK(p.neighbours_with_value == 2);
  CHECK(*p.neighbour_mean == doctest::Approx((70.0 + 110.0) / 2));
  // Neutral: ranked lowest first, so the highest of three is 3rd.
  CHECK(p.rank == 3);
  CHECK(p.ranked == 3);
  // Among the four authorities with a figure (North Dale East's is "low").
  CHECK(p.authorities == 3);
  CHECK(p.quartile == 4);
  const OfficialComparison& caseload = For(harbour, "caseload");
  REQUIRE(caseload.points.size() == 1);
  // Lower is better: 20.9 is the worst of Harbourside and Eastmere (14.0);
  // Millbrook's ':' and North Dale West's 'u' are not figures.
  CHECK(caseload.points[0].as_at == Date{2024, 9, 30});
  CHECK(caseload.points[0].rank == 2);
  CHECK(caseload.points[0].ranked == 2);
  CHECK(caseload.points[0].neighbours_with_value == 1);
}

TEST_CASE("official: the 2021 model gives other neighbours, and one since replaced has no figure") {
  Diagnostics diag;
  Site site = LoadSite(Tree("2021"), diag);
  REQUIRE(!diag.HasErrors());
  const SiteAssessment sa = AssessSite(site, Date{2025, 12, 31});
  const AuthorityAssessment& harbour = sa.authorities[0];
  CHECK(harbour.official.neighbour_model == "2021");
  CHECK(harbour.official.neighbour_names == std::vector<std::string>{"Northdale", "Eastmere", "Millbrook"});
  const OfficialComparison& cla = For(harbour, "cla_rate");
  // 2023: all three have figures; 2024: Northdale is gone, Millbrook's is c.
  CHECK(cla.points[0].neighbours_with_value == 3);
  CHECK(*cla.points[0].neighbour_mean == doctest::Approx((100.0 + 60.0 + 90.0) / 3));
  CHECK(cla.points[1].neighbours_with_value == 1);
  CHECK(*cla.points[1].neighbour_mean == doctest::Approx(70.0));
}

TEST_CASE("official: an authority that split has figures only under its new code") {
  Diagnostics diag;
  Site site = LoadSite(Tree(), diag);
  const SiteAssessment sa = AssessSite(site, Date{2025, 12, 31});
  const AuthorityAssessment& west = sa.authorities[1];
  CHECK(site.authorities[1].slug == "north-dale-west");
  const OfficialComparison& cla = For(west, "cla_rate");
  REQUIRE(cla.points.size() == 1);
  CHECK(cla.points[0].year == 2024);
  CHECK(*cla.points[0].own.number == 110);
  CHECK(west.official.region_name == "Coastlands");
  // Not in the 2025 model's file: no neighbours, so no rank.
  CHECK(west.official.neighbour_names.empty());
  CHECK(cla.points[0].rank == 0);
  // The workforce file's 'u' is kept as it is.
  const OfficialComparison& caseload = For(west, "caseload");
  REQUIRE(caseload.points.size() == 1);
  CHECK(caseload.points[0].own.symbol == "u");
  CHECK(caseload.points[0].quartile == 0);
  // b1.csv has no row for it.
  CHECK(For(west, "cin_rate").missing.find("has no row for this authority") != std::string::npos);
}

TEST_CASE("official: nothing after the as-at date") {
  Diagnostics diag;
  Site site = LoadSite(Tree(), diag);
  const SiteAssessment sa = AssessSite(site, Date{2024, 6, 30});
  const OfficialComparison& cla = For(sa.authorities[0], "cla_rate");
  REQUIRE(cla.points.size() == 2);  // to 31 March 2024
  CHECK(For(sa.authorities[0], "caseload").points.empty());  // 30 September 2024 is after
  // With no date given, the newest official period sets it.
  CHECK(ResolveAsAt(site, std::nullopt) == Date{2024, 9, 30});
}

TEST_CASE("official: an authority's code no file has is an error with the nearest names") {
  SourceTree t = Tree();
  t.files["content/harbourside/_authority.md"] = "---\nname: Harbourside Council\nons_code: E06000999\n---\n";
  Diagnostics diag;
  LoadSite(t, diag);
  REQUIRE(diag.errors() == 1);
  const std::string m = Messages(diag)[0];
  CHECK(m.find("content/harbourside/_authority.md:3:11:") == 0);
  CHECK(m.find("no official file has an authority with code E06000999") != std::string::npos);
  CHECK(m.find("Harbourside (901, E06000901)") != std::string::npos);
}

TEST_CASE("official: two codes that name different authorities are an error") {
  SourceTree t = Tree();
  t.files["content/harbourside/_authority.md"] = "---\nname: Harbourside\nons_code: E06000901\nla_code: \"903\"\n---\n";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Has(diag, "la_code 903 and ons_code E06000901 name different authorities"));
}

TEST_CASE("official: problems in a file are errors at its line and column") {
  SourceTree t = Tree();
  std::string bad = LookedAfter();
  bad.replace(bad.find(",131\n"), 5, ",13l\n");  // a letter for a digit
  bad += "2024,Reporting year,Local authority,E92000001,England,E12000091,Coastlands,901,E06000901,Harbourside,"
         "Children looked after on 31 March each year,1,2\n";
  t.files["data/official/cla.csv"] = bad;
  t.files["data/official/csww.csv"] = "time_period,geographic_level,old_la_code,caseload_fte\n2024,National,\"x,1\n";
  Diagnostics diag;
  LoadSite(t, diag);
  INFO(Messages(diag));
  CHECK(Has(diag, "data/official/cla.csv:18:150: '13l' in column 'rate_per_10000' is not a number"));
  CHECK(Has(diag, "data/official/cla.csv:28:1: a second row for Harbourside (901) in 2024 matches KPI 'cla_rate' (the first is on line 18)"));
  CHECK(Has(diag, "data/official/csww.csv:2:15: this quoted field is never closed"));
}

TEST_CASE("official: kpis.json naming a column, filter or value the file lacks") {
  SourceTree t = Tree();
  std::string kpis = kKpis;
  kpis.replace(kpis.find("\"rate_per_10000\""), 16, "\"rate_per_1000\"");
  kpis.replace(kpis.find("on 31 March each year"), 21, "on 31 Mrch each year");
  kpis.replace(kpis.find("\"age_group\""), 11, "\"agegroup\"");
  t.files["data/kpis.json"] = kpis;
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Has(diag, "has no column 'rate_per_1000'; did you mean 'rate_per_10000'?"));
  CHECK(Has(diag, "no row of data/official/cla.csv has population_type 'Children looked after on 31 Mrch each year'; did you mean 'Children looked after on 31 March each year'?"));
  CHECK(Has(diag, "has no column 'agegroup' to filter on; did you mean 'age_group'?"));
}

TEST_CASE("official: contradictions in a KPI's official series are errors") {
  SourceTree t = Tree();
  std::string kpis = kKpis;
  // A rate made per 10,000 for a KPI counted as a number; an unknown period.
  kpis.replace(kpis.find("\"unit\": \"rate_per_10k\", \"direction\": \"neutral\",\n   \"official\": {\"file\": \"b1.csv\""),
               24, "\"unit\": \"number\",      ");
  kpis.replace(kpis.find("\"september_census\""), 18, "\"september\"");
  t.files["data/kpis.json"] = kpis;
  Diagnostics diag;
  LoadSite(t, diag);
  INFO(Messages(diag));
  CHECK(Has(diag, "per_10k_of makes a rate per 10,000, but KPI 'cin_rate' has unit 'number'"));
  CHECK(Has(diag, "data/kpis.json:6:76: unknown period 'september'; use year_ending_march or september_census"));
}

TEST_CASE("official: a file named but absent is one warning, and the KPI has no figures") {
  SourceTree t = Tree();
  t.files.erase("data/official/csww.csv");
  t.files.erase("data/official/sn_model_2025_wide.csv");
  Diagnostics diag;
  Site site = LoadSite(t, diag);
  CHECK(!diag.HasErrors());
  CHECK(diag.warnings() == 1);
  CHECK(Has(diag, "csww.csv"));
  CHECK(Has(diag, "sn_model_2025_wide.csv"));
  REQUIRE(site.official);
  CHECK(site.official->Find("caseload")->missing_file);
  CHECK(!site.official->neighbours);
}

TEST_CASE("official: a site with no official series and no files reads none") {
  SourceTree t = Tree();
  t.files["data/kpis.json"] = "{\"kpis\": [{\"id\": \"x\", \"label\": \"X\", \"unit\": \"count\", \"direction\": \"neutral\"}]}";
  for (auto it = t.files.begin(); it != t.files.end();)
    it = it->first.rfind("data/official/", 0) == 0 ? t.files.erase(it) : std::next(it);
  Diagnostics diag;
  Site site = LoadSite(t, diag);
  CHECK(diag.empty());
  CHECK(!site.official);
}

namespace {

const char* kOfsted =
    "la_code,la_name,event_date,publication_date,event_type,overall,leaders,help_protection,in_care,care_leavers,visit_theme,source\n"
    "E06000901,Harbourside,2019-03-04,2019-04-20,ILACS Standard Inspection,Inadequate,Inadequate,Requires improvement to be good,Inadequate,,,Ofsted outcomes (history)\n"
    "E06000901,Harbourside,2023-10-02,2023-11-10,ILACS Short Inspection,Good,Good,Good,Good,Outstanding,,Ofsted outcomes (history)\n"
    "E06000901,Harbourside,2024-02-01,,LA Monitoring visit,,,,,,Front door,Ofsted in-year (2023-24)\n"
    "E06000901,Harbourside,2024-06-12,2024-07-30,ILACS Focused Visit,,,,,,Care leavers,Ofsted in-year (2024-25)\n"
    "E06000902,Millbrook,2022-05-05,,ILACS Focused Visit,,,,,,Achieving permanence,Ofsted in-year (2022-23)\n";

}  // namespace

TEST_CASE("official: Ofsted's outcomes become judgements with every grade, and visits become events") {
  SourceTree t = Tree();
  t.files["data/official/ofsted.csv"] = kOfsted;
  // Written by hand: the 2019 inspection (to the month) and the focused
  // visit (a day apart), each with its own words; and an expected
  // inspection known only to its year, which matches nothing.
  t.files["content/harbourside/_authority.md"] =
      "---\nname: Harbourside Council\nshort_name: Harbourside\nons_code: E06000901\n"
      "ofsted:\n  - date: 2019-03\n    judgement: Inadequate\n"
      "events:\n  - date: 2024-06-11\n    title: Focused visit, by hand\n    kind: ofsted\n"
      "  - date: 2024\n    title: Next inspection\n    kind: ofsted\n    expected: true\n---\n";
  Diagnostics diag;
  Site site = LoadSite(t, diag);
  INFO(Messages(diag));
  REQUIRE(!diag.HasErrors());
  CHECK(diag.empty());
  const Authority& a = site.authorities[0];
  REQUIRE(a.ofsted.size() == 2);
  CHECK(a.ofsted[0].credit.empty());  // the hand-written one stays
  CHECK(a.ofsted[1].date == Date{2023, 10, 2});
  CHECK(a.ofsted[1].judgement == "Good");
  CHECK(a.ofsted[1].detail ==
        "ILACS short inspection, published 10 November 2023. Leaders: Good. Help and protection: Good. "
        "Children in care: Good. Care leavers: Outstanding.");
  CHECK(a.ofsted[1].credit == "Ofsted outcomes (history) (ILACS Short Inspection)");
  std::vector<std::string> titles;
  for (const auto& e : a.events) titles.push_back(e.title);
  CHECK(titles == std::vector<std::string>{"Focused visit, by hand", "Next inspection", "Ofsted monitoring visit: Front door"});
  // Millbrook's visit is Millbrook's alone.
  CHECK(site.authorities[1].events.empty());
}

TEST_CASE("official: a hand-written grade Ofsted's outcomes contradict is a warning at it") {
  SourceTree t = Tree();
  t.files["data/official/ofsted.csv"] = kOfsted;
  t.files["content/harbourside/_authority.md"] =
      "---\nname: Harbourside Council\nons_code: E06000901\nofsted:\n  - date: 2023-10\n    judgement: Inadequate\n---\n";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Has(diag, "content/harbourside/_authority.md:5:5: Ofsted's published outcomes (data/official/ofsted.csv line 3) "
                  "give Good for the inspection of 2 October 2023, not Inadequate; check this judgement"));
}

TEST_CASE("official: a grade Ofsted does not use, or a date that is not one, is an error at its cell") {
  SourceTree t = Tree();
  t.files["data/official/ofsted.csv"] =
      "la_code,event_date,event_type,overall\nE06000901,2023-13-01,ILACS Standard Inspection,Good\n"
      "E06000901,2023-10-02,ILACS Standard Inspection,Requires improvement\n";
  Diagnostics diag;
  LoadSite(t, diag);
  INFO(Messages(diag));
  CHECK(Has(diag, "data/official/ofsted.csv:2:11: event_date '2023-13-01' is not a date"));
  CHECK(Has(diag, "data/official/ofsted.csv:3:48: 'Requires improvement' is not an Ofsted grade"));
}

TEST_CASE("official: a hand-typed England figure that differs from the DfE's for its period is a warning") {
  SourceTree t = Tree();
  // England's rate to 31 March 2024 is 67 in the file: 67 agrees, 72 does not.
  auto snapshot = [](const std::string& date, int england) {
    return "{\"as_at\": \"" + date + "\", \"values\": {\"cla_rate\": 130},\n"
           " \"comparators\": {\"england\": {\"cla_rate\": {\"value\": " + std::to_string(england) +
           ", \"period\": \"2023 to 2024\", \"as_at\": \"2024-03-31\"}}}}\n";
  };
  t.files["data/harbourside/snapshots/2024-06-30.json"] = snapshot("2024-06-30", 67);
  t.files["data/harbourside/snapshots/2024-07-31.json"] = snapshot("2024-07-31", 72);
  Diagnostics diag;
  LoadSite(t, diag);
  INFO(Messages(diag));
  CHECK(diag.warnings() == 1);
  CHECK(Has(diag, "data/harbourside/snapshots/2024-07-31.json:1:11: the England figure typed here for 'cla_rate' (72, for "
                  "31 March 2024) is not the one the DfE's files give (67); both are shown"));
}

namespace {

// Harbourside with measures whose targets follow England's figure and its
// neighbours' mean, and monthly figures either side of a period's end.
SourceTree RelativeTree() {
  SourceTree t = Tree();
  t.files["content/harbourside/measures/cla.md"] =
      "---\ntitle: Looked after rate\nkpi: cla_rate\ntarget:\n  op: \"<=\"\n  relative_to: england\n---\n";
  t.files["content/harbourside/measures/caseload.md"] =
      "---\ntitle: Caseloads\nkpi: caseload\ntarget:\n  op: \"<=\"\n  relative_to: neighbours\n---\n";
  t.files["data/harbourside/snapshots/2023-06-30.json"] = "{\"as_at\": \"2023-06-30\", \"values\": {\"cla_rate\": 66}}\n";
  t.files["data/harbourside/snapshots/2024-02-29.json"] = "{\"as_at\": \"2024-02-29\", \"values\": {\"cla_rate\": 68}}\n";
  t.files["data/harbourside/snapshots/2024-09-30.json"] = "{\"as_at\": \"2024-09-30\", \"values\": {\"cla_rate\": 70}}\n";
  t.files["data/harbourside/snapshots/2024-10-31.json"] = "{\"as_at\": \"2024-10-31\", \"values\": {\"caseload\": 15}}\n";
  return t;
}

const Measure& MeasureOf(const Site& site, const std::string& id) {
  for (const auto& m : site.authorities[0].measures)
    if (m.id == id) return m;
  FAIL("no measure " << id);
  throw 0;
}

}  // namespace

TEST_CASE("official: a relative target follows its comparator's figure, period by period") {
  Diagnostics diag;
  Site site = LoadSite(RelativeTree(), diag);
  REQUIRE_MESSAGE(!diag.HasErrors(), Messages(diag));
  const Measure& cla = MeasureOf(site, "cla");
  REQUIRE(cla.target->levels.size() == 2);
  CHECK(cla.target->levels[0].from == Date{2023, 3, 31});
  CHECK(cla.target->levels[0].value == 70);
  CHECK(cla.target->levels[1].value == 67);
  // Neighbours' mean of 2024: Eastmere's 14.0 alone (Millbrook ':', North Dale West 'u').
  const Measure& caseload = MeasureOf(site, "caseload");
  REQUIRE(caseload.target->levels.size() == 1);
  CHECK(caseload.target->levels[0].from == Date{2024, 9, 30});
  CHECK(caseload.target->levels[0].value == doctest::Approx(14.0));

  const SiteAssessment sa = AssessSite(site, Date{2024, 10, 31});
  const Authority& a = site.authorities[0];
  const MeasureStatus* cla_status = nullptr;
  const MeasureStatus* caseload_status = nullptr;
  for (size_t i = 0; i < a.measures.size(); ++i)
    (a.measures[i].id == "cla" ? cla_status : caseload_status) = &sa.authorities[0].measures[i];
  // 66 and 68 met England's 70 of the year to March 2023; September's 70
  // misses 2024's 67, and is moving away from it.
  REQUIRE(cla_status->figures);
  CHECK(cla_status->figures->first_met == Date{2023, 6, 30});
  CHECK_FALSE(cla_status->figures->held);
  CHECK(cla_status->figures->target == 67);
  CHECK(cla_status->figures->level == 1);
  CHECK(cla_status->reason == Reason::kProgress);
  CHECK(cla_status->status == Status::kOffTrack);
  CHECK(caseload_status->figures->target == doctest::Approx(14.0));
  CHECK(caseload_status->status == Status::kAtRisk);

  // Before the year to March 2024 had ended, February's 68 is judged against 2023's 70.
  const SiteAssessment earlier = AssessSite(site, Date{2024, 3, 30});
  for (size_t i = 0; i < a.measures.size(); ++i)
    if (a.measures[i].id == "cla") CHECK(earlier.authorities[0].measures[i].status == Status::kMet);
}

TEST_CASE("official: a relative target without its comparator's file is no data, saying why") {
  SourceTree t = RelativeTree();
  t.files.erase("data/official/cla.csv");
  Diagnostics diag;
  Site site = LoadSite(t, diag);
  REQUIRE_MESSAGE(!diag.HasErrors(), Messages(diag));
  const Measure& cla = MeasureOf(site, "cla");
  CHECK(cla.target->levels.empty());
  CHECK(cla.target->unavailable == "the DfE's file cla.csv is not in data/official/");
  const SiteAssessment sa = AssessSite(site, Date{2024, 10, 31});
  for (size_t i = 0; i < site.authorities[0].measures.size(); ++i) {
    if (site.authorities[0].measures[i].id != "cla") continue;
    CHECK(sa.authorities[0].measures[i].status == Status::kNoData);
    CHECK(sa.authorities[0].measures[i].reason == Reason::kNoComparator);
  }
}

TEST_CASE("official: a relative target's contradictions are errors at the target") {
  SourceTree t = RelativeTree();
  t.files["content/harbourside/measures/cla.md"] =
      "---\ntitle: A\nkpi: cla_rate\ntarget:\n  op: \"<=\"\n  value: 60\n  relative_to: england\n---\n";
  t.files["content/harbourside/measures/caseload.md"] =
      "---\ntitle: B\nkpi: caseload\ntarget:\n  op: \"<=\"\n  relative_to: englnd\n---\n";
  t.files["content/north-dale-west/measures/x.md"] =
      "---\ntitle: C\nkpi: caseload\ntarget:\n  op: \">=\"\n  relative_to: region\n---\n";
  t.files["data/north-dale-west/snapshots/2024-10-31.json"] =
      "{\"as_at\": \"2024-10-31\", \"values\": {\"caseload\": 15}, \"targets\": {\"caseload\": 14}}\n";
  Diagnostics diag;
  LoadSite(t, diag);
  CAPTURE(Messages(diag));
  CHECK(Has(diag, "content/harbourside/measures/cla.md:6:10: the target gives both 'value' and 'relative_to: england'"));
  CHECK(Has(diag, "content/harbourside/measures/caseload.md:6:16: unknown comparator 'englnd'; did you mean 'england'?"));
  CHECK(Has(diag, "content/north-dale-west/measures/x.md:5:3: target '>= region' asks for a higher value, but KPI 'caseload' is lower_is_better"));
  CHECK(Has(diag, "a target of 14 for 'caseload', but the measure's target '>= region' at content/north-dale-west/measures/x.md:5:3 follows the DfE's figure"));
}

TEST_CASE("official: a relative target on a KPI with no official series is an error naming the KPI") {
  SourceTree t = RelativeTree();
  t.files["data/kpis.json"] = std::string(kKpis).substr(0, std::string(kKpis).find("  {\"id\": \"caseload\"")) +
                              "  {\"id\": \"caseload\", \"label\": \"Caseload\", \"unit\": \"number\", \"direction\": \"lower_is_better\"},\n" +
                              std::string(kKpis).substr(std::string(kKpis).find("  {\"id\": \"cin_rate\""));
  Diagnostics diag;
  LoadSite(t, diag);
  CAPTURE(Messages(diag));
  CHECK(Has(diag, "content/harbourside/measures/caseload.md:5:3: the target is relative to the statistical neighbours' mean, "
                  "but KPI 'caseload' (data/kpis.json:5:3) names no official series to take it from"));
}
