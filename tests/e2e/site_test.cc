#include <doctest/doctest.h>

#include "e2e.h"

using namespace e2e;

namespace {

// Builds the bundled tracker once for the tests in this file.
const fs::path& BundledSite() {
  static fs::path out = [] {
    fs::path o = WorkDir("bundled") / "site";
    Run r = Tracker("build --quiet --source " + Quote(TRACKER_REPO) + " --out " + Quote(o.string()));
    REQUIRE_MESSAGE(r.exit == 0, r.err);
    return o;
  }();
  return out;
}

std::string Page(const std::string& rel) { return ReadFile(BundledSite() / rel); }

}  // namespace

TEST_CASE("the bundled tracker builds every page type") {
  const std::string nel = "north-east-lincolnshire/";
  for (std::string p : {std::string("index.html"), nel + "index.html", nel + "timeline.html",
                        nel + "documents/index.html", nel + "documents/improvement-notice-2019-12-18.html",
                        nel + "measures/index.html", nel + "measures/cp-visits-in-time.html",
                        nel + "kpis/index.html", nel + "kpis/supervision_in_time.html",
                        std::string("st-helens/index.html"), std::string("st-helens/documents/dfe-letter-2020-06-18.html"),
                        std::string("assets/tracker.css")})
    CHECK_MESSAGE(fs::exists(BundledSite() / p), p);
}

TEST_CASE("the home page lists both councils") {
  std::string home = Page("index.html");
  CHECK(Contains(home, "North East Lincolnshire Council</a>"));
  CHECK(Contains(home, "St Helens Metropolitan Borough Council</a>"));
}

TEST_CASE("the dashboard shows measures with their status, the latest figures, documents and what is coming") {
  std::string d = Page("north-east-lincolnshire/index.html");
  CHECK(Contains(d, "Child protection visits in time</a>"));
  CHECK(Contains(d, "<strong class=\"govuk-tag govuk-tag--yellow\">At risk</strong>"));
  CHECK(Contains(d, "id=\"slow-to-progress\""));
  CHECK(Contains(d, "1,943"));
  CHECK(Contains(d, "246 per 10,000"));
  CHECK(Contains(d, "Children&apos;s Services Improvement Journey</a>"));
  CHECK(Contains(d, "<strong>Autumn 2024</strong>"));
  CHECK(Contains(d, "Inadequate"));
}

TEST_CASE("a measure page explains its status from the figures the documents give") {
  std::string m = Page("north-east-lincolnshire/measures/cp-visits-in-time.html");
  CHECK(Contains(m, "At risk: child protection visits in time stood at 89% on 21 September 2023 against a target "
                    "of at least 90%; there are too few figures to judge the trend."));
  CHECK(Contains(m, "href=\"../../north-east-lincolnshire/documents/scrutiny-report-2023-09-21.html\""));
  std::string met = Page("north-east-lincolnshire/measures/improvement-plan-actions-by-may-2020.html");
  CHECK(Contains(met, "Met: assessed in “North East Lincolnshire Council Improvement Notice: Covid-19 flexibilities” (18 June 2020)"));
  CHECK(Contains(met, "<time datetime=\"2020-05\">May 2020</time>"));
}

TEST_CASE("the timeline holds every dated event, grouped by year, at the precision given") {
  std::string t = Page("north-east-lincolnshire/timeline.html");
  for (const char* y : {"id=\"year-2019\"", "id=\"year-2020\"", "id=\"year-2021\"", "id=\"year-2022\"", "id=\"year-2023\"", "id=\"year-2024\""})
    CHECK_MESSAGE(Contains(t, y), y);
  CHECK(Contains(t, "<time datetime=\"2021-10\">October 2021</time>"));
  CHECK(Contains(t, "<time datetime=\"2019-12-18\">18 December 2019</time>"));
  CHECK(Contains(t, "Improvement Notice to North East Lincolnshire Council</a>"));
  CHECK(t.find("year-2019") < t.find("year-2024"));
}

TEST_CASE("a document page has its metadata and its full text") {
  std::string n = Page("north-east-lincolnshire/documents/improvement-notice-2019-12-18.html");
  CHECK(Contains(n, "<h2 id=\"adviser-arrangements\">Adviser arrangements</h2>"));
  CHECK(Contains(n, "the council should highlight those objectives which are slow to progress"));
  CHECK(Contains(n, "Matthew Edwards, a senior civil servant in the Department for Education"));
  CHECK(Contains(n, "Deliver the improvement plan&apos;s actions by the end of May 2020</a>"));
}

TEST_CASE("a KPI page has its definition and every snapshot value, breakdowns included") {
  std::string k = Page("north-east-lincolnshire/kpis/supervision_in_time.html");
  CHECK(Contains(k, "Percentage of social worker supervisions held within timescale, by team."));
  CHECK(Contains(k, "CASS: 78%"));
  CHECK(Contains(k, "New Futures: 75%"));
  CHECK(Contains(k, "annual leave has had an impact on timeliness of supervision during August"));
}

TEST_CASE("St Helens, with a letter and no figures, says so rather than showing blanks") {
  std::string d = Page("st-helens/index.html");
  CHECK(Contains(d, "No measures have been recorded for St Helens yet."));
  CHECK(Contains(d, "No figures have been published for St Helens yet."));
  CHECK(Contains(Page("st-helens/documents/dfe-letter-2020-06-18.html"), "Samantha Morrison, your Caselead"));
}

TEST_CASE("every internal link in the bundled site resolves") {
  int links = 0;
  for (const auto& file : Tree(BundledSite())) {
    const std::string& rel = file.first;  // no structured binding: clang 14 cannot capture one in CHECK_MESSAGE
    const std::string& html = file.second;
    // The 404 page is served from any address, so its links are absolute.
    if (rel.size() < 5 || rel.compare(rel.size() - 5, 5, ".html") != 0 || rel == "404.html") continue;
    size_t pos = 0;
    while ((pos = html.find("href=\"", pos)) != std::string::npos) {
      pos += 6;
      std::string href = html.substr(pos, html.find('"', pos) - pos);
      if (href.rfind("http", 0) == 0 || href.rfind("mailto:", 0) == 0 || href[0] == '#') continue;
      href = href.substr(0, href.find('#'));
      ++links;
      fs::path target = (BundledSite() / rel).parent_path() / href;
      CHECK_MESSAGE(fs::exists(target), (std::string(rel) + " -> " + href));
    }
  }
  CHECK(links > 200);
}

TEST_CASE("the same input gives the same bytes, build after build") {
  fs::path again = WorkDir("bundled-again") / "site";
  Run r = Tracker("build --quiet --source " + Quote(TRACKER_REPO) + " --out " + Quote(again.string()));
  REQUIRE(r.exit == 0);
  CHECK(Tree(again) == Tree(BundledSite()));
}

TEST_CASE("--as-at judges the site as at another date") {
  fs::path out = WorkDir("bundled-2021") / "site";
  Run r = Tracker("build --quiet --as-at 2021-06-30 --source " + Quote(TRACKER_REPO) + " --out " + Quote(out.string()));
  REQUIRE(r.exit == 0);
  std::string m = ReadFile(out / "north-east-lincolnshire/measures/caseload-caps.html");
  // Its deadline, 31 March 2020, had passed: a document after it that does
  // not say it was met leaves it not shown to be met.
  CHECK(Contains(m, "Not shown to be met: the deadline of 31 March 2020 has passed and no document since shows it met; "
                    "the newest assessment in “Focused visit to North East Lincolnshire children&apos;s services” (18 June 2021) judged it at risk"));
  CHECK(Contains(m, "<strong class=\"govuk-tag govuk-tag--orange\">Not shown to be met</strong>"));
  CHECK(Contains(ReadFile(out / "north-east-lincolnshire/index.html"), "as at 30 June 2021"));
}

TEST_CASE("the sample fixture: what changed, comparators and the symbol key") {
  fs::path out = WorkDir("sample-site") / "site";
  Run r = Tracker("build --quiet --source " + Quote((fs::path(TRACKER_TEST_DATA) / "fixtures/sample").string()) +
                  " --out " + Quote(out.string()));
  REQUIRE(r.exit == 0);
  std::string changes = ReadFile(out / "sampleton/changes.html");
  // The fixture records two meetings: the page tells what changed since the
  // last, and each meeting has its own page, since the one before.
  CHECK(Contains(changes, "since the Scrutiny panel on 20 February 2023, up to 28 February 2023."));
  CHECK(Contains(changes, "Supervision in time in every team</a>: <strong class=\"govuk-tag govuk-tag--green\">Met</strong>\n to "
                          "<strong class=\"govuk-tag govuk-tag--yellow\">At risk</strong>\n<span class=\"govuk-body-s tracker-why\">Changed because of figures."));
  std::string panel = ReadFile(out / "sampleton/meetings/2023-02-20.html");
  CHECK(Contains(panel, "what changed since the Improvement board on 15 January 2023."));
  CHECK(Contains(panel, "Visits in time</a>: <strong class=\"govuk-tag govuk-tag--yellow\">At risk</strong>\n to "
                        "<strong class=\"govuk-tag govuk-tag--green\">Met</strong>\n<span class=\"govuk-body-s tracker-why\">Changed because of figures."));
  CHECK(Contains(panel, "<time datetime=\"2023-01-31\">31 January 2023</time>"));
  std::string board = ReadFile(out / "sampleton/meetings/2023-01-15.html");
  CHECK(Contains(board, "what changed since the figures of 31 December 2022."));
  CHECK(Contains(board, "No measure changed status."));
  CHECK(Contains(changes, "Supervision in time, North</a></th>\n      <td class=\"govuk-table__cell govuk-table__cell--numeric\">82%</td>\n"
                          "      <td class=\"govuk-table__cell govuk-table__cell--numeric\">79%</td>\n"
                          "      <td class=\"govuk-table__cell\">Down 3 percentage points</td>\n"
                          "      <td class=\"govuk-table__cell\">Worse</td>"));
  CHECK(Contains(changes, "<dt>suppressed (c)</dt>"));
  std::string rate = ReadFile(out / "sampleton/kpis/cin_rate.html");
  CHECK(Contains(rate, "300 per 10,000, 20 per 10,000 above statistical neighbours (280 per 10,000), as at 31 December 2022."));
  CHECK(Contains(rate, "300 per 10,000, 30 per 10,000 below England (330 per 10,000)"));
  std::string home = ReadFile(out / "index.html");
  CHECK(Contains(home, "id=\"slow-to-progress\""));
  CHECK(Contains(home, "Stronger leadership</a> <strong class=\"govuk-tag govuk-tag--red\">Off track</strong>"));
}

TEST_CASE("\"How progress is judged\" states the thresholds site.yml sets, and every status links to it") {
  fs::path src = WorkDir("method-thresholds") / "src";
  fs::copy(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", src, fs::copy_options::recursive);
  std::ofstream(src / "site.yml", std::ios::app)
      << "progress:\n  on_track: 0.9\n  at_risk: 0.5\n  confidence: 95\n  assessment_months: 18\n  figure_periods: 2\n";
  fs::path out = src.parent_path() / "site";
  Run r = Tracker("build --quiet --source " + Quote(src.string()) + " --out " + Quote(out.string()));
  REQUIRE(r.exit == 0);
  std::string page = ReadFile(out / "how-progress-is-judged.html");
  CHECK(Contains(page, "On track when R is 0.9 or more (90% of the rate needed); at risk from 0.5 (50%); off track below 0.5."));
  CHECK(Contains(page, "the 95% confidence interval of the fitted slope"));
  CHECK(Contains(page, "an assessment in a document, for 18 months;"));
  CHECK(Contains(page, "a figure, for 2 reporting periods: 2 months for a monthly figure"));
  std::string dashboard = ReadFile(out / "sampleton/index.html");
  CHECK(Contains(dashboard, "<a class=\"govuk-link\" href=\"../how-progress-is-judged.html\">how this is judged</a>"));
  // A mistaken threshold is an error at its place.
  fs::path bad = WorkDir("method-bad") / "src";
  fs::copy(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", bad, fs::copy_options::recursive);
  std::ofstream(bad / "site.yml", std::ios::app) << "progress:\n  on_track: 0.5\n  at_risk: 0.6\n";
  Run b = Tracker("check --source " + Quote(bad.string()));
  CHECK(b.exit == 1);
  CHECK(Contains(b.err + b.out, "error: at_risk must be below on_track"));
}

// The bundled tracker as a councillor reads it as at 21 September 2023:
// nothing from the council's July 2021 presentation is shown as current.
TEST_CASE("the bundled dashboard shows no evidence older than the window as current, and dates every status") {
  std::string d = Page("north-east-lincolnshire/index.html");
  size_t tags = 0, dated = 0, current = 0;
  const std::string evidence = "</strong><span class=\"govuk-body-s tracker-evidence\">Evidence of <time datetime=\"";
  for (size_t at = d.find("<strong class=\"govuk-tag"); at != std::string::npos; at = d.find("<strong class=\"govuk-tag", at + 1)) {
    ++tags;
    size_t end = d.find("</strong>", at);
    if (d.compare(end, evidence.size(), evidence) != 0) continue;
    ++dated;
    // An On track or Met must rest on evidence of the as-at date itself:
    // the 2023 report. Nothing older is shown as current; the one older Met
    // is a settled deadline, the improvement plan due by May 2020, which the
    // DfE's letter of 18 June 2020 confirms was met.
    const std::string label = d.substr(d.find('>', at) + 1, end - d.find('>', at) - 1);
    const std::string date = d.substr(end + evidence.size(), 10);
    if (label == "On track" || label == "Met") {
      const bool settled = label == "Met" && date == "2020-06-18";
      CHECK_MESSAGE((date == "2023-09-21" || settled), label << " on evidence of " << date);
      current += !settled;
    }
  }
  CHECK(tags >= 16 + 10);  // every measure in the table, and the slow-to-progress list
  CHECK(dated == tags);
  CHECK(current >= 3);
  CHECK(Contains(d, ">Out of date</strong>"));
  CHECK(Contains(d, ">Not shown to be met</strong>"));
  CHECK(Contains(d, "Since then, Ofsted has judged the service Inadequate (October 2021)."));
  std::string m = Page("north-east-lincolnshire/measures/case-file-audits.html");
  CHECK(Contains(m, "out of date since 1 August 2022 (it was On track)"));
}
