#include "load/source_tree.h"

#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <thread>
#include <vector>
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

namespace {

// The path below root, with '/' separators. Plain string work: fs::relative
// resolves every component with system calls, thousands of times over.
std::string RelativeTo(const fs::path& root, const fs::path& p) {
  std::string r = root.generic_string(), s = p.generic_string();
  if (!r.empty() && r.back() != '/') r += '/';
  return s.compare(0, r.size(), r) == 0 ? s.substr(r.size()) : s;
}

std::vector<fs::path> ListSources(const fs::path& root, Diagnostics* diag) {
  std::vector<fs::path> paths;
  std::error_code ec;
  if (fs::is_regular_file(root / "site.yml", ec)) paths.push_back(root / "site.yml");
  for (const char* dir : {"content", "data", "themes"}) {
    fs::path d = root / dir;
    if (!fs::is_directory(d, ec)) continue;
    fs::recursive_directory_iterator it(d, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      if (Hidden(it->path())) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) paths.push_back(it->path());
    }
    if (ec && diag) diag->Error({dir, 0, 0}, "cannot list this folder: " + ec.message());
  }
  return paths;
}

}  // namespace

std::map<std::string, std::string> StatSourceTree(const fs::path& root) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (const auto& p : ListSources(root, nullptr)) {
    struct stat st;
    if (::stat(p.c_str(), &st) != 0) continue;
    long long ns = st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    out[RelativeTo(root, p)] = std::to_string(st.st_size) + ":" + std::to_string(ns);
  }
  return out;
}

SourceTree ReadSourceTree(const fs::path& root, Diagnostics& diag) {
  SourceTree tree;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    diag.Error({root.string(), 0, 0},
               "source folder does not exist; pass the folder that holds site.yml with --source");
    return tree;
  }
  // List first, then read on every core: a national site has tens of
  // thousands of small files.
  std::vector<fs::path> paths = ListSources(root, &diag);
  std::vector<std::string> texts(paths.size());
  std::vector<char> ok(paths.size(), 0);
  std::atomic<size_t> next{0};
  auto reader = [&] {
    for (size_t i; (i = next++) < paths.size();) ok[i] = ReadFile(paths[i], &texts[i]);
  };
  std::vector<std::thread> threads;
  unsigned n = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  for (unsigned t = 1; t < n; ++t) threads.emplace_back(reader);
  reader();
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < paths.size(); ++i) {
    std::string rel = RelativeTo(root, paths[i]);
    if (!ok[i])
      diag.Error({rel, 0, 0}, "cannot read this file; check its permissions");
    else
      tree.files.emplace(std::move(rel), std::move(texts[i]));
  }
  return tree;
}

}  // namespace tracker
