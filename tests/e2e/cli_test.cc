#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "e2e.h"

using namespace e2e;

TEST_CASE("--help describes the commands and the exit codes") {
  Run r = Tracker("--help");
  CHECK(r.exit == 0);
  CHECK(Contains(r.out, "build"));
  CHECK(Contains(r.out, "check"));
  CHECK(Contains(r.out, "Exit status:"));
  for (const char* line : {"0  success", "1  content errors", "2  usage error", "3  environment error", "4  busy"})
    CHECK(Contains(r.out, line));
  Run b = Tracker("build --help");
  CHECK(b.exit == 0);
  CHECK(Contains(b.out, "--as-at"));
  CHECK(Contains(b.out, "--out"));
}

TEST_CASE("--version prints the version") {
  Run r = Tracker("--version");
  CHECK(r.exit == 0);
  CHECK(r.out.rfind("tracker ", 0) == 0);
}

TEST_CASE("usage errors exit 2") {
  CHECK(Tracker("").exit == 2);
  CHECK(Tracker("publish").exit == 2);
  CHECK(Tracker("build --no-such-flag").exit == 2);
  Run bad_date = Tracker("build --as-at 2023-02-30 --source " + Quote(TRACKER_REPO));
  CHECK(bad_date.exit == 2);
  CHECK(Contains(bad_date.err, "--as-at '2023-02-30' is not a date"));
  Run missing = Tracker("check --source /nonexistent/folder");
  CHECK(missing.exit == 2);
  CHECK(Contains(missing.err, "source folder '/nonexistent/folder' does not exist"));
}

TEST_CASE("the output may not be the source folder or inside its content") {
  fs::path work = WorkDir("out-safety");
  fs::copy(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", work / "src", fs::copy_options::recursive);
  Run r = Tracker("build --source " + Quote((work / "src").string()) + " --out " + Quote((work / "src").string()));
  CHECK(r.exit == 2);
  CHECK(Contains(r.err, "holds the source folder"));
  Run inside = Tracker("build --source " + Quote((work / "src").string()) + " --out " + Quote((work / "src/content/x").string()));
  CHECK(inside.exit == 2);
  CHECK(fs::exists(work / "src/content/sampleton/_authority.md"));
}

TEST_CASE("--json has one shape whether the build wrote, found nothing to do, failed or was checking") {
  fs::path work = WorkDir("json-shape");
  fs::copy(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", work / "src", fs::copy_options::recursive);
  const std::string src = Quote((work / "src").string()), out = Quote((work / "site").string());
  auto keys = [](const std::string& text) {
    auto j = nlohmann::json::parse(text);
    std::vector<std::string> k;
    for (const auto& [key, _] : j.items()) k.push_back(key);
    for (const auto& [key, _] : j["summary"].items()) k.push_back("summary." + key);
    return k;
  };
  Run built = Tracker("build --json --source " + src + " --out " + out);
  Run same = Tracker("build --json --source " + src + " --out " + out);
  Run checked = Tracker("check --json --source " + src);
  std::ofstream(work / "src/content/sampleton/documents/bad.md") << "---\ntitle: Bad\n---\n";
  Run failed = Tracker("build --json --source " + src + " --out " + out);
  REQUIRE(built.exit == 0);
  REQUIRE(same.exit == 0);
  REQUIRE(checked.exit == 0);
  REQUIRE(failed.exit == 1);
  CHECK(nlohmann::json::parse(same.out)["summary"]["up_to_date"] == true);
  CHECK(nlohmann::json::parse(built.out)["summary"]["up_to_date"] == false);
  CHECK(nlohmann::json::parse(failed.out)["message"].is_null());
  CHECK(keys(built.out) == keys(same.out));
  CHECK(keys(built.out) == keys(checked.out));
  CHECK(keys(built.out) == keys(failed.out));
}
