#include <doctest/doctest.h>

#include <sys/stat.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "load/source_tree.h"

using namespace tracker;
namespace fs = std::filesystem;

TEST_CASE("the source tree holds site.yml, content, data and themes, and skips hidden files") {
  fs::path root = fs::temp_directory_path() / ("tracker-source-test-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "content/a/documents");
  fs::create_directories(root / "data/.git");
  fs::create_directories(root / "site");
  std::ofstream(root / "site.yml") << "title: T\n";
  std::ofstream(root / "content/a/_authority.md") << "x";
  std::ofstream(root / "content/a/documents/.notes.md.swp") << "x";
  std::ofstream(root / "content/a/documents/d.md~") << "x";
  std::ofstream(root / "data/.git/config") << "x";
  std::ofstream(root / "site/index.html") << "output, not input";
  Diagnostics diag;
  SourceTree tree = ReadSourceTree(root, diag);
  CHECK_FALSE(diag.HasErrors());
  std::vector<std::string> paths;
  for (const auto& [p, _] : tree.files) paths.push_back(p);
  CHECK(paths == std::vector<std::string>{"content/a/_authority.md", "site.yml"});
  fs::remove_all(root);
}

TEST_CASE("sizes and times are listed for the same files, and chosen files are read alone") {
  fs::path root = fs::temp_directory_path() / ("tracker-source-stat-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "content/a/documents");
  fs::create_directories(root / "data/a/snapshots");
  fs::create_directories(root / "data/.cache");
  std::ofstream(root / "site.yml") << "title: T\n";
  std::ofstream(root / "content/a/_authority.md") << "abc";
  std::ofstream(root / "content/a/documents/d.md") << "d";
  std::ofstream(root / "data/kpis.json") << "{}";
  std::ofstream(root / "data/a/snapshots/2020-01-01.json") << "{}";
  std::ofstream(root / "data/.cache/x") << "hidden";
  auto stats = StatSourceTree(root);
  std::vector<std::string> listed;
  for (const auto& [p, stat] : stats) listed.push_back(p);
  CHECK(listed == std::vector<std::string>{"content/a/_authority.md", "content/a/documents/d.md",
                                           "data/a/snapshots/2020-01-01.json", "data/kpis.json", "site.yml"});
  CHECK(stats[0].second.rfind("3:", 0) == 0);  // content/a/_authority.md: size first
  Diagnostics diag;
  CHECK(ReadSourceTree(root, diag).files.size() == listed.size());
  SourceTree some;
  ReadSources(root, {"site.yml", "content/a/documents/d.md"}, some, diag);
  CHECK(some.files.size() == 2);
  CHECK(*some.Find("content/a/documents/d.md") == "d");
  ReadSources(root, {"content/missing.md"}, some, diag);
  CHECK(diag.HasErrors());
  fs::remove_all(root);
}

TEST_CASE("a byte-order mark is dropped once, where text files are read, and kept in any other file") {
  fs::path root = fs::temp_directory_path() / ("tracker-source-bom-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "content/a/documents");
  fs::create_directories(root / "data/a/snapshots");
  fs::create_directories(root / "themes/t/assets");
  const std::string bom = "\xEF\xBB\xBF";
  std::ofstream(root / "site.yml") << bom << "title: T\n";
  std::ofstream(root / "content/a/_authority.md") << bom << "---\nname: A\n---\n";
  std::ofstream(root / "data/a/snapshots/2023-01-31.json") << bom << "{}";
  std::ofstream(root / "themes/t/assets/logo.png") << bom << "binary";
  std::ofstream(root / "content/a/documents/twice.md") << bom << bom << "---\n";
  Diagnostics diag;
  SourceTree tree = ReadSourceTree(root, diag);
  CHECK(*tree.Find("site.yml") == "title: T\n");
  CHECK(*tree.Find("content/a/_authority.md") == "---\nname: A\n---\n");
  CHECK(*tree.Find("data/a/snapshots/2023-01-31.json") == "{}");
  CHECK(*tree.Find("themes/t/assets/logo.png") == bom + "binary");     // not text: as it is
  CHECK(*tree.Find("content/a/documents/twice.md") == bom + "---\n");  // one mark, not every one
  fs::remove_all(root);
}

TEST_CASE("links are read only when they lead to a file inside the source, and pipes are named, never read") {
  fs::path base = fs::temp_directory_path() / ("tracker-source-links-" + std::to_string(::getpid()));
  fs::remove_all(base);
  const fs::path root = base / "src";
  fs::create_directories(root / "content/a/documents");
  fs::create_directories(base / "outside");
  std::ofstream(base / "outside/secret.md") << "SECRET";
  std::ofstream(root / "site.yml") << "title: T\n";
  std::ofstream(root / "content/a/_authority.md") << "inside";
  fs::create_symlink("../_authority.md", root / "content/a/documents/in.md");
  fs::create_symlink("../../../../outside/secret.md", root / "content/a/documents/out.md");
  fs::create_symlink("../../../outside", root / "content/a/linked");
  fs::create_symlink("gone.md", root / "content/a/documents/dangling.md");
  fs::create_symlink("loop.md", root / "content/a/documents/loop.md");
  REQUIRE(::mkfifo((root / "content/a/documents/pipe.md").c_str(), 0644) == 0);
  std::ofstream(root / "content/a/documents/.hidden.md") << "x";
  fs::create_symlink("../outside", root / "data");
  Diagnostics diag;
  SourceTree tree = ReadSourceTree(root, diag);
  CHECK(*tree.Find("content/a/documents/in.md") == "inside");
  CHECK_FALSE(tree.Find("content/a/documents/out.md"));
  std::vector<std::string> said;
  for (const auto& d : diag.Sorted())
    said.push_back(d.pos.path + (d.severity == Severity::kError ? " error: " : " warning: ") + d.message);
  CHECK(said == std::vector<std::string>{
      "content/a/documents/.hidden.md warning: not read: a name beginning with '.' hides a file; rename it if it should be published",
      "content/a/documents/dangling.md error: is a symbolic link to 'gone.md', which does not exist; remove the link or put the file itself here",
      "content/a/documents/loop.md error: is a symbolic link to 'loop.md', which leads round in a loop; remove it",
      "content/a/documents/out.md error: is a symbolic link to '../../../../outside/secret.md', outside the source folder; tracker reads only what is inside it: copy what it points to into the source instead",
      "content/a/documents/pipe.md error: is a named pipe (FIFO), not a file; tracker reads only files: remove it",
      "content/a/linked error: is a symbolic link to '../../../outside', outside the source folder; tracker reads only what is inside it: copy what it points to into the source instead",
      "data error: is a symbolic link to '../outside', outside the source folder; tracker reads only what is inside it: copy what it points to into the source instead"});
  // The listing a rebuild takes reports the same, so an unchanged site with
  // a bad link is never "up to date".
  std::vector<Diagnostic> problems;
  StatSourceTree(root, 1, &problems);
  CHECK(problems.size() == said.size());
  // Read directly (as if swapped in after the listing), a link out is
  // refused and a pipe reads as empty at once, never blocking the build.
  SourceTree direct;
  Diagnostics again;
  ReadSources(root, {"content/a/documents/out.md", "content/a/documents/pipe.md"}, direct, again);
  CHECK_FALSE(direct.Find("content/a/documents/out.md"));
  CHECK(*direct.Find("content/a/documents/pipe.md") == "");
  CHECK(again.errors() == 1);
  fs::remove_all(base);
}
