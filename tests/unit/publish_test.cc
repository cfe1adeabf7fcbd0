#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "publish/publish.h"

using namespace tracker;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tracker-publish-test-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("only plain relative paths may be written") {
  CHECK(IsSafeOutputPath("index.html"));
  CHECK(IsSafeOutputPath("a/b/c.html"));
  CHECK_FALSE(IsSafeOutputPath("../escape.html"));
  CHECK_FALSE(IsSafeOutputPath("a/../../b"));
  CHECK_FALSE(IsSafeOutputPath("/etc/passwd"));
  CHECK_FALSE(IsSafeOutputPath("a//b"));
  CHECK_FALSE(IsSafeOutputPath("a/./b"));
  CHECK_FALSE(IsSafeOutputPath("a\\b"));
  CHECK_FALSE(IsSafeOutputPath(""));
}

TEST_CASE("a site is published whole, replacing the previous one") {
  TempDir tmp;
  fs::path out = tmp.path / "site";
  std::string error;
  REQUIRE(PublishSite(out, {{"index.html", "one"}, {"a/old.html", "old"}}, &error));
  CHECK(Read(out / "index.html") == "one");
  REQUIRE(PublishSite(out, {{"index.html", "two"}}, &error));
  CHECK(Read(out / "index.html") == "two");
  CHECK_FALSE(fs::exists(out / "a/old.html"));  // outputs without a source go
  // No staging folder is left beside the site.
  int entries = 0;
  for (auto& e : fs::directory_iterator(tmp.path)) entries += e.path().filename() != "site";
  CHECK(entries == 0);
}

TEST_CASE("a failed publish leaves the previous site untouched") {
  TempDir tmp;
  fs::path out = tmp.path / "site";
  std::string error;
  REQUIRE(PublishSite(out, {{"index.html", "good"}}, &error));
  CHECK_FALSE(PublishSite(out, {{"index.html", "bad"}, {"../escape.html", "x"}}, &error));
  CHECK(error == "refusing to write outside the output folder: '../escape.html'");
  CHECK(Read(out / "index.html") == "good");
  CHECK_FALSE(fs::exists(tmp.path / "escape.html"));
}

TEST_CASE("a folder that tracker did not make is never replaced") {
  TempDir tmp;
  fs::path out = tmp.path / "documents";
  fs::create_directories(out);
  std::ofstream(out / "precious.txt") << "keep me";
  std::string error;
  CHECK_FALSE(PublishSite(out, {{"index.html", "x"}}, &error));
  CHECK(error.find("refusing to replace") != std::string::npos);
  CHECK(Read(out / "precious.txt") == "keep me");
}

TEST_CASE("leftovers of a killed build are cleaned up") {
  TempDir tmp;
  fs::create_directories(tmp.path / ".site.tmp-99999/half");
  std::string error;
  REQUIRE(PublishSite(tmp.path / "site", {{"index.html", "x"}}, &error));
  CHECK_FALSE(fs::exists(tmp.path / ".site.tmp-99999"));
}
