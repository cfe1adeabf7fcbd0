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
