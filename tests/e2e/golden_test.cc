#include <doctest/doctest.h>

#include "e2e.h"

using namespace e2e;

// The sample fixture's whole site, byte for byte, against tests/golden/sample.
// After an intended change, regenerate with:
//   TRACKER_UPDATE_GOLDEN=1 ctest --test-dir build -R golden
// and review the diff. The compiled GOV.UK Frontend CSS is left out: it comes
// from npm, not from tracker, and the build manifest is the build's own record.
TEST_CASE("golden: the sample site matches tests/golden/sample") {
  fs::path out = WorkDir("golden") / "site";
  Run r = Tracker("build --quiet --source " + Quote((fs::path(TRACKER_TEST_DATA) / "fixtures/sample").string()) +
                  " --out " + Quote(out.string()));
  REQUIRE_MESSAGE(r.exit == 0, r.err);
  auto built = Tree(out);
  for (auto it = built.begin(); it != built.end();)
    it = it->first.rfind("assets/vendor/", 0) == 0 || it->first == ".tracker-manifest.json" ? built.erase(it) : std::next(it);
  fs::path golden = fs::path(TRACKER_TEST_DATA) / "golden/sample";
  if (std::getenv("TRACKER_UPDATE_GOLDEN")) {
    fs::remove_all(golden);
    for (const auto& [rel, bytes] : built) {
      fs::create_directories((golden / rel).parent_path());
      std::ofstream(golden / rel, std::ios::binary) << bytes;
    }
  }
  auto expected = Tree(golden);
  REQUIRE(!expected.empty());
  for (const auto& entry : expected) {
    const std::string& rel = entry.first;  // no structured binding: clang 14 cannot capture one in CHECK_MESSAGE
    const auto& bytes = entry.second;
    auto it = built.find(rel);
    CHECK_MESSAGE(it != built.end(), (std::string("missing from the build: ") + rel));
    bool same = it != built.end() && it->second == bytes;  // a bool, so a failure names the file, not its text
    if (it != built.end()) CHECK_MESSAGE(same, (std::string("differs from golden: ") + rel));
  }
  for (const auto& entry : built) CHECK_MESSAGE(expected.count(entry.first), (std::string("not in golden: ") + entry.first));
}
