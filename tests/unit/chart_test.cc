#include <doctest/doctest.h>

#include "test_dates.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>
#include <vector>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <pugixml.hpp>

#include "render/chart.h"

using namespace tracker;
using namespace tracker::chart;

namespace {

Kpi Percent() {
  Kpi k;
  k.id = "visits";
  k.label = "Child in need visits in time";
  k.unit = Unit::kPercent;
  k.direction = Direction::kHigherIsBetter;
  return k;
}

std::vector<LinePoint> Monthly(const char* start, std::vector<std::optional<double>> values) {
  std::vector<LinePoint> out;
  Date d = D(start);
  for (const auto& v : values) {
    out.push_back({d, v, v ? "" : "c"});
    int m = d.month % 12 + 1, y = d.year + (d.month == 12);
    d = Date{y, m, DaysInMonth(y, m)};
  }
  return out;
}

// Every <svg> of a chart's HTML.
std::vector<std::string> SvgsOf(const std::string& html) {
  std::vector<std::string> out;
  for (size_t pos = 0; (pos = html.find("<svg", pos)) != std::string::npos;) {
    size_t end = html.find("</svg>", pos) + 6;
    out.push_back(html.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

// Parses each SVG as XML and checks what every chart must carry.
void CheckAccessibleSvg(const std::string& html, bool decorative = false) {
  auto svgs = SvgsOf(html);
  REQUIRE(!svgs.empty());
  for (const auto& svg : svgs) {
    pugi::xml_document doc;
    auto parsed = doc.load_string(svg.c_str());
    REQUIRE_MESSAGE(parsed, parsed.description());
    pugi::xml_node root = doc.child("svg");
    REQUIRE(root);
    CHECK(std::string(root.attribute("viewBox").value()).rfind("0 0 ", 0) == 0);
    if (decorative) {
      CHECK(std::string(root.attribute("aria-hidden").value()) == "true");
      continue;
    }
    CHECK(std::string(root.attribute("role").value()) == "img");
    std::string labelled = root.attribute("aria-labelledby").value();
    pugi::xml_node title = root.child("title"), desc = root.child("desc");
    REQUIRE(title);
    REQUIRE(desc);
    CHECK(labelled == std::string(title.attribute("id").value()) + " " + desc.attribute("id").value());
    CHECK(std::string(title.text().get()).size() > 10);
  }
}

std::string Golden(const std::string& name, const std::string& svg) {
  std::filesystem::path p = std::filesystem::path(TRACKER_TEST_DATA) / "golden/charts" / (name + ".svg");
  if (std::getenv("TRACKER_UPDATE_GOLDEN")) std::ofstream(p, std::ios::binary) << svg;
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

LineChart Base(const std::string& id) {
  LineChart c;
  c.id = id;
  c.kpi = Percent();
  c.title = "Child in need visits in time, a test chart: " + id;
  c.desc = "Child in need visits in time, Sampleton, test data.";
  c.main.label = "Sampleton";
  return c;
}

}  // namespace

TEST_CASE("nice ticks are 1, 2, 2.5 or 5 times a power of ten") {
  Scale s = NiceScale(0, 93, 5);
  CHECK(s.step == 20);
  CHECK(s.lo == 0);
  CHECK(s.hi == 100);
  CHECK(s.ticks == std::vector<double>{0, 20, 40, 60, 80, 100});
  s = NiceScale(84, 92, 5);
  CHECK(s.step == 2);
  CHECK(s.ticks.front() == 84);
  CHECK(s.ticks.back() == 92);
  s = NiceScale(0, 10, 4);
  CHECK(s.step == 2.5);
  s = NiceScale(100000, 100010, 5);
  CHECK(s.step == 2);
  CHECK(s.lo == 100000);
  s = NiceScale(-3, 7, 5);
  CHECK(s.step == 2);
  CHECK(s.lo == -4);
  s = NiceScale(50, 50, 5);  // flat: padded around the value
  CHECK(s.lo < 50);
  CHECK(s.hi > 50);
}

TEST_CASE("the title states the finding: rising, falling, flat, met and missed") {
  Kpi k = Percent();
  Target t{">=", 90, "all", {}};
  CHECK(FindingTitle(k, Monthly("2023-07-31", {85, 88, 90}), t) ==
        "Child in need visits in time rose to 90%, meeting the 90% target");
  CHECK(FindingTitle(k, Monthly("2023-07-31", {92, 91, 89}), t) ==
        "Child in need visits in time fell to 89%, short of the 90% target");
  CHECK(FindingTitle(k, Monthly("2023-07-31", {90, 90}), std::nullopt) == "Child in need visits in time stayed at 90%");
  CHECK(FindingTitle(k, Monthly("2023-09-30", {89}), t) ==
        "Child in need visits in time was 89% on 30 September 2023, short of the 90% target");
  CHECK(FindingTitle(k, Monthly("2023-09-30", {std::nullopt}), t) ==
        "No figures for child in need visits in time have been reported");
}

TEST_CASE("the palette has 3:1 contrast against the background") {
  CHECK(ContrastRatio(kDark, "#ffffff") >= 3.0);
  CHECK(ContrastRatio(kTarget, "#ffffff") >= 3.0);
  for (const char* c : kComparators) CHECK(ContrastRatio(c, "#ffffff") >= 3.0);
  CHECK(ContrastRatio(kDark, kLight) >= 3.0);
  CHECK(ContrastRatio(kText, "#ffffff") >= 4.5);
  CHECK(ContrastRatio("#000000", "#ffffff") == doctest::Approx(21.0));
}

TEST_CASE("coordinates are written the same on every machine") {
  CHECK(Coord(12.34) == "12.3");
  CHECK(Coord(12.0) == "12");
  CHECK(Coord(-0.01) == "0");
  CHECK(Coord(1234567.26) == "1234567.3");
}

// Edge cases, each compared byte for byte with tests/golden/charts/<name>.svg.
// Regenerate after an intended change with TRACKER_UPDATE_GOLDEN=1.
TEST_CASE("golden charts for the edge cases") {
  std::vector<std::pair<std::string, std::string>> cases;
  {
    LineChart c = Base("no-points");
    cases.push_back({"no-points", RenderLineChart(c)});
  }
  {
    LineChart c = Base("one-point");
    c.main.points = Monthly("2023-09-30", {89});
    c.target = {{D("2023-09-30"), 90}};
    c.target_label = "Target at least 90%";
    cases.push_back({"one-point", RenderLineChart(c)});
  }
  {
    LineChart c = Base("all-equal");
    c.main.points = Monthly("2023-01-31", {75, 75, 75, 75});
    cases.push_back({"all-equal", RenderLineChart(c)});
  }
  {
    LineChart c = Base("all-null");
    c.main.points = Monthly("2023-01-31", {std::nullopt, std::nullopt, std::nullopt});
    cases.push_back({"all-null", RenderLineChart(c)});
  }
  {
    LineChart c = Base("outlier");
    c.kpi.unit = Unit::kCount;
    c.main.points = Monthly("2023-01-31", {310, 305, 312, 9800, 309, 311});
    cases.push_back({"outlier", RenderLineChart(c)});
  }
  {
    LineChart c = Base("far-from-zero");
    c.kpi.unit = Unit::kCount;
    c.main.points = Monthly("2023-01-31", {100002, 100005, 100004, 100009});
    cases.push_back({"far-from-zero", RenderLineChart(c)});
  }
  {
    LineChart c = Base("monthly-120");
    std::vector<std::optional<double>> v;
    for (int i = 0; i < 120; ++i) v.push_back(60 + (i % 17) + i / 10.0);
    c.main.points = Monthly("2014-01-31", v);
    c.deadline = D("2024-03-31");
    cases.push_back({"monthly-120", RenderLineChart(c)});
  }
  {
    LineChart c = Base("long-labels");
    c.main.label = "North East Lincolnshire Council children's services, all teams together";
    c.main.points = Monthly("2023-01-31", {80, 82, std::nullopt, 85});
    LineSeries sn{"Statistical neighbours, average of the ten most similar councils", Monthly("2023-01-31", {81, 81, 82, 83})};
    LineSeries en{"England", Monthly("2023-01-31", {84, 84, 84, 85})};
    c.comparators = {sn, en};
    c.target = {{D("2023-01-31"), 85}, {D("2023-03-31"), 90}};
    c.target_label = "Target at least 90% from March 2023";
    c.as_at = D("2023-06-30");
    cases.push_back({"long-labels", RenderLineChart(c)});
  }
  {
    LineChart c = Base("percent-capped");
    c.main.points = Monthly("2023-01-31", {96, 98, 99.5, 100});
    c.target = {{D("2023-01-31"), 100}};
    c.target_label = "Target 100%";
    cases.push_back({"percent-capped", RenderLineChart(c)});
  }
  {
    SmallMultiples b;
    b.id = "teams";
    b.title = "Supervision in time ranged from 75% (New Futures) to 93% (CiC)";
    b.desc = "Supervision in time by team, test data.";
    b.kpi = Percent();
    b.items = {{"CASS", Monthly("2023-07-31", {80, 79, 78})},
               {"CDS", Monthly("2023-07-31", {84, 85, 86})},
               {"CiC", Monthly("2023-07-31", {90, 91, 93})},
               {"New Futures", Monthly("2023-07-31", {70, 72, 75})},
               {"A team with a very long name indeed", Monthly("2023-07-31", {88, std::nullopt, std::nullopt})}};
    b.target = 80;
    b.target_label = "Target at least 80%";
    cases.push_back({"teams", RenderSmallMultiples(b)});
  }
  {
    LineChart c = Base("four-close");
    c.main.points = Monthly("2023-01-31", {84, 86, 88, 89});
    c.comparators = {{"England", Monthly("2023-01-31", {86, 87, 87, 88}), false, ""},
                     {"Statistical neighbours", Monthly("2023-01-31", {85, 86, 87, 87}), false, ""},
                     {"North East region", Monthly("2023-01-31", {88, 88, 89, 89}), false, ""}};
    c.target = {{D("2023-01-31"), 90}};
    c.target_label = "Target at least 90%";
    cases.push_back({"four-close", RenderLineChart(c)});
  }
  {
    LineChart c = Base("annual-comparator");
    c.main.points = Monthly("2023-01-31", {84, 86, 88, 89, 90, 91});
    c.comparators = {{"England", {{D("2022-03-31"), 85, ""}, {D("2023-03-31"), 87, ""}}, true, "2022 to 2023"}};
    cases.push_back({"annual-comparator", RenderLineChart(c)});
  }
  for (const auto& one : cases) {
    const std::string& name = one.first;  // not a structured binding: clang 14's CAPTURE takes it in a lambda
    const std::string& svg = one.second;
    CAPTURE(name);
    CheckAccessibleSvg(svg);
    bool same = svg == Golden(name, svg);
    CHECK_MESSAGE(same, ("differs from tests/golden/charts/" + name + ".svg"));
  }
}

TEST_CASE("a y-axis that does not start at zero says so, in the picture and the description") {
  LineChart c = Base("zero");
  c.main.points = Monthly("2023-01-31", {84, 86, 88});
  std::string svg = RenderLineChart(c);
  CHECK(svg.find("Axis does not start at zero") != std::string::npos);
  CHECK(svg.find("The vertical axis does not start at zero.</desc>") != std::string::npos);
  c.main.points = Monthly("2023-01-31", {10, 40, 80});
  CHECK(RenderLineChart(c).find("does not start at zero") == std::string::npos);
}

TEST_CASE("gaps break the line, and suppressed values get their own marker and label") {
  LineChart c = Base("gaps");
  c.main.points = Monthly("2023-01-31", {80, std::nullopt, 82, 83});
  std::string svg = RenderLineChart(c);
  size_t first = svg.find("<path d=\"M");
  REQUIRE(first != std::string::npos);
  std::string d = svg.substr(first, svg.find('"', first + 9) - first);
  CHECK(std::count(d.begin(), d.end(), 'M') == 2);  // two runs of line
  CHECK(svg.find(">c</text>") != std::string::npos);
}

TEST_CASE("content text is escaped in the SVG") {
  LineChart c = Base("esc");
  c.title = "<script>alert(1)</script> & co";
  c.main.label = "A <b> council";
  c.main.points = Monthly("2023-01-31", {80, 81});
  std::string svg = RenderLineChart(c);
  CHECK(svg.find("<script>") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co") != std::string::npos);
  CheckAccessibleSvg(svg);
}

TEST_CASE("sparklines are hidden from screen readers and label the latest value") {
  std::string svg = RenderSparkline(Percent(), Monthly("2022-01-31", {70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83}), 90);
  CheckAccessibleSvg(svg, true);
  CHECK(svg.find(">83%</text>") != std::string::npos);
  CHECK(svg.find(">70%") == std::string::npos);  // only the last 12 values
}

TEST_CASE("a chart drawn under one id is shown under another by its opening alone") {
  LineChart c;
  c.id = "chart-visits";
  c.kpi = Percent();
  c.title = "Visits rose";
  c.desc = "Mentions chart-visits-title in its text, which stays as it is.";
  c.main.label = "Sampleton";
  c.main.points = Monthly("2024-01-31", {80, 82, 85});
  c.as_at = D("2024-03-31");
  const std::string svg = RenderLineChart(c);
  c.id = "embed-visits";
  const std::string drawn = RenderLineChart(c);
  CHECK(WithId(svg, "chart-visits", "embed-visits") == drawn);
  CheckAccessibleSvg(WithId(svg, "chart-visits", "embed-visits"));
}

namespace {
// Coord as it was before its whole-tenths shortcut.
std::string ReferenceCoord(double v) {
  if (std::fabs(v) < 0.05) v = 0;
  char buf[352];
  char* end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1).ptr;
  if (end - buf > 2 && end[-2] == '.' && end[-1] == '0') end -= 2;
  return std::string(buf, end);
}
}  // namespace

TEST_CASE("coordinates by whole tenths are written exactly as to_chars writes them") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> pixels(-2000, 2000);
  std::vector<double> values = {0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.25, -0.25, 0.35, 1.45, 2.55, 1e8, 1e9, 1e10, -1e12, 99.95};
  for (int i = 0; i < 1000000; ++i) {
    double v = pixels(rng);
    if (i % 5 == 0) v = std::round(v * 20) / 20;  // on the halfway marks
    if (i % 11 == 0) v = std::round(v * 10) / 10;
    values.push_back(v);
  }
  size_t mismatches = 0;
  for (double v : values)
    if (Coord(v) != ReferenceCoord(v) && ++mismatches < 5) CHECK(Coord(v) == ReferenceCoord(v));
  CHECK(mismatches == 0);
  CHECK(Coord(12.0) == "12");
  CHECK(Coord(-3.14) == "-3.1");
}
