#include <doctest/doctest.h>

#include "e2e.h"

#include <regex>
#include <set>

using namespace e2e;

// The published pages, checked with the tools a public-sector web team uses:
// axe-core in Debian's Chromium (WCAG 2.2 AA) and the Nu HTML Checker. They
// come from scripts/setup (npm packages, chromium, Java); a machine without
// them fails here rather than skipping.
namespace {

fs::path Built(const std::string& name, const fs::path& source) {
  fs::path out = WorkDir("checks-" + name) / "site";
  Run r = Tracker("build --quiet --source " + Quote(source.string()) + " --out " + Quote(out.string()));
  REQUIRE_MESSAGE(r.exit == 0, r.err);
  return out;
}

}  // namespace

TEST_CASE("axe-core finds no WCAG 2.2 AA violation on any page type, no page is wider than a 320 px screen, and none fetches from elsewhere") {
  fs::path bundled = Built("bundled", TRACKER_REPO);
  const std::string nel = "north-east-lincolnshire/";
  std::vector<std::string> pages = {
      "index.html", "shot:" + nel + "index.html", nel + "documents/index.html",
      nel + "documents/ofsted-focused-visit-letter-2021-06-18.html", nel + "measures/index.html",
      "shot:" + nel + "measures/cp-visits-in-time.html", nel + "measures/supervision.html", nel + "kpis/index.html",
      nel + "kpis/supervision_in_time.html", nel + "kpis/cla_count.html", "shot:" + nel + "timeline.html",
      nel + "changes.html", nel + "embed/cin_visits_in_time.html", "st-helens/index.html", "st-helens/changes.html",
      "data.html", "accessibility.html", "shot:how-progress-is-judged.html", "404.html"};
  std::string cmd = "node " + Quote(std::string(TRACKER_REPO) + "/tests/browser/check_pages.mjs") + " " +
                    Quote(bundled.string()) + " " + Quote(TRACKER_SCREENSHOTS);
  for (const auto& p : pages) cmd += " " + Quote(p);
  Output o = Shell(cmd);
  CHECK_MESSAGE(o.exit == 0, o.text);
  CHECK(o.text.find("\"violations\":[]") != std::string::npos);
  CHECK(o.text.find("\"violations\":[{") == std::string::npos);
  for (const auto& p : pages) CHECK(Contains(o.text, "\"page\":\"" + (p.rfind("shot:", 0) == 0 ? p.substr(5) : p) + "\""));
  CHECK(fs::exists(fs::path(TRACKER_SCREENSHOTS) / "north-east-lincolnshire-timeline-html-320.png"));
}

TEST_CASE("axe-core finds no violation on the sample fixture's pages") {
  fs::path sample = Built("sample", fs::path(TRACKER_TEST_DATA) / "fixtures/sample");
  std::string cmd = "node " + Quote(std::string(TRACKER_REPO) + "/tests/browser/check_pages.mjs") + " " +
                    Quote(sample.string()) + " " + Quote(std::string(TRACKER_SCREENSHOTS) + "/sample");
  for (const char* p : {"index.html", "sampleton/measures/supervision-all.html", "sampleton/kpis/visits_in_time.html",
                        "sampleton/kpis/referrals.html", "sampleton/changes.html", "sampleton/documents/notice-2022.html",
                        "sampleton/embed/supervision.html", "data.html", "sampleton/meetings/2023-02-20.html",
                        "sampleton/measures/visits.html"})
    cmd += std::string(" ") + p;
  Output o = Shell(cmd);
  CHECK_MESSAGE(o.exit == 0, o.text);
}

TEST_CASE("the Nu HTML Checker finds no error on any page of the bundled tracker or the sample") {
  fs::path bundled = Built("vnu-bundled", TRACKER_REPO);
  fs::path sample = Built("vnu-sample", fs::path(TRACKER_TEST_DATA) / "fixtures/sample");
  std::string jar = std::string(TRACKER_REPO) + "/node_modules/vnu-jar/build/dist/vnu.jar";
  REQUIRE_MESSAGE(fs::exists(jar), "run scripts/setup: the Nu HTML Checker (npm vnu-jar) is missing");
  Output o = Shell("java -jar " + Quote(jar) + " --skip-non-html --errors-only --format gnu " + Quote(bundled.string()) +
                   " " + Quote(sample.string()));
  CHECK_MESSAGE(o.exit == 0, o.text);
  CHECK(o.text.empty());
}

namespace {

// Every page of `site` under `folder` that shows a chart.
std::vector<std::string> ChartPages(const fs::path& site) {
  std::vector<std::string> out;
  for (const auto& [rel, text] : Tree(site))
    if (rel.size() > 5 && rel.compare(rel.size() - 5, 5, ".html") == 0 && Contains(text, "class=\"tracker-chart "))
      out.push_back(rel);
  return out;
}

}  // namespace

TEST_CASE("every chart, measured in Chromium at 320, 390 and 1280 px, has no text over text, a line's end or its edge, and none under 12 px at 390") {
  for (const auto& [name_, source] : {std::pair<std::string, fs::path>{"bundled", TRACKER_REPO},
                                     {"sample", fs::path(TRACKER_TEST_DATA) / "fixtures/sample"},
                                     {"monthly", fs::path(TRACKER_TEST_DATA) / "fixtures/monthly"}}) {
    const std::string& name = name_;  // clang 14 cannot capture a structured binding in CAPTURE
    CAPTURE(name);
    fs::path site = Built("charts-" + name, source);
    std::vector<std::string> pages = ChartPages(site);
    REQUIRE(pages.size() >= 3);
    std::string cmd = "node " + Quote(std::string(TRACKER_REPO) + "/tests/browser/check_charts.mjs") + " " +
                      Quote(site.string());
    for (const auto& p : pages) cmd += " " + Quote(p);
    Output o = Shell(cmd);
    CHECK_MESSAGE(o.exit == 0, o.text);
    CHECK(Contains(o.text, "\"width\":390"));
    CHECK_FALSE(Contains(o.text, "\"charts\":0,"));
  }
}

TEST_CASE("every page type reflows at 320 px with settings as long as real ones, and axe finds no violation") {
  fs::path site = Built("long", fs::path(TRACKER_TEST_DATA) / "fixtures/monthly");
  const std::string b = "brightwater/";
  std::string cmd = "node " + Quote(std::string(TRACKER_REPO) + "/tests/browser/check_pages.mjs") + " " +
                    Quote(site.string()) + " " + Quote(std::string(TRACKER_SCREENSHOTS) + "/monthly");
  for (const std::string& p : std::vector<std::string>{"index.html", b + "index.html", b + "timeline.html", b + "documents/index.html",
                              b + "documents/notice-2022.html", b + "measures/index.html", b + "measures/visits.html",
                              b + "measures/supervision.html", b + "kpis/index.html", b + "kpis/visits_in_time.html",
                              b + "kpis/supervision.html", b + "changes.html", b + "meetings/2024-12-16.html",
                              b + "board-pack.html", b + "meetings/2024-06-17-board-pack.html",
                              b + "embed/visits_in_time.html", std::string("data.html"), std::string("accessibility.html"),
                              std::string("how-progress-is-judged.html"), std::string("404.html")})
    cmd += " " + Quote(p);
  Output o = Shell(cmd);
  CHECK_MESSAGE(o.exit == 0, o.text);
}

namespace {

// The text of each page of a PDF, from poppler's pdftotext.
std::vector<std::string> PdfPages(const fs::path& pdf) {
  Output info = Shell("pdfinfo " + Quote(pdf.string()));
  REQUIRE_MESSAGE(info.exit == 0, "run scripts/setup: pdfinfo (poppler-utils) is missing");
  std::smatch m;
  REQUIRE(std::regex_search(info.text, m, std::regex("Pages:\\s+(\\d+)")));
  std::vector<std::string> pages;
  for (int i = 1; i <= std::stoi(m[1]); ++i) {
    Output t = Shell("pdftotext -f " + std::to_string(i) + " -l " + std::to_string(i) + " " + Quote(pdf.string()) + " -");
    pages.push_back(t.text);
  }
  return pages;
}

// Which pages hold `text`, with its spaces and line breaks as pdftotext left them.
std::set<size_t> PagesWith(const std::vector<std::string>& pages, const std::string& text) {
  std::set<size_t> out;
  auto squash = [](std::string s) {
    std::string r;
    for (char c : s) if (!std::isspace(static_cast<unsigned char>(c))) r += c;
    return r;
  };
  for (size_t i = 0; i < pages.size(); ++i)
    if (squash(pages[i]).find(squash(text)) != std::string::npos) out.insert(i);
  return out;
}

}  // namespace

TEST_CASE("a board pack prints on A4 with its date on every page and no chart split between pages") {
  fs::path site = Built("pack", fs::path(TRACKER_TEST_DATA) / "fixtures/monthly");
  for (const std::string page : std::vector<std::string>{"brightwater/meetings/2024-06-17-board-pack.html",
                                                       "brightwater/board-pack.html"}) {
    CAPTURE(page);
    fs::path pdf = site.parent_path() / (page.substr(page.rfind('/') + 1) + ".pdf");
    Output o = Shell("node " + Quote(std::string(TRACKER_REPO) + "/tests/browser/print_pdf.mjs") + " " +
                     Quote(site.string()) + " " + Quote(page) + " " + Quote(pdf.string()));
    REQUIRE_MESSAGE(o.exit == 0, o.text);
    Output info = Shell("pdfinfo " + Quote(pdf.string()));
    CHECK(Contains(info.text, "(A4)"));
    auto pages = PdfPages(pdf);
    REQUIRE(pages.size() >= 2);
    const std::string html = ReadFile(site / page);
    std::smatch h1;
    REQUIRE(std::regex_search(html, h1, std::regex("<h1 class=\"govuk-heading-xl\">([^<]*)</h1>")));
    for (size_t i = 0; i < pages.size(); ++i) {
      CAPTURE(i);
      // The foot of every page names the pack and its date.
      CHECK(PagesWith({pages[i]}, h1[1].str()).size() == 1);
      CHECK(Contains(pages[i], "Page " + std::to_string(i + 1) + " of " + std::to_string(pages.size())));
    }
    // Each chart: its title and the last words of its picture on one page.
    std::regex figure("<figure class=\"tracker-figure\">[\\s\\S]*?</figure>");
    int charts = 0;
    for (std::sregex_iterator it(html.begin(), html.end(), figure), end; it != end; ++it) {
      const std::string f = (*it)[0];
      std::smatch title;
      REQUIRE(std::regex_search(f, title, std::regex("tracker-figure__title\">([^<]*)<")));
      // The wide SVG's texts: the first and the last.
      const std::string wide = f.substr(0, f.find("tracker-chart--narrow"));
      std::vector<std::string> texts;
      std::regex text(">([^<>]+)</text>");
      for (std::sregex_iterator t(wide.begin(), wide.end(), text), e; t != e; ++t) texts.push_back((*t)[1]);
      REQUIRE(texts.size() >= 2);
      auto on = PagesWith(pages, title[1].str().substr(0, 40));
      auto last = PagesWith(pages, texts.back());
      CAPTURE(title[1].str());
      CAPTURE(texts.back());
      REQUIRE(on.size() == 1);
      CHECK(last.count(*on.begin()) == 1);
      ++charts;
    }
    CHECK(charts >= 1);
  }
}
