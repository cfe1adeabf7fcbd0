#include "load/source_tree.h"

#include "parallel.h"
#include "read_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <iterator>
#include <cstring>

#include <vector>
#include <system_error>

namespace tracker {

namespace fs = std::filesystem;

namespace {

struct Listed {
  std::string path;  // relative to the root, '/' separated
  std::string stat;  // "size:mtime in nanoseconds"
};

std::string StatText(const struct stat& st) {
  char size[24], time[24];
  char* size_end = std::to_chars(size, size + sizeof size, static_cast<long long>(st.st_size)).ptr;
  char* time_end = std::to_chars(time, time + sizeof time, st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec).ptr;
  std::string out;
  out.reserve((size_end - size) + 1 + (time_end - time));
  out.append(size, size_end).append(1, ':').append(time, time_end);
  return out;
}

// Lists one folder below `dirfd`: its visible regular files into `files`,
// its subfolders' paths into `subdirs`. Directory symlinks are not
// followed, as with the standard library's walk. False (with errno) when
// the folder cannot be read.
bool ListFolder(int dirfd, const std::string& rel, std::vector<Listed>& files, std::vector<std::string>& subdirs) {
  int fd = ::openat(dirfd, rel.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR* dir = fd < 0 ? nullptr : ::fdopendir(fd);
  if (!dir) {
    int saved = errno;
    if (fd >= 0) ::close(fd);
    errno = saved;
    return false;
  }
  while (dirent* e = ::readdir(dir)) {
    std::string_view name = e->d_name;
    if (name.empty() || name[0] == '.' || name.back() == '~') continue;
    if (e->d_type == DT_DIR) {
      subdirs.push_back(rel + "/" + e->d_name);
      continue;
    }
    struct stat st;
    if (::fstatat(::dirfd(dir), e->d_name, &st, 0) != 0) continue;
    if (S_ISREG(st.st_mode))
      files.push_back({rel + "/" + e->d_name, StatText(st)});
    else if (S_ISDIR(st.st_mode) && e->d_type == DT_UNKNOWN)
      subdirs.push_back(rel + "/" + e->d_name);
  }
  ::closedir(dir);
  return true;
}

// Every file below one folder.
void Walk(int dirfd, const std::string& rel, std::vector<Listed>& out, bool* failed) {
  std::vector<std::string> subdirs;
  if (!ListFolder(dirfd, rel, out, subdirs)) *failed = true;
  for (const auto& d : subdirs) Walk(dirfd, d, out, failed);
}

// Every source file with its size and time: site.yml, then content/, data/
// and themes/, whose folders are walked on every core.
std::vector<Listed> ListSources(const fs::path& root, Diagnostics* diag, int threads) {
  std::vector<Listed> out;
  int rootfd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (rootfd < 0) return out;
  struct stat st;
  if (::fstatat(rootfd, "site.yml", &st, 0) == 0 && S_ISREG(st.st_mode))
    out.push_back({"site.yml", StatText(st)});
  // The folders one level down (one per authority) are the units of work;
  // files directly in a top folder are listed here.
  std::vector<std::string> units;
  for (const char* top : {"content", "data", "themes"})
    if (!ListFolder(rootfd, top, out, units) && errno != ENOENT && errno != ENOTDIR && diag)
      diag->Error({top, 0, 0}, std::string("cannot list this folder: ") + std::strerror(errno));
  std::vector<std::vector<Listed>> found(units.size());
  std::vector<char> failed(units.size(), 0);
  ParallelFor(units.size(), units.size() < 16 ? 1 : threads, [&](size_t i) {
    bool f = false;
    Walk(rootfd, units[i], found[i], &f);
    failed[i] = f;
  });
  ::close(rootfd);
  size_t total = out.size();
  for (const auto& f : found) total += f.size();
  out.reserve(total);
  for (size_t i = 0; i < units.size(); ++i) {
    if (failed[i] && diag) diag->Error({units[i], 0, 0}, "cannot list this folder; check its permissions");
    std::move(found[i].begin(), found[i].end(), std::back_inserter(out));
  }
  // In path order, whatever order the file system listed them in.
  std::sort(out.begin(), out.end(), [](const Listed& x, const Listed& y) { return x.path < y.path; });
  return out;
}

}  // namespace

bool IsTextFile(const std::string& path) {
  for (const char* ext : {".md", ".yml", ".yaml", ".json", ".html", ".css", ".txt", ".svg", ".xml", ".js"})
    if (path.size() >= std::char_traits<char>::length(ext) && path.compare(path.size() - std::char_traits<char>::length(ext), std::string::npos, ext) == 0)
      return true;
  return false;
}

SourceStats StatSourceTree(const fs::path& root, int threads) {
  std::vector<Listed> listed = ListSources(root, nullptr, threads);
  SourceStats out;
  out.reserve(listed.size());
  for (auto& l : listed) out.emplace_back(std::move(l.path), std::move(l.stat));
  return out;
}

void ReadSources(const fs::path& root, const std::vector<std::string>& paths, SourceTree& tree, Diagnostics& diag,
                 int threads) {
  std::vector<std::string> texts(paths.size());
  std::vector<char> ok(paths.size(), 0);
  ParallelFor(paths.size(), paths.size() < 64 ? 1 : threads,
              [&](size_t i) {
                ok[i] = ReadWholeFile(root / paths[i], &texts[i]);
                if (ok[i] && texts[i].compare(0, 3, "\xEF\xBB\xBF") == 0 && IsTextFile(paths[i])) texts[i].erase(0, 3);
              });
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!ok[i])
      diag.Error({paths[i], 0, 0}, "cannot read this file; check its permissions");
    else
      tree.files.insert_or_assign(paths[i], std::move(texts[i]));
  }
}

SourceTree ReadSourceTree(const fs::path& root, Diagnostics& diag, int threads) {
  SourceTree tree;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    diag.Error({root.string(), 0, 0},
               "source folder does not exist; pass the folder that holds site.yml with --source");
    return tree;
  }
  // List first, then read on every core: a national site has tens of
  // thousands of small files.
  std::vector<std::string> paths;
  for (auto& l : ListSources(root, &diag, threads)) paths.push_back(std::move(l.path));
  ReadSources(root, paths, tree, diag, threads);
  return tree;
}

}  // namespace tracker
