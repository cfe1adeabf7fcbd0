#include <doctest/doctest.h>

#include <regex>

#include <pugixml.hpp>

#include "e2e.h"

using namespace e2e;

namespace {

// Every inline <svg> of a page.
std::vector<std::string> Svgs(const std::string& html) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = html.find("<svg", pos)) != std::string::npos) {
    size_t end = html.find("</svg>", pos);
    out.push_back(html.substr(pos, end + 6 - pos));
    pos = end;
  }
  return out;
}

void CheckChartPages(const fs::path& site, const std::string& authority) {
  int pages = 0;
  for (const char* folder : {"kpis", "measures"}) {
    for (auto& e : fs::directory_iterator(site / authority / folder)) {
      if (e.path().filename() == "index.html") continue;
      std::string html = ReadFile(e.path());
      bool has_kpi = std::string(folder) == "kpis" || html.find(">Measured by</dt>") != std::string::npos &&
                                                          html.find("Judged from the documents") == std::string::npos;
      if (!has_kpi) continue;
      CAPTURE(e.path().string());
      auto svgs = Svgs(html);
      REQUIRE(!svgs.empty());
      for (const auto& svg : svgs) {
        pugi::xml_document doc;
        auto ok = doc.load_string(svg.c_str());
        CHECK_MESSAGE(ok, ok.description());
        pugi::xml_node root = doc.child("svg");
        CHECK(std::string(root.attribute("role").value()) == "img");
        CHECK(root.child("title"));
        CHECK(root.child("desc"));
      }
      // The data table sits beside the chart.
      CHECK(html.find("<caption class=\"govuk-table__caption govuk-table__caption--m\">Every reported figure") !=
            std::string::npos);
      ++pages;
    }
  }
  CHECK(pages >= 5);
}

}  // namespace

TEST_CASE("every KPI page and measure page with a KPI shows an accessible chart and its table") {
  fs::path work = WorkDir("charts");
  REQUIRE(Tracker("build --quiet --source " + Quote(TRACKER_REPO) + " --out " + Quote((work / "bundled").string())).exit == 0);
  CheckChartPages(work / "bundled", "north-east-lincolnshire");
  REQUIRE(Tracker("build --quiet --source " + Quote((fs::path(TRACKER_TEST_DATA) / "fixtures/sample").string()) +
                  " --out " + Quote((work / "sample").string())).exit == 0);
  CheckChartPages(work / "sample", "sampleton");
}

TEST_CASE("the dashboard's sparklines are hidden from screen readers, the figure stated beside them") {
  fs::path work = WorkDir("sparklines");
  REQUIRE(Tracker("build --quiet --source " + Quote((fs::path(TRACKER_TEST_DATA) / "fixtures/sample").string()) +
                  " --out " + Quote(work.string() + "/site")).exit == 0);
  std::string html = ReadFile(work / "site/index.html");
  size_t spark = html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 160 32\" class=\"tracker-sparkline\" aria-hidden=\"true\"");
  CHECK(spark != std::string::npos);
}

TEST_CASE("a comparator published for a year is drawn as a step at its period's end, with its period and source") {
  fs::path work = WorkDir("annual-comparators");
  REQUIRE(Tracker("build --quiet --source " + Quote((fs::path(TRACKER_TEST_DATA) / "fixtures/monthly").string()) +
                  " --out " + Quote(work.string() + "/site")).exit == 0);
  std::string html = ReadFile(work / "site/brightwater/kpis/visits_in_time.html");
  // The table says what each figure is for and who published it.
  CHECK(Contains(html, "England: 87.0% (2023 to 2024, Department for Education (an invented test figure))"));
  CHECK(Contains(html, "England: 85.0% (2021 to 2022, Department for Education (an invented test figure))"));
  // The chart labels the latest with its period, and its description names the publisher.
  CHECK(Contains(html, "87.0% (2023 to 2024)"));
  CHECK(Contains(html, "Comparators: Department for Education (an invented test figure). The vertical axis"));
  // Three figures, one for each year, not one a month: three markers in the England series.
  auto svgs = Svgs(html);
  REQUIRE(!svgs.empty());
  const std::string& wide = svgs[0];
  size_t group = wide.find("<g class=\"tracker-chart__series\">");
  size_t england = std::string::npos;
  for (size_t at = group; at != std::string::npos; at = wide.find("<g class=\"tracker-chart__series\">", at + 1))
    if (wide.find("#28a197", at) < wide.find("</g>", at)) england = at;
  REQUIRE(england != std::string::npos);
  std::string series = wide.substr(england, wide.find("</g>", england) - england);
  size_t markers = 0;
  for (size_t at = series.find("<rect"); at != std::string::npos; at = series.find("<rect", at + 1)) ++markers;
  CHECK(markers == 3);
  CHECK(Contains(series, "H"));  // held as steps
}

TEST_CASE("each KPI page offers its embed with a snippet to copy, and the embed says its source and date and links back") {
  fs::path work = WorkDir("embeds");
  REQUIRE(Tracker("build --quiet --source " + Quote((fs::path(TRACKER_TEST_DATA) / "fixtures/sample").string()) +
                  " --out " + Quote(work.string() + "/site")).exit == 0);
  const std::string kpi = ReadFile(work / "site/sampleton/kpis/visits_in_time.html");
  CHECK(Contains(kpi, "<code>&lt;iframe src=&quot;https://www.sampleton.example/children/improvement/sampleton/embed/"
                      "visits_in_time.html&quot; title=&quot;Visits in time, Sampleton Borough Council&quot;"));
  CHECK(Contains(kpi, "href=\"../../sampleton/embed/visits_in_time.html\">embed page</a>"));
  const std::string embed = ReadFile(work / "site/sampleton/embed/visits_in_time.html");
  CHECK(Contains(embed, "Figures as at <time datetime=\"2023-02-28\">28 February 2023</time>. Source: "));
  CHECK(Contains(embed, "target=\"_top\">More about Visits in time</a>"));
  // The dashboard's status strips have a key, every status in it.
  const std::string dashboard = ReadFile(work / "site/index.html");
  CHECK(Contains(dashboard, "Key to the status over time"));
  for (const char* id : {"met", "on-track", "at-risk", "off-track", "no-data", "not-shown-met", "out-of-date"})
    CHECK(Contains(dashboard, std::string("<li><span class=\"tracker-strip__item tracker-strip__item--") + id));
}
