#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "assess/assess_site.h"
#include "load/load_site.h"
#include "load/load_theme.h"
#include "load/source_tree.h"
#include "render/render_site.h"

using namespace tracker;
namespace fs = std::filesystem;

namespace {

struct Built {
  Site site;
  RenderResult result;
  const std::string& File(const std::string& path) const {
    for (const auto& f : result.files)
      if (f.path == path) return f.bytes;
    static const std::string kNone = "(missing)";
    return kNone;
  }
};

Built BuildInMemory(const SourceTree& tree, std::optional<Date> as_at = std::nullopt) {
  Built b;
  Diagnostics diag;
  b.site = LoadSite(tree, diag);
  REQUIRE_MESSAGE(!diag.HasErrors(), diag.Sorted()[0].message);
  Theme theme = CompileTheme(LoadTheme(tree, b.site.config, diag), diag);
  SiteAssessment a = AssessSite(b.site, ResolveAsAt(b.site, as_at));
  b.result = RenderSite(b.site, a, theme);
  return b;
}

SourceTree TwoCouncils() {
  SourceTree t;
  t.files["site.yml"] = "title: Tracker\nbase_url: https://example.org/sub/path/\n";
  t.files["data/kpis.json"] =
      "{\"kpis\": [{\"id\": \"visits\", \"label\": \"Visits in time\", \"unit\": \"percent\", \"direction\": \"higher_is_better\"}]}";
  t.files["content/alpha/_authority.md"] = "---\nname: Alpha <Council>\nshort_name: Alpha\n---\n";
  t.files["content/alpha/documents/notice.md"] =
      "---\ntitle: \"Notice <img src=x onerror=alert(1)>\"\ntype: improvement-notice\ndate: 2020-01-02\n---\n## First\n";
  t.files["content/alpha/measures/visits.md"] =
      "---\ntitle: Visits\nset_by: notice\nkpi: visits\ntarget:\n  op: \">=\"\n  value: 90\n---\n";
  t.files["data/alpha/snapshots/2020-02-01.json"] = "{\"as_at\": \"2020-02-01\", \"source\": \"notice\", \"values\": {\"visits\": 89}}";
  t.files["content/beta/_authority.md"] = "---\nname: Beta Council\n---\n";
  return t;
}

}  // namespace

TEST_CASE("every page type is rendered, at paths that work from disk and under a base path") {
  Built b = BuildInMemory(TwoCouncils());
  CHECK(b.result.errors.empty());
  for (const char* p : {"index.html", "alpha/index.html", "alpha/timeline.html", "alpha/documents/index.html",
                        "alpha/documents/notice.html", "alpha/measures/index.html", "alpha/measures/visits.html",
                        "alpha/kpis/index.html", "alpha/kpis/visits.html", "beta/index.html", "assets/tracker.css"})
    CHECK_MESSAGE(b.File(p) != "(missing)", p);
  // Links are relative, so the site works at any base path and from disk.
  CHECK(b.File("alpha/measures/visits.html").find("href=\"../../alpha/documents/notice.html\"") != std::string::npos);
  CHECK(b.File("alpha/measures/visits.html").find("href=\"../../assets/tracker.css\"") != std::string::npos);
  CHECK(b.File("alpha/measures/visits.html").find("<link rel=\"canonical\" href=\"https://example.org/sub/path/alpha/measures/visits.html\">") != std::string::npos);
}

TEST_CASE("the home page lists authorities when there are several") {
  Built b = BuildInMemory(TwoCouncils());
  const std::string& home = b.File("index.html");
  CHECK(home.find("href=\"alpha/index.html\">Alpha &lt;Council&gt;</a>") != std::string::npos);
  CHECK(home.find("href=\"beta/index.html\">Beta Council</a>") != std::string::npos);
}

TEST_CASE("the home page is the dashboard when there is one authority") {
  SourceTree t = TwoCouncils();
  t.files.erase("content/beta/_authority.md");
  Built b = BuildInMemory(t);
  CHECK(b.File("index.html").find("<h1 class=\"govuk-heading-xl\">Alpha &lt;Council&gt;</h1>") != std::string::npos);
  CHECK(b.File("index.html").find("href=\"alpha/measures/visits.html\"") != std::string::npos);
}

TEST_CASE("content is escaped wherever it lands") {
  Built b = BuildInMemory(TwoCouncils());
  for (const auto& f : b.result.files) {
    if (f.path.find(".html") == std::string::npos) continue;
    CHECK_MESSAGE(f.bytes.find("<img src=x") == std::string::npos, f.path);
    CHECK_MESSAGE(f.bytes.find("<Council>") == std::string::npos, f.path);
  }
  CHECK(b.File("alpha/documents/notice.html").find("Notice &lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
}

TEST_CASE("a measure page shows its status, the sentence that explains it and its figures") {
  Built b = BuildInMemory(TwoCouncils());
  const std::string& page = b.File("alpha/measures/visits.html");
  CHECK(page.find("<strong class=\"govuk-tag govuk-tag--yellow\">At risk</strong>") != std::string::npos);
  CHECK(page.find("At risk: visits in time stood at 89% on 1 February 2020 against a target of at least 90%; "
                  "there are too few figures to judge the trend.") != std::string::npos);
  CHECK(page.find("<time datetime=\"2020-02-01\">1 February 2020</time>") != std::string::npos);
}

TEST_CASE("the as-at date changes what the site says, never the clock") {
  Built later = BuildInMemory(TwoCouncils());
  Built earlier = BuildInMemory(TwoCouncils(), Date{2020, 1, 15});
  CHECK(earlier.File("alpha/measures/visits.html").find("No data") != std::string::npos);
  CHECK(later.File("alpha/measures/visits.html").find("At risk") != std::string::npos);
}

TEST_CASE("the same input renders the same bytes") {
  Built a = BuildInMemory(TwoCouncils());
  Built b = BuildInMemory(TwoCouncils());
  REQUIRE(a.result.files.size() == b.result.files.size());
  for (size_t i = 0; i < a.result.files.size(); ++i) {
    CHECK(a.result.files[i].path == b.result.files[i].path);
    CHECK(a.result.files[i].bytes == b.result.files[i].bytes);
  }
  CHECK(std::is_sorted(a.result.files.begin(), a.result.files.end(),
                       [](const OutputFile& x, const OutputFile& y) { return x.path < y.path; }));
}

TEST_CASE("a measure page says whether the figures or an assessment decided, and why") {
  SourceTree t = TwoCouncils();
  t.files["content/alpha/measures/visits.md"] =
      "---\ntitle: Visits\nset_by: notice\nkpi: visits\ntarget:\n  op: \">=\"\n  value: 90\nassessments:\n"
      "  - date: 2020-03-01\n    status: on-track\n    source: notice\n    note: Better now.\n---\n";
  Built newer = BuildInMemory(t, Date{2020, 3, 31});
  CHECK(newer.File("alpha/measures/visits.html").find(
            "On track, decided by an assessment of 1 March 2020 in “Notice &lt;img src=x onerror=alert(1)&gt;”, "
            "which is newer than the latest figures (1 February 2020)") != std::string::npos);
  Built before = BuildInMemory(t, Date{2020, 2, 15});
  CHECK(before.File("alpha/measures/visits.html").find("At risk, decided by the figures, as at 1 February 2020") !=
        std::string::npos);
}

TEST_CASE("long document lists are paginated, 20 to a page, with GOV.UK pagination") {
  SourceTree t = TwoCouncils();
  for (int i = 0; i < 45; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "content/alpha/documents/letter-%02d.md", i);
    t.files[name] = "---\ntitle: Letter " + std::to_string(i) + "\ntype: other\ndate: 2019-01-01\n---\n";
  }
  Built b = BuildInMemory(t);
  const std::string& p1 = b.File("alpha/documents/index.html");
  const std::string& p3 = b.File("alpha/documents/page-3.html");
  CHECK(p1.find("Documents 1 to 20 of 46.") != std::string::npos);
  CHECK(p1.find("href=\"../../alpha/documents/page-2.html\" rel=\"next\"") != std::string::npos);
  CHECK(p1.find("rel=\"prev\"") == std::string::npos);
  CHECK(p3.find("Documents 41 to 46 of 46.") != std::string::npos);
  CHECK(p3.find("rel=\"next\"") == std::string::npos);
  CHECK(b.File("alpha/documents/page-4.html") == "(missing)");
}

TEST_CASE("a measure's row on the dashboard shows its latest 12 dates and links to all of them") {
  SourceTree t = TwoCouncils();
  for (int month = 1; month <= 12; ++month)
    for (int year : {2021, 2022}) {
      char name[96], body[160];
      std::snprintf(name, sizeof name, "data/alpha/snapshots/%d-%02d-01.json", year, month);
      std::snprintf(body, sizeof body, "{\"as_at\": \"%d-%02d-01\", \"source\": \"notice\", \"values\": {\"visits\": %d}}",
                    year, month, 80 + month);
      t.files[name] = body;
    }
  Built b = BuildInMemory(t);
  const std::string& dashboard = b.File("alpha/index.html");
  const size_t strip = dashboard.find("<ol class=\"tracker-strip\"");
  REQUIRE(strip != std::string::npos);
  const std::string list = dashboard.substr(strip, dashboard.find("</ol>", strip) - strip);
  size_t items = 0;
  for (size_t at = list.find("<li"); at != std::string::npos; at = list.find("<li", at + 1)) ++items;
  CHECK(items == 12);
  CHECK(list.find("aria-label=\"Status at the latest 12 of 25 dates\"") != std::string::npos);
  // The newest, not the oldest: the last is December 2022.
  CHECK(list.rfind("1 December 2022") != std::string::npos);
  CHECK(list.find("January 2021") == std::string::npos);
  CHECK(dashboard.find("href=\"../alpha/measures/visits.html#status-over-time\">All 25 dates<span "
                       "class=\"govuk-visually-hidden\"> of Visits</span></a>") != std::string::npos);
  const std::string& measure = b.File("alpha/measures/visits.html");
  CHECK(measure.find("id=\"status-over-time\"") != std::string::npos);

  // A short history is shown whole, with no link.
  Built few = BuildInMemory(TwoCouncils());
  CHECK(few.File("alpha/index.html").find("aria-label=\"Status at each date\"") != std::string::npos);
  CHECK(few.File("alpha/index.html").find("#status-over-time") == std::string::npos);
}

TEST_CASE("the values tables and status histories written by code are byte for byte what the bundled templates make") {
  // The bundled tracker, the sample fixture (breakdowns, symbols,
  // comparators, notes, a snapshot with a target only) and a tree with no
  // documents to link: every page built both ways must be the same.
  int tables = 0, histories = 0;
  auto compare = [&](const SourceTree& tree) {
    Diagnostics diag;
    Site site = LoadSite(tree, diag);
    REQUIRE_MESSAGE(!diag.HasErrors(), diag.Sorted()[0].message);
    SiteAssessment a = AssessSite(site, ResolveAsAt(site, std::nullopt));
    const ThemeFiles files = LoadTheme(tree, site.config, diag);
    Theme by_code = CompileTheme(files, diag);
    Theme by_template = CompileTheme(files, diag, /*render_by_code=*/false);
    REQUIRE(by_code.values_table_by_code);
    REQUIRE(by_code.status_history_by_code);
    REQUIRE_FALSE(by_code.history_field);
    REQUIRE_FALSE(by_template.values_table_by_code);
    REQUIRE_FALSE(by_template.status_history_by_code);
    REQUIRE(by_template.history_field);
    RenderResult code = RenderSite(site, a, by_code), tmpl = RenderSite(site, a, by_template);
    REQUIRE(code.files.size() == tmpl.files.size());
    for (size_t i = 0; i < code.files.size(); ++i) {
      CHECK(code.files[i].path == tmpl.files[i].path);
      CHECK_MESSAGE(code.files[i].bytes == tmpl.files[i].bytes, code.files[i].path);
      for (size_t at = 0; (at = code.files[i].bytes.find("Every reported figure, newest first", at)) != std::string::npos; ++at)
        ++tables;
      if (code.files[i].bytes.find("id=\"status-over-time\"") != std::string::npos) ++histories;
    }
  };
  for (const fs::path root : {fs::path(TRACKER_DOCS) / "..", fs::path(TRACKER_TEST_DATA) / "fixtures" / "sample"}) {
    Diagnostics diag;
    SourceTree tree = ReadSourceTree(root, diag);
    compare(tree);
  }
  SourceTree t = TwoCouncils();
  t.files["data/alpha/snapshots/2020-03-01.json"] =
      "{\"as_at\": \"2020-03-01\", \"values\": {\"visits\": \"c\"}, "
      "\"targets\": {\"visits\": 90}, \"comparators\": {\"england\": {\"visits\": 80}}, \"notes\": {\"visits\": \"<b>&</b>\"}}";
  compare(t);
  CHECK(tables >= 20);
  CHECK(histories >= 5);
}

TEST_CASE("a theme's own status history, or its own measure page, is rendered from its template") {
  SourceTree t = TwoCouncils();
  t.files["themes/default/templates/_status_history.html"] =
      "<ol>{{#history}}<li>{{date.iso}} {{status.id}} by {{decided_by}}</li>{{/history}}</ol>\n";
  Diagnostics diag;
  Site site = LoadSite(t, diag);
  Theme theme = CompileTheme(LoadTheme(t, site.config, diag), diag);
  CHECK_FALSE(theme.status_history_by_code);
  Built b = BuildInMemory(t);
  const std::string& page = b.File("alpha/measures/visits.html");
  CHECK(page.find("<ol><li>") != std::string::npos);
  CHECK(page.find("id=\"status-over-time\"") == std::string::npos);

  // A measure page of the theme's own that prints `history` itself still
  // has it, while the bundled partial is written by code.
  SourceTree own = TwoCouncils();
  own.files["themes/default/templates/measure.html"] = "<ul>{{#history}}<li>{{date.iso}}</li>{{/history}}</ul>\n";
  Theme own_theme = CompileTheme(LoadTheme(own, site.config, diag), diag);
  CHECK(own_theme.status_history_by_code);
  CHECK(own_theme.history_field);
  CHECK(BuildInMemory(own).File("alpha/measures/visits.html").find("<ul><li>2020-") != std::string::npos);
}

TEST_CASE("a theme with its own values table is rendered from its template") {
  SourceTree t = TwoCouncils();
  t.files["themes/default/templates/_values_table.html"] = "<p>{{#values.rows}}{{date.iso}} {{/values.rows}}</p>\n";
  Diagnostics diag;
  Site site = LoadSite(t, diag);
  Theme theme = CompileTheme(LoadTheme(t, site.config, diag), diag);
  CHECK_FALSE(theme.values_table_by_code);
  Built b = BuildInMemory(t);
  CHECK(b.File("alpha/kpis/visits.html").find("<p>2020-02-01 </p>") != std::string::npos);
}

TEST_CASE("a deadline's outcome on a measure page: met is never called missed") {
  SourceTree t = TwoCouncils();
  t.files["content/alpha/measures/visits.md"] =
      "---\ntitle: Visits\nset_by: notice\nkpi: visits\ndeadline: 2020-03-31\ntarget:\n  op: \">=\"\n  value: 90\n---\n";
  // Met on 1 March, before the deadline, and held at the next figure.
  t.files["data/alpha/snapshots/2020-03-01.json"] = "{\"as_at\": \"2020-03-01\", \"values\": {\"visits\": 91}}";
  t.files["data/alpha/snapshots/2020-04-30.json"] = "{\"as_at\": \"2020-04-30\", \"values\": {\"visits\": 92}}";
  Built met = BuildInMemory(t);
  const std::string& page = met.File("alpha/measures/visits.html");
  CHECK(page.find("<time datetime=\"2020-03-31\">31 March 2020</time>: met</dd>") != std::string::npos);
  CHECK(page.find("missed") == std::string::npos);
  CHECK(page.find("1 March 2020; met at every figure since") != std::string::npos);
  // The same deadline, with the figure after it short: missed, by how much.
  t.files["data/alpha/snapshots/2020-04-30.json"] = "{\"as_at\": \"2020-04-30\", \"values\": {\"visits\": 88}}";
  t.files.erase("data/alpha/snapshots/2020-03-01.json");
  Built missed = BuildInMemory(t);
  const std::string& off = missed.File("alpha/measures/visits.html");
  CHECK(off.find("<time datetime=\"2020-03-31\">31 March 2020</time>: missed</dd>") != std::string::npos);
  CHECK(off.find("short of the target of at least 90% by 2 percentage points; the deadline of 31 March 2020 was missed") !=
        std::string::npos);
  // Only a figure from before the deadline: not shown to be met, never "missed".
  t.files.erase("data/alpha/snapshots/2020-04-30.json");
  Built unknown = BuildInMemory(t, Date{2020, 6, 30});
  const std::string& open = unknown.File("alpha/measures/visits.html");
  CHECK(open.find(": passed; not shown to be met</dd>") != std::string::npos);
  CHECK(open.find("missed") == std::string::npos);
}

TEST_CASE("every status shows the date of its evidence as text, and the method page is built") {
  Built b = BuildInMemory(TwoCouncils());
  const std::string& dashboard = b.File("alpha/index.html");
  CHECK(dashboard.find("Evidence of <time datetime=\"2020-02-01\">1 February 2020</time> · <a class=\"govuk-link\" "
                       "href=\"../how-progress-is-judged.html\">how this is judged</a>") != std::string::npos);
  CHECK(b.File("index.html").find("(evidence of 1 February 2020)") != std::string::npos);
  CHECK(b.File("how-progress-is-judged.html").find("On track when R is 0.95 or more (95% of the rate needed)") !=
        std::string::npos);
}

TEST_CASE("the timeline says what became of each deadline, and flags an expected event whose date has passed") {
  SourceTree t = TwoCouncils();
  t.files["content/alpha/_authority.md"] =
      "---\nname: Alpha\nevents:\n  - date: 2020-01\n    title: Board meets\n    expected: true\n"
      "  - date: 2021\n    title: Next inspection\n    expected: true\n---\n";
  t.files["content/alpha/measures/visits.md"] =
      "---\ntitle: Visits\nset_by: notice\nkpi: visits\ndeadline: 2020-01-31\ntarget:\n  op: \">=\"\n  value: 90\n---\n";
  Built b = BuildInMemory(t);  // as at 1 February 2020, the newest figure
  const std::string& page = b.File("alpha/timeline.html");
  CHECK(page.find("Expected. Source") == std::string::npos);
  const std::string byline = "</h3>\n    <p class=\"govuk-body-s tracker-timeline__byline\"><span class=\"govuk-visually-hidden\">";
  CHECK(page.find("Board meets" + byline + "Anything else: an event, plan or presentation. </span>Expected: its date has passed and no "
                  "document yet confirms it</p>") != std::string::npos);
  CHECK(page.find("Next inspection" + byline + "Anything else: an event, plan or presentation. </span>Expected</p>") !=
        std::string::npos);
  // 89 on 1 February, after the deadline of 31 January: missed, beside the measure's status.
  CHECK(page.find("A measure&apos;s deadline. </span>Measure deadline: missed <strong class=\"govuk-tag govuk-tag--red\">Off track</strong></p>") !=
        std::string::npos);
  // The as-at date is marked between what has happened and what is to come.
  const size_t now = page.find("Now: this site");
  REQUIRE(now != std::string::npos);
  CHECK(page.find("Board meets") < now);
  CHECK(now < page.find("Next inspection"));
}
