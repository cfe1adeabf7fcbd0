// The bundled tracker with the DfE's real files (../shared/data, never
// committed): North East Lincolnshire's pages show its real 2025 figures
// beside England's, each with its period and source. Skipped, saying so,
// where ../shared/data is absent.
#include <doctest/doctest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "e2e.h"

using namespace e2e;

namespace {

const fs::path kShared = fs::path(TRACKER_REPO) / ".." / "shared" / "data";

// The bundled tracker plus the real files, in a folder of its own.
fs::path WithRealFiles(const std::string& name, const std::string& site_yml_extra = "") {
  fs::path dir = WorkDir(name);
  for (const char* part : {"site.yml", "content", "data"})
    fs::copy(fs::path(TRACKER_REPO) / part, dir / part, fs::copy_options::recursive);
  fs::create_directories(dir / "data/official");
  for (auto& e : fs::directory_iterator(kShared / "dfe")) fs::copy(e.path(), dir / "data/official" / e.path().filename());
  if (!site_yml_extra.empty()) {
    std::ofstream(dir / "site.yml", std::ios::app) << site_yml_extra;
  }
  return dir;
}

// The text of an HTML fragment, tags dropped and spaces collapsed.
std::string Text(const std::string& html) {
  std::string t = std::regex_replace(html, std::regex("<[^>]*>"), " ");
  t = std::regex_replace(t, std::regex("&nbsp;"), " ");
  t = std::regex_replace(t, std::regex("&apos;|&#39;"), "'");
  t = std::regex_replace(t, std::regex("&amp;"), "&");
  return std::regex_replace(t, std::regex("\\s+"), " ");
}

// The official table's row for `period`, as text.
std::string Row(const std::string& page, const std::string& period) {
  const size_t table = page.find("id=\"official\"");
  if (table == std::string::npos) return "";
  const size_t at = page.find(">" + period + "</th>", table);
  if (at == std::string::npos) return "";
  return Text(page.substr(at, page.find("</tr>", at) - at));
}

}  // namespace

TEST_CASE("with the DfE's real files, North East Lincolnshire's pages show its real 2025 figures and their source") {
  if (!fs::exists(kShared / "dfe")) {
    MESSAGE("skipped: the DfE's files are not at " << kShared.string() << " (../shared/data/dfe)");
    return;
  }
  const fs::path dir = WithRealFiles("official-real");
  Run r = Tracker("build --source " + Quote(dir.string()) + " --out " + Quote((dir / "site").string()));
  INFO(r.err);
  REQUIRE(r.exit == 0);
  const fs::path nel = dir / "site/north-east-lincolnshire";

  const std::string cla = ReadFile(nel / "kpis/cla_rate.html");
  const std::string cla_row = Row(cla, "Year to 31 March 2025");
  INFO(cla_row);
  CHECK(cla_row.find(" 131 per 10,000 67 per 10,000 ") != std::string::npos);
  CHECK(Text(cla).find("Source: Department for Education, Children looked after in England including adoptions: "
                       "cla_number_and_rate_per_10k_children.csv, column rate_per_10000.") != std::string::npos);
  CHECK(cla.find("Open Government Licence v3.0") != std::string::npos);

  const std::string caseload = ReadFile(nel / "kpis/average_caseload.html");
  const std::string caseload_row = Row(caseload, "30 September 2025");
  INFO(caseload_row);
  CHECK(caseload_row.find(" 20.9 15.2 ") != std::string::npos);
  CHECK(Text(caseload).find("Children's social work workforce: csww_indicators_2017_to_2025.csv, column caseload_fte.") !=
        std::string::npos);

  // The neighbours are the 2025 model's, named: St Helens (the files write "St. Helens") is not one.
  const std::string compares = Text(ReadFile(nel / "compares.html"));
  CHECK(compares.find("in the DfE's 2025 model: Doncaster, Stoke-on-Trent, Rotherham") != std::string::npos);
  CHECK(compares.find("Helens") == std::string::npos);
  CHECK(compares.find("Average caseload 30 September 2025 20.9 15.2") != std::string::npos);
  // The open data holds the comparisons, each with its period, source and
  // neighbour count, numbers as numbers in the JSON.
  const std::string csv = ReadFile(dir / "site/downloads/north-east-lincolnshire.comparisons.csv");
  CHECK(csv.find(",2025-03-31,cla_rate,authority,131,rate_per_10k,z,z,9,11,4,Children looked after in England including "
                 "adoptions,cla_number_and_rate_per_10k_children.csv,rate_per_10000\r\n") != std::string::npos);
  CHECK(csv.find(",2025-03-31,cla_rate,england,67,") != std::string::npos);
  CHECK(csv.find(",2025-09-30,average_caseload,statistical_neighbours_mean,16.32,number,10,2025,") != std::string::npos);
  const auto rows = nlohmann::json::parse(ReadFile(dir / "site/downloads/north-east-lincolnshire.comparisons.json"));
  bool found = false;
  for (const auto& row : rows)
    if (row["indicator"] == "average_caseload" && row["period_end"] == "2025-09-30" && row["comparator"] == "authority")
      found = row["value"] == 20.9 && row["quartile"] == 4;
  CHECK(found);
  // Every authority page links to it.
  CHECK(ReadFile(nel / "index.html").find("href=\"../north-east-lincolnshire/compares.html\"") != std::string::npos);
}

TEST_CASE("with the DfE's real files, a target relative to England is judged against England's figure of the figure's year") {
  if (!fs::exists(kShared / "dfe")) {
    MESSAGE("skipped: the DfE's files are not at " << kShared.string() << " (../shared/data/dfe)");
    return;
  }
  const fs::path dir = WithRealFiles("official-relative");
  // A measure written for the test only: the bundled tracker sets none.
  std::ofstream(dir / "content/north-east-lincolnshire/measures/cla-against-england.md")
      << "---\ntitle: Children looked after, against England\nkpi: cla_rate\ntarget:\n  op: \"<=\"\n  relative_to: england\n---\n";
  Run r = Tracker("build --source " + Quote(dir.string()) + " --out " + Quote((dir / "site").string()));
  INFO(r.err);
  REQUIRE(r.exit == 0);
  const std::string page = Text(ReadFile(dir / "site/north-east-lincolnshire/measures/cla-against-england.html"));
  // The one local figure, of 21 September 2023, against England's 70 for
  // the year to 31 March 2023, not the newer 67; the chart's target line
  // ends at 2025's.
  CHECK(page.find("stood at 164 per 10,000 on 21 September 2023 against a target of at or below England's figure "
                  "(70 per 10,000 in the year to 31 March 2023)") != std::string::npos);
  CHECK(page.find("Target: at or below England's figure (67 per 10,000 in the year to 31 March 2025)") != std::string::npos);
  CHECK(ReadFile(dir / "site/downloads/north-east-lincolnshire.csv").find(",2023-09-21,cla_rate,Total,164,rate_per_10k,70,at-risk,2023-09-21,") !=
        std::string::npos);
}

TEST_CASE("with the DfE's real files and the 2021 model chosen in site.yml, the neighbours are 2021's") {
  if (!fs::exists(kShared / "dfe")) {
    MESSAGE("skipped: the DfE's files are not at " << kShared.string() << " (../shared/data/dfe)");
    return;
  }
  const fs::path dir = WithRealFiles("official-2021", "statistical_neighbours: \"2021\"\n");
  Run r = Tracker("build --source " + Quote(dir.string()) + " --out " + Quote((dir / "site").string()));
  INFO(r.err);
  REQUIRE(r.exit == 0);
  const std::string compares = Text(ReadFile(dir / "site/north-east-lincolnshire/compares.html"));
  CHECK(compares.find("in the DfE's 2021 model: Redcar and Cleveland, Doncaster, Barnsley") != std::string::npos);
  CHECK(compares.find("St. Helens") != std::string::npos);
}

TEST_CASE("the national tracker from ../shared/data builds every authority, passes check, axe-core and the Nu checker on a sample") {
  if (!fs::exists(kShared / "dfe") || !fs::exists(kShared / "ofsted")) {
    MESSAGE("skipped: the DfE's and Ofsted's files are not at " << kShared.string());
    return;
  }
  // Outside the repository, as the script insists: the official files
  // must never be where they could be committed.
  const fs::path work = fs::temp_directory_path() / ("tracker-national-" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work);
  struct Cleanup {
    fs::path p;
    ~Cleanup() { fs::remove_all(p); }
  } cleanup{work};
  const fs::path out = work / "tracker";
  Output made = Shell("TRACKER=" + Quote(TRACKER_BINARY) + " " + Quote(std::string(TRACKER_REPO) + "/scripts/national-tracker") +
                      " " + Quote(kShared.string()) + " " + Quote(out.string()));
  INFO(made.text);
  REQUIRE(made.exit == 0);
  CHECK(made.text.find("153 authorities written") != std::string::npos);
  // Run again on a folder with files in it: refused, nothing touched.
  CHECK(Shell(Quote(std::string(TRACKER_REPO) + "/scripts/national-tracker") + " " + Quote(kShared.string()) + " " +
              Quote(out.string())).exit == 2);
  Run check = Tracker("check --source " + Quote(out.string()));
  INFO(check.err);
  CHECK(check.exit == 0);
  CHECK(check.err.find("warning") == std::string::npos);
  Run build = Tracker("build --json --source " + Quote(out.string()) + " --out " + Quote((work / "site").string()));
  REQUIRE(build.exit == 0);
  const auto summary = nlohmann::json::parse(build.out)["summary"];
  CHECK(summary["authorities"] == 153);
  const fs::path site = work / "site";
  // Every authority has its page, its comparisons and, for one inspected,
  // its Ofsted history; the home page finds each by letter and region.
  const std::string home = ReadFile(site / "index.html");
  CHECK(home.find("id=\"letter-w\"") != std::string::npos);
  CHECK(home.find("id=\"region-yorkshire-and-the-humber\"") != std::string::npos);
  CHECK(Text(ReadFile(site / "st-helens/timeline.html")).find("Ofsted judged children's services Good") != std::string::npos);
  CHECK(Text(ReadFile(site / "cumberland/compares.html")).find("Year to 31 March 2025") != std::string::npos);
  // With no figures of its own, a dashboard points to the DfE's, never "no figures".
  const std::string dashboard = Text(ReadFile(site / "north-east-lincolnshire/index.html"));
  CHECK(dashboard.find("has not published figures of its own here. The Department for Education") != std::string::npos);
  CHECK(dashboard.find("No figures have been published") == std::string::npos);
  const std::vector<std::string> pages = {
      "index.html", "north-east-lincolnshire/index.html", "north-east-lincolnshire/compares.html",
      "north-east-lincolnshire/kpis/cla_rate.html", "north-east-lincolnshire/kpis/average_caseload.html",
      "st-helens/timeline.html", "cumberland/compares.html", "city-of-london/index.html", "isles-of-scilly/compares.html"};
  for (const auto& p : pages) CHECK_MESSAGE(fs::exists(site / p), p);
  std::string cmd = "node " + Quote(std::string(TRACKER_REPO) + "/tests/browser/check_pages.mjs") + " " +
                    Quote(site.string()) + " " + Quote(std::string(TRACKER_SCREENSHOTS) + "/national");
  for (const auto& p : pages) cmd += " " + Quote(p);
  Output axe = Shell(cmd);
  CHECK_MESSAGE(axe.exit == 0, axe.text);
  const std::string jar = std::string(TRACKER_REPO) + "/node_modules/vnu-jar/build/dist/vnu.jar";
  REQUIRE_MESSAGE(fs::exists(jar), "run scripts/setup: the Nu HTML Checker (npm vnu-jar) is missing");
  std::string files;
  for (const auto& p : pages) files += " " + Quote((site / p).string());
  Output vnu = Shell("java -jar " + Quote(jar) + " --errors-only --format gnu" + files);
  CHECK_MESSAGE(vnu.exit == 0, vnu.text);
}

TEST_CASE("tracker new authority --official writes a file from fictional official files, and never overwrites it") {
  const fs::path dir = WorkDir("new-authority");
  std::ofstream(dir / "site.yml") << "title: Test\n";
  fs::create_directories(dir / "data/official");
  std::ofstream(dir / "data/kpis.json")
      << "{\"kpis\": [{\"id\": \"cla_rate\", \"label\": \"Rate\", \"unit\": \"rate_per_10k\", \"direction\": \"neutral\",\n"
         " \"official\": {\"file\": \"cla.csv\", \"indicator\": \"rate_per_10000\", \"period\": \"year_ending_march\", \"publication\": \"P\"}}]}\n";
  std::ofstream(dir / "data/official/cla.csv")
      << "time_period,geographic_level,region_code,region_name,old_la_code,new_la_code,la_name,rate_per_10000\n"
         "2025,National,,,,,,67\n"
         "2025,Local authority,E12000091,Coastlands,901,E06000901,Harbourside,131\n";
  Run made = Tracker("new authority --official 901 --source " + Quote(dir.string()));
  INFO(made.err);
  CHECK(made.exit == 0);
  CHECK(made.out.find("1 authority written") != std::string::npos);
  const std::string text = ReadFile(dir / "content/harbourside/_authority.md");
  CHECK(text.find("name: \"Harbourside\"") != std::string::npos);
  // Kept as the council edits it.
  std::ofstream(dir / "content/harbourside/_authority.md") << "---\nname: Harbourside Council\nla_code: \"901\"\n---\nOurs.\n";
  Run again = Tracker("new authority --official E06000901 --source " + Quote(dir.string()));
  CHECK(again.exit == 0);
  CHECK(again.out.find("kept") != std::string::npos);
  CHECK(ReadFile(dir / "content/harbourside/_authority.md").find("Ours.") != std::string::npos);
  // The site it makes passes check, and an unknown code is a usage error.
  CHECK(Tracker("check --source " + Quote(dir.string())).exit == 0);
  Run unknown = Tracker("new authority --official 999 --source " + Quote(dir.string()));
  CHECK(unknown.exit == 2);
  CHECK(unknown.err.find("no authority in the official files has the code 999") != std::string::npos);
}
