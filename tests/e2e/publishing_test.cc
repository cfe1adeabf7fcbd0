#include <doctest/doctest.h>

#include <regex>
#include <set>

#include <pugixml.hpp>

#include "e2e.h"

using namespace e2e;

namespace {

fs::path Build(const std::string& name, const fs::path& source) {
  fs::path out = WorkDir("publishing-" + name) / "site";
  Run r = Tracker("build --quiet --source " + Quote(source.string()) + " --out " + Quote(out.string()));
  REQUIRE_MESSAGE(r.exit == 0, r.err);
  return out;
}

fs::path Sample() { return fs::path(TRACKER_TEST_DATA) / "fixtures/sample"; }

}  // namespace

TEST_CASE("every CSV reads with a real CSV parser, with the standard's columns, a row per figure, symbols kept") {
  fs::path site = Build("csv", Sample());
  fs::path script = site.parent_path() / "check_csv.py";
  // Expected rows: one per authority x KPI x date x breakdown item in the
  // snapshots, counted here from the JSON sources themselves.
  std::ofstream(script) << R"(
import csv, json, pathlib, sys
site, source = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
expected = 0
symbols = {}
for snap in sorted((source / "data").glob("*/snapshots/*.json")):
    data = json.load(open(snap, encoding="utf-8"))
    for kpi, value in data["values"].items():
        items = value.items() if isinstance(value, dict) else [("Total", value)]
        for item, v in items:
            expected += 1
            if isinstance(v, str):
                symbols[(data["as_at"], kpi, item)] = v
columns = "time_period,time_identifier,geographic_level,country_code,country_name,region_name,new_la_code,la_name,as_at,indicator,breakdown,value,unit,target,status,status_date,source,note".split(",")
with open(site / "downloads/all-authorities.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
    assert list(rows[0].keys()) == columns, rows[0].keys()
assert len(rows) == expected, (len(rows), expected)
for r in rows:
    for c in columns:
        if c != "region_name":
            assert r[c] != "", (c, r)
    key = (r["as_at"], r["indicator"], r["breakdown"])
    if key in symbols:
        assert r["value"] == symbols[key], (key, r["value"])
    else:
        float(r["value"]) if r["value"] != "x" else None
with open(site / "downloads/all-authorities.meta.csv", newline="", encoding="utf-8") as f:
    meta = list(csv.DictReader(f))
    assert [m["col_name"] for m in meta] == ["as_at", "indicator", "breakdown", "value", "unit", "target", "status", "status_date", "source", "note"]
# The JSON holds the same rows, with each figure a number and each symbol text.
def typed(r):
    r = dict(r)
    for c in ("value", "target"):
        if r[c] not in ("c", "x", "z", "low", "u", ":"):
            r[c] = json.loads(r[c])
            assert isinstance(r[c], (int, float)), (c, r)
    return r
assert json.load(open(site / "downloads/all-authorities.json", encoding="utf-8")) == [typed(r) for r in rows]
print(len(rows), len(symbols))
)";
  Output o = Shell("/usr/bin/python3 " + Quote(script.string()) + " " + Quote(site.string()) + " " + Quote(Sample().string()));
  CHECK_MESSAGE(o.exit == 0, o.text);
  CHECK(o.text == "15 4\n");
}

TEST_CASE("the bundled tracker's CSV holds exactly the figures of the 2023 report") {
  fs::path site = Build("csv-bundled", TRACKER_REPO);
  std::string csv = ReadFile(site / "downloads/north-east-lincolnshire.csv");
  CHECK(Contains(csv, "2023,September,Local authority,E92000001,England,,E06000012,North East Lincolnshire Council,2023-09-21,cp_visits_in_time,Total,89,percent,90,at-risk,2023-09-21,scrutiny-report-2023-09-21,z\r\n"));
  // Each figure with its source document and the note the snapshot gives on it.
  CHECK(Contains(csv, ",supervision_in_time,New Futures,75,percent,z,out-of-date,2021-07,scrutiny-report-2023-09-21,"
                      "Supervisions are tracked weekly however annual leave has had an impact on timeliness of supervision during August.\r\n"));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 12 + 4);
}

TEST_CASE("feeds are Atom with the required elements, newest first, with stable ids") {
  fs::path site = Build("feeds", Sample());
  for (const char* feed : {"feed.xml", "sampleton/feed.xml"}) {
    CAPTURE(std::string(feed));
    pugi::xml_document doc;
    REQUIRE(doc.load_file((site / feed).c_str()));
    pugi::xml_node f = doc.child("feed");
    REQUIRE(f);
    CHECK(std::string(f.attribute("xmlns").value()) == "http://www.w3.org/2005/Atom");
    CHECK(f.child("id"));
    CHECK(f.child("title"));
    CHECK(f.child("updated"));
    CHECK(f.child("author").child("name"));
    std::string previous = "9999";
    int entries = 0;
    for (pugi::xml_node e : f.children("entry")) {
      CHECK(e.child("id"));
      CHECK(e.child("title"));
      CHECK(e.child("link").attribute("href"));
      std::string updated = e.child_value("updated");
      CHECK(std::regex_match(updated, std::regex("\\d{4}-\\d{2}-\\d{2}T00:00:00Z")));
      CHECK(updated <= previous);
      previous = updated;
      ++entries;
    }
    CHECK(entries == 5);  // 2 documents and 3 snapshots; the March 2023 report is after as_at
  }
  // Ids do not change from build to build.
  fs::path again = Build("feeds-again", Sample());
  CHECK(ReadFile(site / "feed.xml") == ReadFile(again / "feed.xml"));
}

TEST_CASE("the sitemap validates against the sitemap schema and lists every page under base_url") {
  fs::path site = Build("sitemap", Sample());
  Output o = Shell("xmllint --noout --schema " + Quote(std::string(TRACKER_REPO) + "/docs/schemas/sitemap.xsd") + " " +
                   Quote((site / "sitemap.xml").string()));
  CHECK_MESSAGE(o.exit == 0, o.text);
  std::string map = ReadFile(site / "sitemap.xml");
  CHECK(Contains(map, "<loc>https://www.sampleton.example/children/improvement/sampleton/measures/visits.html</loc>"));
  CHECK_FALSE(Contains(map, "404.html"));
  CHECK_FALSE(Contains(map, "/embed/"));
  CHECK(ReadFile(site / "robots.txt") == "User-agent: *\nAllow: /\nSitemap: https://www.sampleton.example/children/improvement/sitemap.xml\n");
  // Exactly the pages built: every HTML page but the 404 page and the
  // embeds (made to sit inside other sites), each once.
  const std::string base = "https://www.sampleton.example/children/improvement/";
  std::multiset<std::string> listed, built;
  std::regex loc("<loc>([^<]*)</loc>");
  for (std::sregex_iterator it(map.begin(), map.end(), loc), end; it != end; ++it) {
    std::string url = (*it)[1];
    REQUIRE(url.rfind(base, 0) == 0);
    listed.insert(url.substr(base.size()));
  }
  for (const auto& [rel, text] : Tree(site))
    if (rel.size() > 5 && rel.compare(rel.size() - 5, 5, ".html") == 0 && rel != "404.html" &&
        rel.find("/embed/") == std::string::npos)
      built.insert(rel);
  CHECK(listed == built);
  CHECK(listed.count("how-progress-is-judged.html") == 1);
  CHECK(listed.count("sampleton/meetings/2023-02-20.html") == 1);
}

TEST_CASE("every link, asset and fragment in the site resolves, from disk as under base_url's path") {
  for (const auto& [name, source] : {std::pair<std::string, fs::path>{"bundled", TRACKER_REPO}, {"sample", Sample()}}) {
    fs::path site = Build("links-" + name, source);
    auto files = Tree(site);
    int checked = 0;
    std::regex attr("(?:href|src)=\"([^\"]*)\"");
    for (const auto& file : files) {
      const std::string& rel = file.first;  // no structured binding: clang 14 cannot capture one in CHECK_MESSAGE
      const std::string& text = file.second;
      if (rel.size() < 5 || rel.compare(rel.size() - 5, 5, ".html") != 0 || rel == "404.html") continue;
      for (std::sregex_iterator it(text.begin(), text.end(), attr), end; it != end; ++it) {
        std::string link = (*it)[1];
        if (link.rfind("http", 0) == 0 || link.rfind("mailto:", 0) == 0) continue;
        std::string path = link.substr(0, link.find('#'));
        std::string fragment = link.find('#') == std::string::npos ? "" : link.substr(link.find('#') + 1);
        fs::path target = path.empty() ? site / rel : (site / rel).parent_path() / path;
        target = target.lexically_normal();
        CHECK_MESSAGE(target.string().rfind(site.string(), 0) == 0, (rel + " -> " + link + " leaves the site"));
        std::string key = fs::relative(target, site).generic_string();
        bool exists = files.count(key);
        CHECK_MESSAGE(exists, (rel + " -> " + link));
        if (exists && !fragment.empty())
          CHECK_MESSAGE(Contains(files[key], "id=\"" + fragment + "\""), (rel + " -> " + link + ": no such id"));
        ++checked;
      }
    }
    CHECK(checked > 100);
    // Stylesheets' url()s resolve too, and none points at GOV.UK's crest.
    std::regex css_url("url\\(\"?([^\")]*)\"?\\)");
    for (const auto& file : files) {
      const std::string& rel = file.first;
      const std::string& text = file.second;
      if (rel.size() < 4 || rel.compare(rel.size() - 4, 4, ".css") != 0) continue;
      CHECK_FALSE(Contains(text, "govuk-crest"));
      for (std::sregex_iterator it(text.begin(), text.end(), css_url), end; it != end; ++it) {
        std::string link = (*it)[1];
        if (link.rfind("data:", 0) == 0 || link[0] == '#') continue;
        fs::path target = ((site / rel).parent_path() / link.substr(0, link.find_first_of("?#"))).lexically_normal();
        CHECK_MESSAGE(fs::exists(target), (rel + " -> url(" + link + ")"));
      }
    }
    // The 404 page's links are absolute, under base_url's path.
    std::string nf = ReadFile(site / "404.html");
    CHECK(Contains(nf, name == "sample" ? "href=\"/children/improvement/assets/tracker.css\"" : "href=\"/assets/tracker.css\""));
  }
}

TEST_CASE("every chart and table links to the open data its numbers come from") {
  fs::path site = Build("data-links", Sample());
  std::string kpi = ReadFile(site / "sampleton/kpis/visits_in_time.html");
  CHECK(Contains(kpi, "<a class=\"govuk-link\" href=\"../../downloads/sampleton.csv\">download them as CSV</a>"));
  std::string data = ReadFile(site / "data.html");
  CHECK(Contains(data, "\"@type\": \"Dataset\""));
  CHECK(Contains(data, "sampleton.csv</a>"));
  CHECK(Contains(data, "Open Government Licence v3.0"));
}

TEST_CASE("an embed is a small page of one figure and its table, with its own stylesheet link") {
  fs::path site = Build("embed", Sample());
  std::string embed = ReadFile(site / "sampleton/embed/visits_in_time.html");
  CHECK(Contains(embed, "<link rel=\"stylesheet\" href=\"../../assets/tracker.css\">"));
  CHECK(Contains(embed, "role=\"img\""));
  CHECK(Contains(embed, "<details class=\"govuk-details\">"));
  CHECK_FALSE(Contains(embed, "govuk-footer"));
}

// OWASP's CSV injection: content from many hands reaches the downloads.
TEST_CASE("no CSV download holds a cell a spreadsheet would run as a formula") {
  fs::path work = WorkDir("csv-formulas");
  fs::copy(Sample(), work / "src", fs::copy_options::recursive);
  std::string authority = ReadFile(work / "src/content/sampleton/_authority.md");
  authority.replace(authority.find("region: Test Region"), 19, "region: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"");
  std::ofstream(work / "src/content/sampleton/_authority.md") << authority;
  std::ofstream(work / "src/data/sampleton/snapshots/2023-03-31.json")
      << "{\"as_at\": \"2023-03-31\", \"values\": {\"supervision\": {\"@SUM(A1)\": 80, \"+cmd\": 81, \"-x\": 82}}}\n";
  fs::path site = work / "site";
  Run r = Tracker("build --quiet --source " + Quote((work / "src").string()) + " --out " + Quote(site.string()));
  REQUIRE_MESSAGE(r.exit == 0, r.err);
  fs::path script = work / "check.py";
  std::ofstream(script) << R"(
import csv, pathlib, re, sys
number = re.compile(r"-?[0-9]+(\.[0-9]+)?$")
bad, cells, neutral = [], 0, 0
for path in pathlib.Path(sys.argv[1], "downloads").glob("*.csv"):
    for row in csv.reader(open(path, newline="", encoding="utf-8")):
        for cell in row:
            cells += 1
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not number.match(cell):
                bad.append(cell)
            neutral += cell.startswith("'")
print(len(bad), neutral > 0, cells > 100, bad[:3])
)";
  Output o = Shell("/usr/bin/python3 " + Quote(script.string()) + " " + Quote(site.string()));
  CHECK_MESSAGE(o.text == "0 True True []\n", o.text);
}

TEST_CASE("the open data holds every measure's status with its evidence and what decided it, and every assessment") {
  fs::path site = Build("csv-statuses", TRACKER_REPO);
  fs::path script = site.parent_path() / "check_statuses.py";
  std::ofstream(script) << R"(
import csv, json, pathlib, sys
site = pathlib.Path(sys.argv[1])
for stem, count in (("north-east-lincolnshire.statuses", 16), ("north-east-lincolnshire.assessments", 20)):
    with open(site / "downloads" / (stem + ".csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == count, (stem, len(rows))
    assert json.load(open(site / "downloads" / (stem + ".json"), encoding="utf-8")) == rows, stem
    with open(site / "downloads" / (stem + ".meta.csv"), newline="", encoding="utf-8") as f:
        described = [m["col_name"] for m in csv.DictReader(f)]
    for c in rows[0]:
        assert c in described or c in ("time_period", "time_identifier", "geographic_level", "country_code",
                                       "country_name", "region_name", "new_la_code", "la_name"), (stem, c)
    for r in rows:
        assert all(v != "" for k, v in r.items() if k != "region_name"), r
statuses = {r["measure"]: r for r in csv.DictReader(open(site / "downloads/north-east-lincolnshire.statuses.csv", encoding="utf-8"))}
cp = statuses["cp-visits-in-time"]
assert (cp["status"], cp["evidence_date"], cp["decided_by"], cp["indicator"]) == ("at-risk", "2023-09-21", "figures", "cp_visits_in_time"), cp
assert cp["explanation"].startswith("At risk"), cp["explanation"]
print("ok")
)";
  Output o = Shell("/usr/bin/python3 " + Quote(script.string()) + " " + Quote(site.string()));
  CHECK_MESSAGE(o.text == "ok\n", o.text);
}
