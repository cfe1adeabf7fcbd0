#include <doctest/doctest.h>

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
