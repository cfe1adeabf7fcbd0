#include <doctest/doctest.h>

#include "e2e.h"

using namespace e2e;

// tests/fixtures/broken holds one error of each kind the content model
// checks; tests/fixtures/broken.expected is exactly what tracker must say.
TEST_CASE("check reports every error with path:line:col in one run and exits 1") {
  fs::path broken = fs::path(TRACKER_TEST_DATA) / "fixtures/broken";
  fs::path cwd = WorkDir("check-broken-cwd");
  Run r = Tracker("check --source " + Quote(broken.string()), cwd);
  CHECK(r.exit == 1);
  CHECK(r.out.empty());
  CHECK(r.err == ReadFile(fs::path(TRACKER_TEST_DATA) / "fixtures/broken.expected"));
  for (const char* kind : {"malformed YAML", "malformed JSON", "missing required field 'title'",
                           "unknown type 'ofsted-leter'; did you mean 'ofsted-letter'?", "unknown KPI 'visit'",
                           "unknown document 'notise'", "unknown authority 'nowhere'",
                           "two snapshots with the same date", "unknown KPI 'visitz'",
                           "breakdown object for KPI 'caseload'", "percent 104 for 'visits' is outside 0 to 100",
                           "text is not UTF-8", "invalid date '2021-02-30'"})
    CHECK_MESSAGE(Contains(r.err, kind), kind);
  CHECK_FALSE(fs::exists(broken / "site"));
  CHECK(fs::is_empty(cwd));  // check writes nothing anywhere, its caches included
}

TEST_CASE("check of a good site writes nothing, in the source or the working folder") {
  fs::path sample = fs::path(TRACKER_TEST_DATA) / "fixtures/sample";
  fs::path cwd = WorkDir("check-sample-cwd");
  Run r = Tracker("check --source " + Quote(sample.string()), cwd);
  CHECK(r.exit == 0);
  CHECK(fs::is_empty(cwd));
  CHECK_FALSE(fs::exists(sample / "site"));
  CHECK_FALSE(fs::exists(sample / ".site.tracker"));
}

TEST_CASE("a build with errors writes nothing") {
  fs::path out = WorkDir("broken-build") / "site";
  Run r = Tracker("build --source " + Quote((fs::path(TRACKER_TEST_DATA) / "fixtures/broken").string()) +
                  " --out " + Quote(out.string()));
  CHECK(r.exit == 1);
  CHECK(Contains(r.err, "build stopped: nothing was written"));
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("a failing build leaves the previous site byte for byte intact") {
  fs::path work = WorkDir("failing-rebuild");
  fs::copy(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", work / "src", fs::copy_options::recursive);
  std::string args = "build --source " + Quote((work / "src").string()) + " --out " + Quote((work / "site").string());
  REQUIRE(Tracker(args).exit == 0);
  auto before = Tree(work / "site");
  REQUIRE(before.size() > 10);
  // A new month's figures arrive with a mistake in them.
  std::ofstream(work / "src/data/sampleton/snapshots/2023-03-31.json") << "{\"as_at\": \"2023-03-31\", \"values\": {\"visits_in_time\": 140}}";
  Run r = Tracker(args);
  CHECK(r.exit == 1);
  CHECK(Contains(r.err, "data/sampleton/snapshots/2023-03-31.json:1:54: error: percent 140 for 'visits_in_time' is outside 0 to 100"));
  CHECK(Tree(work / "site") == before);
}

TEST_CASE("an unknown field in site.yml is reported with a hint") {
  fs::path work = WorkDir("site-yml");
  fs::copy(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", work / "src", fs::copy_options::recursive);
  std::ofstream(work / "src/site.yml", std::ios::app) << "tittle: Oops\n";
  Run r = Tracker("check --source " + Quote((work / "src").string()));
  CHECK(r.exit == 1);
  CHECK(Contains(r.err, "site.yml:9:1: error: unknown field 'tittle' in site.yml; did you mean 'title'?"));
}

TEST_CASE("a problem found after a snapshot's text was let go still quotes its line") {
  // With no as_at in site.yml every snapshot is parsed first, for the
  // newest date, and its text let go; two files claiming one date are found
  // later, when the authority is checked as a whole.
  fs::path work = WorkDir("late-snapshot-quote");
  fs::copy(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", work / "src", fs::copy_options::recursive);
  fs::path snapshots = work / "src/data/sampleton/snapshots";
  fs::copy_file(snapshots / "2022-12-31.json", snapshots / "zz-copy.json");
  Run r = Tracker("check --source " + Quote((work / "src").string()));
  CHECK(r.exit == 1);
  CHECK(Contains(r.err,
                 "data/sampleton/snapshots/zz-copy.json:2:12: error: two snapshots with the same date 2022-12-31: "
                 "this one and data/sampleton/snapshots/2022-12-31.json; keep one, or correct as_at\n"
                 "      \"as_at\": \"2022-12-31\",\n"
                 "               ^\n"));
}

TEST_CASE("a build stopped by an error after other authorities' pages were made leaves the site as it was") {
  // One thread takes the authorities in order, so North East Lincolnshire's
  // changed pages are made before St Helens's error is found.
  fs::path work = WorkDir("stopped-part-way");
  fs::create_directories(work / "src");
  for (const char* part : {"site.yml", "content", "data"})
    fs::copy(fs::path(TRACKER_REPO) / part, work / "src" / part, fs::copy_options::recursive);
  const std::string site = Quote((work / "site").string());
  const std::string args = "build --source " + Quote((work / "src").string()) + " --out " + site + " --jobs 1";
  REQUIRE(Tracker(args).exit == 0);
  const auto before = Tree(work / "site");
  fs::path nel = work / "src/content/north-east-lincolnshire/documents";
  fs::path sth = work / "src/content/st-helens/documents";
  fs::path changed = fs::directory_iterator(nel)->path(), broken = fs::directory_iterator(sth)->path();
  std::ofstream(changed, std::ios::app) << "\nA paragraph the published site does not have yet.\n";
  const std::string good = ReadFile(broken);
  std::string bad = good;
  bad.replace(bad.find("title:"), 6, "titel:");
  std::ofstream(broken, std::ios::trunc) << bad;
  Run failed = Tracker(args);
  CHECK(failed.exit == 1);
  CHECK(Contains(failed.err, "unknown field 'titel'"));
  CHECK(Tree(work / "site") == before);
  // Fixed, the next build is a clean build's site.
  std::ofstream(broken, std::ios::trunc) << good;
  REQUIRE(Tracker(args).exit == 0);
  REQUIRE(Tracker("build --source " + Quote((work / "src").string()) + " --out " +
                  Quote((work / "clean").string())).exit == 0);
  CHECK(Tree(work / "site") == Tree(work / "clean"));
  CHECK(Tree(work / "site") != before);
}

// Contradictory input is an error at both places, never a silent choice.
TEST_CASE("contradictory targets: a snapshot's against the measure's, two measures, a direction, the impossible") {
  fs::path work = WorkDir("contradictions");
  fs::copy(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", work / "src", fs::copy_options::recursive);
  const fs::path src = work / "src";
  // A snapshot repeating the target with another value.
  std::ofstream(src / "data/sampleton/snapshots/2023-03-31.json")
      << "{\"as_at\": \"2023-03-31\", \"values\": {\"visits_in_time\": 88},\n \"targets\": {\"visits_in_time\": 85}}\n";
  // A KPI with a target and no measure to hold it.
  std::ofstream(src / "data/sampleton/snapshots/2023-04-30.json")
      << "{\"as_at\": \"2023-04-30\", \"values\": {\"referrals\": 10}, \"targets\": {\"referrals\": 5}}\n";
  // A second measure of the same KPI with another target, and one whose
  // target asks for the worse direction, and an impossible one.
  std::ofstream(src / "content/sampleton/measures/visits-again.md")
      << "---\ntitle: Visits again\nkpi: visits_in_time\ntarget:\n  op: \">=\"\n  value: 95\n---\n";
  std::ofstream(src / "content/sampleton/measures/caseload-up.md")
      << "---\ntitle: Caseloads up\nkpi: caseload\ntarget:\n  op: \">=\"\n  value: 20\n---\n";
  std::ofstream(src / "content/sampleton/measures/visits-over.md")
      << "---\ntitle: Visits over\nkpi: supervision\ntarget:\n  op: \">\"\n  value: 100\n---\n";
  Run r = Tracker("check --source " + Quote(src.string()));
  CHECK(r.exit == 1);
  CHECK(Contains(r.err, "data/sampleton/snapshots/2023-03-31.json:2:32: error: target 85 for 'visits_in_time' disagrees "
                        "with the measure's target '>= 90' at content/sampleton/measures/visits.md:9:3; a measure has one "
                        "target: correct this one or remove it"));
  CHECK(Contains(r.err, "data/sampleton/snapshots/2023-04-30.json:1:79: error: a target for 'referrals', but no measure of "
                        "sampleton sets one; a target belongs to its measure: add 'target:' to the measure with 'kpi: "
                        "referrals', and remove it here"));
  CHECK(Contains(r.err, "content/sampleton/measures/visits-again.md:5:3: error: two targets for KPI 'visits_in_time': '>= 95' "
                        "here and '>= 90' at content/sampleton/measures/visits.md:9:3; measures that share a KPI must share its target"));
  CHECK(Contains(r.err, "content/sampleton/measures/caseload-up.md:5:3: error: target '>= 20' asks for a higher value, but "
                        "KPI 'caseload' is lower_is_better (data/kpis.json:6:5); change the target's op or the KPI's direction"));
  CHECK(Contains(r.err, "content/sampleton/measures/visits-over.md:5:3: error: no percent can meet the target '> 100'; use '>='"));
}

TEST_CASE("a key given twice in a JSON source is an error at both places, a byte-order mark in site.yml is accepted") {
  fs::path work = WorkDir("json-twice");
  fs::copy(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", work / "src", fs::copy_options::recursive);
  const fs::path src = work / "src";
  std::ofstream(src / "data/sampleton/snapshots/2023-03-31.json")
      << "{\"as_at\": \"2023-03-31\",\n \"values\": {\"visits_in_time\": 88,\n   \"supervision\": {\"North\": 80, \"North\": 81},\n"
         "   \"visits_in_time\": 91}}\n";
  // Saved by an editor that writes a byte-order mark.
  std::string yml = ReadFile(src / "site.yml");
  std::ofstream(src / "site.yml") << "\xEF\xBB\xBF" << yml;
  Run r = Tracker("check --source " + Quote(src.string()));
  CHECK(r.exit == 1);
  CHECK(r.err ==
        "data/sampleton/snapshots/2023-03-31.json:3:33: error: field 'North' is given twice in one object, here and at 3:20; keep one\n"
        "       \"supervision\": {\"North\": 80, \"North\": 81},\n"
        "                                    ^\n"
        "data/sampleton/snapshots/2023-03-31.json:4:4: error: field 'visits_in_time' is given twice in one object, here and at 2:13; keep one\n"
        "       \"visits_in_time\": 91}}\n"
        "       ^\n"
        "2 errors\n"
        "check failed\n");
  fs::remove(src / "data/sampleton/snapshots/2023-03-31.json");
  Run ok = Tracker("check --source " + Quote(src.string()));
  CHECK(ok.exit == 0);
  CHECK(ok.err.empty());
}

TEST_CASE("every address an author gives is http or https, and the contact is one email address") {
  fs::path work = WorkDir("addresses");
  fs::copy(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", work / "src", fs::copy_options::recursive);
  const fs::path src = work / "src";
  std::string yml = ReadFile(src / "site.yml");
  const size_t at = yml.find("contact_email:");
  REQUIRE(at != std::string::npos);
  yml.replace(at, yml.find('\n', at) - at, "contact_email: \"a@b.example?cc=c@d.example\"");
  std::ofstream(src / "site.yml") << yml << "licence:\n  name: Open\n  url: \"javascript:alert(1)\"\n";
  std::ofstream(src / "content/sampleton/documents/link.md")
      << "---\ntitle: Link\ntype: other\ndate: 2023-01-01\nsource_url: \"data:text/html,<script>x</script>\"\n---\n";
  Run r = Tracker("check --source " + Quote(src.string()));
  CHECK(r.exit == 1);
  CHECK(Contains(r.err, "content/sampleton/documents/link.md:5:13: error: source_url must be an absolute address "
                        "starting with https:// or http://"));
  CHECK(Contains(r.err, ": error: licence url must be an absolute address starting with https:// or http://"));
  CHECK(Contains(r.err, "site.yml:5:16: error: contact_email must be one email address, such as "
                        "accessibility@council.gov.uk, with no spaces, second address or query such as ?cc="));
}
