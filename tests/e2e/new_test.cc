// `tracker new`: a starter tracker that builds at once and passes the page
// checks, and each kind of file, filled in from the source, passing
// `tracker check` as written. Nothing is ever overwritten.
#include <doctest/doctest.h>

#include "e2e.h"

using namespace e2e;

TEST_CASE("tracker new site makes a starter tracker that builds at once and passes axe-core and the Nu checker") {
  const fs::path dir = WorkDir("new-site") / "starter";
  Run made = Tracker("new site " + Quote(dir.string()));
  INFO(made.err);
  REQUIRE(made.exit == 0);
  CHECK(Contains(made.out, "its README.md says what to replace"));
  CHECK(Contains(ReadFile(dir / "README.md"), "Example Borough Council is made up"));
  // Its parts: about 24 monthly snapshots, a notice, letters, measures
  // judged by figures and by documents, meetings and a breakdown.
  size_t snapshots = 0;
  for (auto& e : fs::directory_iterator(dir / "data/example-borough/snapshots")) snapshots += e.path().extension() == ".json";
  CHECK(snapshots == 24);
  CHECK(Contains(ReadFile(dir / "content/example-borough/documents/improvement-notice-2024-05.md"), "type: improvement-notice"));
  CHECK(Contains(ReadFile(dir / "content/example-borough/measures/leadership.md"), "assessments:"));
  CHECK(Contains(ReadFile(dir / "data/kpis.json"), "\"breakdown\": \"Team\""));

  Run check = Tracker("check --source " + Quote(dir.string()));
  CHECK_MESSAGE(check.exit == 0, check.err);
  CHECK(check.err.empty());  // not even a warning
  Run built = Tracker("build --quiet --source " + Quote(dir.string()));
  REQUIRE_MESSAGE(built.exit == 0, built.err);
  const fs::path site = dir / "site";
  const std::vector<std::string> pages = {
      "index.html", "example-borough/index.html", "example-borough/timeline.html",
      "example-borough/measures/index.html", "example-borough/measures/cp-visits.html",
      "example-borough/measures/supervision.html", "example-borough/measures/leadership.html",
      "example-borough/kpis/supervision_in_time.html", "example-borough/changes.html",
      "example-borough/meetings/2025-07-16.html", "example-borough/documents/improvement-notice-2024-05.html"};
  std::string cmd = "node " + Quote(std::string(TRACKER_REPO) + "/tests/browser/check_pages.mjs") + " " +
                    Quote(site.string()) + " " + Quote(std::string(TRACKER_SCREENSHOTS) + "/starter");
  for (const auto& p : pages) cmd += " " + Quote(p);
  Output axe = Shell(cmd);
  CHECK_MESSAGE(axe.exit == 0, axe.text);
  CHECK(Contains(axe.text, "\"violations\":[]"));
  CHECK_FALSE(Contains(axe.text, "\"violations\":[{"));
  const std::string jar = std::string(TRACKER_REPO) + "/node_modules/vnu-jar/build/dist/vnu.jar";
  REQUIRE_MESSAGE(fs::exists(jar), "run scripts/setup: the Nu HTML Checker (npm vnu-jar) is missing");
  std::string files;
  for (const auto& p : pages) files += " " + Quote((site / p).string());
  Output vnu = Shell("java -jar " + Quote(jar) + " --errors-only --format gnu" + files);
  CHECK_MESSAGE(vnu.exit == 0, vnu.text);

  // Never over a folder with anything in it.
  Run again = Tracker("new site " + Quote(dir.string()));
  CHECK(again.exit == 1);
  CHECK(Contains(again.err, "is not empty, and tracker new never overwrites"));
}

TEST_CASE("every kind tracker new writes passes tracker check as written, filled in from the source") {
  const fs::path dir = WorkDir("new-kinds") / "t";
  REQUIRE(Tracker("new site " + Quote(dir.string())).exit == 0);
  const std::string src = " --source " + Quote(dir.string());
  auto run = [&](const std::string& args) {
    Run r = Tracker("new " + args + src);
    CHECK_MESSAGE(r.exit == 0, (args + ": " + r.err));
    return r;
  };
  run("authority 'Harbour Town Council'");
  CHECK(Contains(ReadFile(dir / "content/harbour-town-council/_authority.md"), "name: \"Harbour Town Council\""));
  run("document example-borough ofsted-visit-2025-09 --type ofsted-letter --date 2025-09-12 --title 'Monitoring visit'");
  const std::string doc = ReadFile(dir / "content/example-borough/documents/ofsted-visit-2025-09.md");
  CHECK(Contains(doc, "type: ofsted-letter   # one of improvement-notice, statutory-direction"));
  run("measure example-borough re-referrals --kpi re_referrals");
  const std::string measure = ReadFile(dir / "content/example-borough/measures/re-referrals.md");
  CHECK(Contains(measure, "set_by: improvement-notice-2024-05"));  // the notice the source holds
  CHECK(Contains(measure, "#   op: \"<=\""));                        // re-referrals are lower_is_better
  run("measure example-borough practice-quality");
  CHECK(Contains(ReadFile(dir / "content/example-borough/measures/practice-quality.md"),
                 "# kpi: the KPI that measures it, one of cp_visits_in_time, average_caseload, re_referrals, supervision_in_time"));
  // The month after the newest snapshot, every KPI null, the teams as last reported.
  run("snapshot example-borough");
  const std::string snap = ReadFile(dir / "data/example-borough/snapshots/2025-07-31.json");
  CHECK(Contains(snap, "\"as_at\": \"2025-07-31\""));
  CHECK(Contains(snap, "\"cp_visits_in_time\": null"));
  CHECK(Contains(snap, "\"supervision_in_time\": {\"North\": null, \"South\": null, \"Central\": null}"));
  // An authority with no figures yet: a breakdown KPI is null too.
  run("snapshot harbour-town-council --date 2025-07-31");
  CHECK(Contains(ReadFile(dir / "data/harbour-town-council/snapshots/2025-07-31.json"), "\"supervision_in_time\": null"));

  // A meeting joins the authority's list, named as the last one was; or begins one.
  run("meeting example-borough --date 2025-10-15 --document scrutiny-report-2025-07");
  CHECK(Contains(ReadFile(dir / "content/example-borough/_authority.md"),
                 "    source: scrutiny-report-2025-07\n  - date: 2025-10-15\n    title: \"Scrutiny panel\"\n"
                 "    source: scrutiny-report-2025-07\nevents:"));
  run("meeting harbour-town-council --date 2025-10-15 --title 'Improvement board'");
  CHECK(Contains(ReadFile(dir / "content/harbour-town-council/_authority.md"),
                 "meetings:\n  - date: 2025-10-15\n    title: \"Improvement board\"\n---\n"));

  Run check = Tracker("check" + src);
  CHECK_MESSAGE(check.exit == 0, check.err);
  Run built = Tracker("build --quiet" + src);
  CHECK_MESSAGE(built.exit == 0, built.err);
  Run meeting_twice = Tracker("new meeting example-borough --date 2025-10-15" + src);
  CHECK(meeting_twice.exit == 1);
  CHECK(Contains(meeting_twice.err, "already has a meeting on 2025-10-15"));

  // Nothing is overwritten; mistakes are named with what to do.
  Run twice = Tracker("new document example-borough ofsted-visit-2025-09 --type ofsted-letter --date 2025-09-12" + src);
  CHECK(twice.exit == 1);
  CHECK(Contains(twice.err, "exists, and tracker new never overwrites a file"));
  CHECK(Contains(doc, "Monitoring visit"));
  Run type = Tracker("new document example-borough x --type ofsted-leter --date 2025" + src);
  CHECK(type.exit == 2);
  CHECK(Contains(type.err, "unknown document type 'ofsted-leter'; did you mean 'ofsted-letter'?"));
  Run who = Tracker("new measure example-borugh x" + src);
  CHECK(who.exit == 2);
  CHECK(Contains(who.err, "no authority 'example-borugh' in content/; did you mean 'example-borough'?"));
  Run kpi = Tracker("new measure example-borough x --kpi re_referral" + src);
  CHECK(kpi.exit == 2);
  CHECK(Contains(kpi.err, "unknown KPI 're_referral'; did you mean 're_referrals'?"));
  Run both = Tracker("new authority 'X Council' --official 812" + src);
  CHECK(both.exit == 2);
}

TEST_CASE("figures from a spreadsheet: every error at its line and column, and the site's CSV read back gives the same figures") {
  const fs::path dir = WorkDir("new-csv") / "t";
  REQUIRE(Tracker("new site " + Quote(dir.string())).exit == 0);
  const std::string src = " --source " + Quote(dir.string());
  std::ofstream(dir / "bad.csv") << "kpi,value,item,note\n"
                                    "cp_visits_in_time,92,,\n"
                                    "average_caseload,\"1,234\",,\n"
                                    "re_referal,3,,\n"
                                    "supervision_in_time,85,,\n"
                                    "cp_visits_in_time,93,,\n";
  Run bad = Tracker("new snapshot example-borough --from-csv " + Quote((dir / "bad.csv").string()) + src);
  CHECK(bad.exit == 1);
  CHECK(Contains(bad.err, "bad.csv:3:18: error: '1,234' is not a figure: write the number without a thousands separator"));
  CHECK(Contains(bad.err, "bad.csv:4:1: error: unknown KPI 're_referal'; did you mean 're_referrals'?"));
  CHECK(Contains(bad.err, "bad.csv:5:1: error: KPI 'supervision_in_time' is broken down by Team"));
  CHECK(Contains(bad.err, "bad.csv:6:19: error: a second figure for 'cp_visits_in_time'; the first is at line 2"));
  CHECK(Contains(bad.err, "nothing was written"));
  CHECK_FALSE(fs::exists(dir / "data/example-borough/snapshots/2025-07-31.json"));

  // The simple layout: one snapshot, a month after the newest.
  std::ofstream(dir / "july.csv") << "kpi,value,item\ncp_visits_in_time,92,\nsupervision_in_time,88,North\nsupervision_in_time,c,South\n";
  Run july = Tracker("new snapshot example-borough --from-csv " + Quote((dir / "july.csv").string()) + src);
  CHECK_MESSAGE(july.exit == 0, july.err);
  CHECK(Contains(ReadFile(dir / "data/example-borough/snapshots/2025-07-31.json"),
                 "\"supervision_in_time\": {\"North\": 88, \"South\": \"c\"}"));
  fs::remove(dir / "data/example-borough/snapshots/2025-07-31.json");

  // Round trip: the site's own download, imported into a copy with no
  // snapshots, builds the same figures, byte for byte.
  REQUIRE(Tracker("build --quiet" + src).exit == 0);
  const fs::path copy = WorkDir("new-csv-copy") / "t";
  REQUIRE(Tracker("new site " + Quote(copy.string())).exit == 0);
  fs::remove_all(copy / "data/example-borough/snapshots");
  Run back = Tracker("new snapshot example-borough --from-csv " + Quote((dir / "site/downloads/example-borough.csv").string()) +
                     " --source " + Quote(copy.string()));
  REQUIRE_MESSAGE(back.exit == 0, back.err);
  CHECK(Contains(back.out, "24 snapshots imported"));
  REQUIRE(Tracker("build --quiet --source " + Quote(copy.string())).exit == 0);
  CHECK(ReadFile(copy / "site/downloads/example-borough.csv") == ReadFile(dir / "site/downloads/example-borough.csv"));
  CHECK(ReadFile(copy / "site/example-borough/kpis/supervision_in_time.html") ==
        ReadFile(dir / "site/example-borough/kpis/supervision_in_time.html"));
}
