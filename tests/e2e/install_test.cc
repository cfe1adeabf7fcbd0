// A tracker built by plain CMake writes a styled site or is refused, and
// `cmake --install` gives a binary that works from anywhere.
#include <doctest/doctest.h>

#include "e2e.h"

using namespace e2e;

namespace {

const fs::path kCss = "themes/default/assets/vendor/govuk-frontend.min.css";

// The repository's tracked files, as a fresh clone has them: no
// node_modules, no compiled styles.
fs::path Clone(const std::string& name) {
  const fs::path dir = WorkDir(name) / "repo";
  fs::create_directories(dir);
  Output o = Shell("cd " + Quote(TRACKER_REPO) + " && git ls-files -z | xargs -0 tar -cf - | tar -xf - -C " + Quote(dir.string()));
  REQUIRE_MESSAGE(o.exit == 0, o.text);
  REQUIRE_FALSE(fs::exists(dir / kCss));
  return dir;
}

}  // namespace

TEST_CASE("plain CMake without GOV.UK Frontend's styles refuses to configure, saying how to get them") {
  const fs::path repo = Clone("styles-missing");
  Output o = Shell("cmake -S " + Quote(repo.string()) + " -B " + Quote((repo / "build").string()));
  CHECK(o.exit != 0);
  CHECK(Contains(o.text, "GOV.UK Frontend's styles are missing"));
  CHECK(Contains(o.text, "Run ./scripts/setup"));
  CHECK_FALSE(fs::exists(repo / "build/Makefile"));
}

TEST_CASE("plain CMake with the front-end packages compiles the styles, the same bytes setup compiles") {
  const fs::path repo = Clone("styles-compiled");
  fs::create_directory_symlink(fs::path(TRACKER_REPO) / "node_modules", repo / "node_modules");
  Output o = Shell("cmake -S " + Quote(repo.string()) + " -B " + Quote((repo / "build").string()));
  CHECK_MESSAGE(o.exit == 0, o.text);
  CHECK(Contains(o.text, "Compiling GOV.UK Frontend styles"));
  REQUIRE(fs::exists(repo / kCss));
  const std::string css = ReadFile(repo / kCss);
  CHECK(css.size() > 50000);
  CHECK(css == ReadFile(fs::path(TRACKER_REPO) / kCss));
}

TEST_CASE("cmake --install puts a tracker under a prefix that builds a styled site from any folder") {
  const fs::path dir = WorkDir("install");
  Output inst = Shell("cmake --install " + Quote(TRACKER_BUILD_DIR) + " --prefix " + Quote((dir / "prefix").string()));
  REQUIRE_MESSAGE(inst.exit == 0, inst.text);
  const fs::path bin = dir / "prefix/bin/tracker";
  REQUIRE(fs::exists(bin));
  CHECK(fs::exists(dir / "prefix/share/doc/tracker/content-model.md"));
  // Run from elsewhere, with nothing of the repository beside it.
  Output site = Shell("cd " + Quote(dir.string()) + " && " + Quote(bin.string()) + " new site starter && " +
                      Quote(bin.string()) + " build --quiet --source starter");
  REQUIRE_MESSAGE(site.exit == 0, site.text);
  const std::string css = ReadFile(dir / "starter/site/assets/vendor/govuk-frontend.min.css");
  CHECK(css == ReadFile(fs::path(TRACKER_REPO) / kCss));
  CHECK(Contains(ReadFile(dir / "starter/site/index.html"), "assets/vendor/govuk-frontend.min.css"));
}
