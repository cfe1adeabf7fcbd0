#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <map>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "load/fingerprint.h"
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
  // Beside the site there is only tracker's own folder.
  std::vector<std::string> beside;
  for (auto& e : fs::directory_iterator(tmp.path)) beside.push_back(e.path().filename().string());
  std::sort(beside.begin(), beside.end());
  CHECK(beside == std::vector<std::string>{".site.tracker", "site"});
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

TEST_CASE("a back folder without its record is never trusted") {
  TempDir tmp;
  std::string error;
  REQUIRE(PublishSite(tmp.path / "site", {{"index.html", "one"}}, &error));
  REQUIRE(PublishSite(tmp.path / "site", {{"index.html", "two"}}, &error));
  // As a build killed while reworking the back folder leaves it.
  fs::remove(tmp.path / ".site.tracker/back.json");
  std::ofstream(tmp.path / ".site.tracker/back/half.html") << "half";
  std::ofstream(tmp.path / ".site.tracker/back/index.html") << "garbage";
  REQUIRE(PublishSite(tmp.path / "site", {{"index.html", "three"}, {"b.html", "b"}}, &error));
  CHECK(Read(tmp.path / "site/index.html") == "three");
  CHECK(Read(tmp.path / "site/b.html") == "b");
  CHECK_FALSE(fs::exists(tmp.path / "site/half.html"));
}

namespace {

std::map<std::string, std::string> Files(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) out[fs::relative(e.path(), root).generic_string()] = Read(e.path());
  out.erase(kManifestName);
  return out;
}

ino_t Inode(const fs::path& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

}  // namespace

TEST_CASE("each build reworks the back folder, touching only what differs") {
  TempDir tmp;
  fs::path out = tmp.path / "site";
  std::string error;
  // Versions of a site: files change, appear and go, folders empty out.
  std::vector<std::vector<OutputFile>> versions = {
      {{"index.html", "1"}, {"a/x.html", "x"}, {"a/y.html", "y"}, {"keep.html", "k"}},
      {{"index.html", "2"}, {"a/x.html", "x2"}, {"keep.html", "k"}, {"b/new.html", "n"}},
      {{"index.html", "3"}, {"keep.html", "k"}, {"b/new.html", "n"}},
      {{"index.html", "3"}, {"keep.html", "k"}, {"b/new.html", "n2"}, {"a/y.html", "y again"}},
      {{"index.html", "3"}, {"keep.html", "k"}, {"b/new.html", "n2"}, {"a/y.html", "y again"}},
  };
  ino_t keep = 0;
  for (size_t v = 0; v < versions.size(); ++v) {
    CAPTURE(v);
    REQUIRE(PublishSite(out, versions[v], &error));
    std::map<std::string, std::string> want;
    for (const auto& f : versions[v]) want[f.path] = f.bytes;
    CHECK(Files(out) == want);
    // The back folder is the same files, ready to become the next site.
    CHECK(Files(tmp.path / ".site.tracker/back") == want);
    for (const auto& [path, _] : want) CHECK(Inode(tmp.path / ".site.tracker/back" / path) == Inode(out / path));
    // A file never changed is the same file all along.
    if (v == 0) keep = Inode(out / "keep.html");
    CHECK(Inode(out / "keep.html") == keep);
  }
  CHECK_FALSE(fs::exists(out / "a/x.html"));
  CHECK(fs::exists(tmp.path / ".site.tracker/back.json"));
}

TEST_CASE("a file joined from others is made without holding them") {
  TempDir tmp;
  fs::path out = tmp.path / "site";
  std::string error;
  OutputFile joined;
  joined.path = "all.csv";
  joined.pieces = {Piece("head\n"), Piece("a.csv", 5, 4), Piece("b.csv", 5, 3)};
  REQUIRE(PublishSite(out, {{"a.csv", "head\nrowA"}, {"b.csv", "head\nrow"}, joined}, &error));
  CHECK(Read(out / "all.csv") == "head\nrowArow");
  ino_t first = Inode(out / "all.csv");
  {
    // Built again from the same parts, it is the same file.
    Publisher p;
    REQUIRE(p.Begin(out, &error));
    p.Write("", {"a.csv", "head\nrowA"});
    p.Write("", {"b.csv", "head\nrow"});
    p.Write("", joined);
    REQUIRE(p.Commit(Manifest{}, &error));
    CHECK(p.stats().written == 0);
    CHECK(Inode(out / "all.csv") == first);
    CHECK(p.previous().files.at("all.csv").size == 12);
  }
  // A part that changes changes the whole.
  Publisher again;
  REQUIRE(again.Begin(out, &error));
  again.Write("", {"a.csv", "head\nrowB"});
  again.Write("", {"b.csv", "head\nrow"});
  again.Write("", joined);
  REQUIRE(again.Commit(Manifest{}, &error));
  CHECK(Read(out / "all.csv") == "head\nrowBrow");
}

TEST_CASE("a reused group keeps its published files and its manifest entries") {
  TempDir tmp;
  fs::path out = tmp.path / "site";
  std::string error;
  OutputFile joined;
  joined.path = "all.csv";
  joined.pieces = {Piece("h\n"), Piece("a/data.csv", 2, 1), Piece("b/data.csv", 2, 1)};
  {
    Publisher p;
    REQUIRE(p.Begin(out, &error));
    p.Write("a", {"a/data.csv", "h\n1"});
    p.Write("a", {"a/page.html", "a page"});
    p.Write("b", {"b/data.csv", "h\n2"});
    p.Write("b", {"b/gone.html", "goes"});
    p.Write("", joined);
    REQUIRE(p.Commit(Manifest{}, &error));
  }
  const ino_t page = Inode(out / "a/page.html");
  {
    Publisher p;
    REQUIRE(p.Begin(out, &error));
    REQUIRE(p.previous().files.size() == 5);
    CHECK(p.Reuse("a"));
    CHECK(p.Reuse("a"));  // asked twice, kept once
    CHECK_FALSE(p.Reuse("nobody"));
    p.Write("b", {"b/data.csv", "h\n3"});
    p.Write("a", {"a/page.html", "a page"});  // rendered after all, the same bytes
    p.Write("", joined);                      // one piece kept, one new
    REQUIRE(p.Commit(Manifest{}, &error));
    CHECK(p.stats().unchanged == 2);
    CHECK(p.stats().written == 2);
    CHECK(p.stats().deleted == 1);
    CHECK(Read(out / "all.csv") == "h\n13");
    CHECK(Inode(out / "a/page.html") == page);
    CHECK_FALSE(fs::exists(out / "b/gone.html"));
    auto m = ManifestFromJson(Read(out / kManifestName));
    REQUIRE(m);
    std::vector<std::string> paths;
    for (const auto& [path, e] : m->files) paths.push_back(path + " " + e.group + " " + std::to_string(e.size));
    CHECK(paths == std::vector<std::string>{"a/data.csv a 3", "a/page.html a 6", "all.csv  4", "b/data.csv b 3"});
    CHECK(m->files.at("a/page.html").hash == HashBytes("a page"));
  }

  // A kept group's file rendered again with other bytes is written anew.
  Publisher again;
  REQUIRE(again.Begin(out, &error));
  CHECK(again.Reuse("a"));
  again.Write("a", {"a/page.html", "changed"});
  again.Write("b", {"b/data.csv", "h\n3"});
  again.Write("", joined);
  REQUIRE(again.Commit(Manifest{}, &error));
  CHECK(Read(out / "a/page.html") == "changed");
  CHECK(ManifestFromJson(Read(out / kManifestName))->files.at("a/page.html").hash == HashBytes("changed"));
}

TEST_CASE("a large joined file holds every piece in its place") {
  // The pieces differ, so a slice put in the wrong place shows.
  TempDir tmp;
  fs::path out = tmp.path / "site";
  std::vector<OutputFile> files;
  OutputFile joined;
  joined.path = "all.json";
  joined.pieces.emplace_back("[\n");
  std::string expected = "[\n";
  for (int i = 0; i < 6; ++i) {
    std::string name = "part-" + std::to_string(i) + ".json";
    std::string body(3 << 20, static_cast<char>('a' + i));
    body.replace(0, name.size(), name);
    files.push_back({name, "head\n" + body});
    joined.pieces.emplace_back(name, 5, body.size());
    joined.pieces.emplace_back(i < 5 ? ",\n" : "\n]\n");
    expected += body + (i < 5 ? ",\n" : "\n]\n");
  }
  files.push_back(joined);
  std::string error;
  REQUIRE(PublishSite(out, files, &error));
  const std::string made = Read(out / "all.json");
  REQUIRE(made.size() == expected.size());
  CHECK(made == expected);
  CHECK_FALSE(fs::exists(tmp.path / ".site.tracker" / "back" / "all.json.tracker-part"));
}

TEST_CASE("two builds into one folder cannot run at once") {
  TempDir tmp;
  std::string error;
  Publisher first, second;
  REQUIRE(first.Begin(tmp.path / "site", &error));
  CHECK_FALSE(second.Begin(tmp.path / "site", &error));
  CHECK(error.find("another tracker build is writing to") != std::string::npos);
  first.Abort();
}

TEST_CASE("the manifest reads back as written, odd names included") {
  Manifest m;
  m.tool = "tracker 1";
  m.inputs = "abc";
  m.global = "def";
  m.options = "--as-at=";
  m.groups = {{"a", "1"}, {"b", "2"}};
  m.files = {{"a/index.html", {"h1", 10, "a"}}, {"odd \"name\".html", {"h2", 0, ""}}, {"z.css", {"h3", 7, ""}}};
  for (const Manifest& x : {m, Manifest{}}) {
    auto back = ManifestFromJson(ManifestToJson(x));
    REQUIRE(back);
    CHECK(ManifestToJson(*back) == ManifestToJson(x));
  }
  CHECK(ManifestFromJson(ManifestToJson(m)) ->files.size() == 3);
  CHECK_FALSE(ManifestFromJson("{\"tool\": 1}"));
  // A path that would leave the site is refused, by either reader.
  m.files = {{"../x", {"h", 1, ""}}};
  CHECK_FALSE(ManifestFromJson(ManifestToJson(m)));
}

TEST_CASE("a large file the new site replaced waits in the trash until the next build with work") {
  TempDir tmp;
  fs::path out = tmp.path / "site", trash = tmp.path / ".site.tracker/trash";
  std::string error;
  const std::string big1(2 << 20, 'a'), big2(2 << 20, 'b'), small = "s";
  REQUIRE(PublishSite(out, {{"all.csv", big1}, {"index.html", small}}, &error));
  // The second version replaces the large file: its old copy leaves the
  // back folder for the trash, not for deletion, and the back folder is level.
  REQUIRE(PublishSite(out, {{"all.csv", big2}, {"index.html", small + "2"}}, &error));
  CHECK(Read(out / "all.csv") == big2);
  CHECK(Inode(tmp.path / ".site.tracker/back/all.csv") == Inode(out / "all.csv"));
  CHECK(Inode(tmp.path / ".site.tracker/back/index.html") == Inode(out / "index.html"));
  std::vector<std::string> trashed;
  for (auto& e : fs::directory_iterator(trash)) trashed.push_back(Read(e.path()));
  CHECK(trashed == std::vector<std::string>{big1});  // the small file was simply deleted
  // The next build that has work to do empties it.
  {
    Publisher p;
    REQUIRE(p.Begin(out, &error));
    p.EmptyTrash();
  }
  CHECK(fs::is_empty(trash));
  CHECK(Read(out / "all.csv") == big2);
}
