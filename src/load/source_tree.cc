#include "load/source_tree.h"

#include <fstream>
#include <sstream>
#include <system_error>

namespace tracker {

namespace fs = std::filesystem;

namespace {

bool ReadFile(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return !in.bad();
}

bool Hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return name.empty() || name[0] == '.' || name.back() == '~';
}

}  // namespace

SourceTree ReadSourceTree(const fs::path& root, Diagnostics& diag) {
  SourceTree tree;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    diag.Error({root.string(), 0, 0},
               "source folder does not exist; pass the folder that holds site.yml with --source");
    return tree;
  }
  auto add = [&](const fs::path& p) {
    std::string rel = fs::relative(p, root, ec).generic_string();
    std::string text;
    if (!ReadFile(p, &text))
      diag.Error({rel, 0, 0}, "cannot read this file; check its permissions");
    else
      tree.files.emplace(rel, std::move(text));
  };
  if (fs::is_regular_file(root / "site.yml", ec)) add(root / "site.yml");
  for (const char* dir : {"content", "data", "themes"}) {
    fs::path d = root / dir;
    if (!fs::is_directory(d, ec)) continue;
    fs::recursive_directory_iterator it(d, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      if (Hidden(it->path())) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) add(it->path());
    }
    if (ec) diag.Error({dir, 0, 0}, "cannot list this folder: " + ec.message());
  }
  return tree;
}

}  // namespace tracker
