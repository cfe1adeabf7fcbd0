// The bundled tracker with the DfE's real files (../shared/data, never
// committed): North East Lincolnshire's pages show its real 2025 figures
// beside England's, each with its period and source. Skipped, saying so,
// where ../shared/data is absent.
#include <doctest/doctest.h>

#include <regex>

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
  // Every authority page links to it.
  CHECK(ReadFile(nel / "index.html").find("href=\"../north-east-lincolnshire/compares.html\"") != std::string::npos);
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
