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
#include <cstdlib>
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

bool EndsWith(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

// What a file that is not a plain file is, for messages.
const char* KindOf(mode_t mode) {
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISDIR(mode)) return "a folder";
  return "not a regular file";
}

bool Within(const std::string& path, const std::string& folder) {
  return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
         (folder.back() == '/' || path[folder.size()] == '/');
}

// A hidden file that looks like content: said, as an author may not know
// that a leading '.' hides it. Editors' lock files (".#name") are not.
bool LooksLikeHiddenContent(std::string_view name) {
  if (name.size() < 2 || name[0] != '.' || name[1] == '#') return false;
  for (std::string_view ext : {".md", ".json", ".yml", ".yaml"})
    if (name.size() > ext.size() + 1 && EndsWith(name, ext)) return true;
  return false;
}

// Walks the source. Symbolic links are not followed blindly: one to a file
// inside the source is read as that file, anything else is reported.
struct Lister {
  int rootfd;
  fs::path root;
  std::string real_root;  // the source folder, every link resolved

  // A symbolic link at `rel`: listed when it leads to a file inside the
  // source; otherwise a problem naming where it leads, never what it holds.
  void Link(const std::string& rel, std::vector<Listed>& files, std::vector<Diagnostic>& problems) const {
    char target[4096];
    ssize_t n = ::readlinkat(rootfd, rel.c_str(), target, sizeof target - 1);
    const std::string to = n < 0 ? std::string("?") : std::string(target, static_cast<size_t>(n));
    auto problem = [&](const std::string& why) {
      problems.push_back({{rel, 0, 0}, Severity::kError, "is a symbolic link to '" + to + "', " + why});
    };
    char* real = ::realpath((root / rel).c_str(), nullptr);
    if (!real) {
      problem(errno == ELOOP ? "which leads round in a loop; remove it"
                             : "which does not exist; remove the link or put the file itself here");
      return;
    }
    const std::string resolved = real;
    std::free(real);
    if (!Within(resolved, real_root)) {
      problem("outside the source folder; tracker reads only what is inside it: copy what it points to into the source instead");
      return;
    }
    struct stat st;
    if (::stat(resolved.c_str(), &st) != 0) {
      problem(std::string("which cannot be read: ") + std::strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
      problem("a folder; tracker does not follow linked folders: move the folder here instead");
    } else if (!S_ISREG(st.st_mode)) {
      problem(std::string("which is ") + KindOf(st.st_mode) + "; tracker reads only files");
    } else {
      files.push_back({rel, StatText(st)});
    }
  }

  // Lists one folder: its visible files into `files`, its subfolders'
  // paths into `subdirs`. False (with errno) when the folder cannot be read.
  bool Folder(int dirfd, const std::string& rel, std::vector<Listed>& files, std::vector<std::string>& subdirs,
              std::vector<Diagnostic>& problems) const {
    // Not followed if it is a link: a folder swapped for one after it was
    // listed is not walked.
    int fd = ::openat(dirfd, rel.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR* dir = fd < 0 ? nullptr : ::fdopendir(fd);
    if (!dir) {
      int saved = errno;
      if (fd >= 0) ::close(fd);
      errno = saved;
      return false;
    }
    while (dirent* e = ::readdir(dir)) {
      std::string_view name = e->d_name;
      if (name.empty() || name == "." || name == "..") continue;
      if (name[0] == '.' || name.back() == '~') {
        if (LooksLikeHiddenContent(name))
          problems.push_back({{rel + "/" + e->d_name, 0, 0}, Severity::kWarning,
                              "not read: a name beginning with '.' hides a file; rename it if it should be published"});
        continue;
      }
      if (e->d_type == DT_DIR) {
        subdirs.push_back(rel + "/" + e->d_name);
        continue;
      }
      struct stat st;
      if (::fstatat(::dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      const std::string path = rel + "/" + e->d_name;
      if (S_ISREG(st.st_mode))
        files.push_back({path, StatText(st)});
      else if (S_ISDIR(st.st_mode))
        subdirs.push_back(path);
      else if (S_ISLNK(st.st_mode))
        Link(path, files, problems);
      else
        problems.push_back({{path, 0, 0}, Severity::kError,
                            std::string("is ") + KindOf(st.st_mode) + ", not a file; tracker reads only files: remove it"});
    }
    ::closedir(dir);
    return true;
  }

  // Every file below one folder. A loop, not recursion: folders nested
  // thousands deep cannot overflow the stack.
  void Walk(const std::string& rel, std::vector<Listed>& out, std::vector<Diagnostic>& problems) const {
    std::vector<std::string> pending = {rel};
    while (!pending.empty()) {
      std::string dir = std::move(pending.back());
      pending.pop_back();
      std::vector<std::string> subdirs;
      if (!Folder(rootfd, dir, out, subdirs, problems))
        problems.push_back({{dir, 0, 0}, Severity::kError, "cannot list this folder; check its permissions"});
      pending.insert(pending.end(), std::make_move_iterator(subdirs.rbegin()), std::make_move_iterator(subdirs.rend()));
    }
  }
};

std::string RealPath(const fs::path& p) {
  char* real = ::realpath(p.c_str(), nullptr);
  if (!real) return p.string();
  std::string out = real;
  std::free(real);
  return out;
}

// Every source file with its size and time: site.yml, then content/, data/
// and themes/, whose folders are walked on every core. What cannot be read
// safely goes into `problems`.
std::vector<Listed> ListSources(const fs::path& root, std::vector<Diagnostic>* problems, int threads) {
  std::vector<Listed> out;
  int rootfd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (rootfd < 0) return out;
  const Lister lister{rootfd, root, RealPath(root)};
  std::vector<Diagnostic> top_problems;
  struct stat st;
  if (::fstatat(rootfd, "site.yml", &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISREG(st.st_mode))
      out.push_back({"site.yml", StatText(st)});
    else if (S_ISLNK(st.st_mode))
      lister.Link("site.yml", out, top_problems);
    else
      top_problems.push_back({{"site.yml", 0, 0}, Severity::kError,
                              std::string("is ") + KindOf(st.st_mode) + ", not a file: site.yml must be a file"});
  }
  // The folders one level down (one per authority) are the units of work;
  // files directly in a top folder are listed here.
  std::vector<std::string> units;
  for (const char* top : {"content", "data", "themes"}) {
    if (lister.Folder(rootfd, top, out, units, top_problems)) continue;
    const int saved = errno;
    if (::fstatat(rootfd, top, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
      lister.Link(top, out, top_problems);
    else if (saved != ENOENT && saved != ENOTDIR)
      top_problems.push_back({{top, 0, 0}, Severity::kError, std::string("cannot list this folder: ") + std::strerror(saved)});
  }
  std::vector<std::vector<Listed>> found(units.size());
  std::vector<std::vector<Diagnostic>> unit_problems(units.size());
  ParallelFor(units.size(), units.size() < 16 ? 1 : threads,
              [&](size_t i) { lister.Walk(units[i], found[i], unit_problems[i]); });
  ::close(rootfd);
  size_t total = out.size();
  for (const auto& f : found) total += f.size();
  out.reserve(total);
  for (size_t i = 0; i < units.size(); ++i) std::move(found[i].begin(), found[i].end(), std::back_inserter(out));
  if (problems) {
    *problems = std::move(top_problems);
    for (auto& p : unit_problems) std::move(p.begin(), p.end(), std::back_inserter(*problems));
  }
  // In path order, whatever order the file system listed them in.
  std::sort(out.begin(), out.end(), [](const Listed& x, const Listed& y) { return x.path < y.path; });
  return out;
}

}  // namespace

bool IsTextFile(const std::string& path) {
  for (const char* ext : {".md", ".yml", ".yaml", ".json", ".csv", ".html", ".css", ".txt", ".svg", ".xml", ".js"})
    if (EndsWith(path, ext)) return true;
  return false;
}

SourceStats StatSourceTree(const fs::path& root, int threads, std::vector<Diagnostic>* problems) {
  std::vector<Listed> listed = ListSources(root, problems, threads);
  SourceStats out;
  out.reserve(listed.size());
  for (auto& l : listed) out.emplace_back(std::move(l.path), std::move(l.stat));
  return out;
}

namespace {

// Reads one source. A symbolic link is read only when it resolves to a file
// inside the source, checked again here as the file may have changed since
// it was listed.
std::string ReadSource(const fs::path& root, const std::string& real_root, const std::string& path, std::string* out) {
  const bool markdown = EndsWith(path, ".md");
  const size_t limit = markdown ? kMaxMarkdownBytes : kMaxSourceBytes;
  ReadFailure r = ReadRegularFile(root / path, out, limit);
  if (r == ReadFailure::kSymlink) {
    const std::string resolved = RealPath(root / path);
    if (!Within(resolved, real_root))
      return "is a symbolic link that leads outside the source folder; tracker reads only what is inside it";
    r = ReadRegularFile(resolved, out, limit);
  }
  switch (r) {
    case ReadFailure::kNone: return "";
    case ReadFailure::kTooLarge:
      return "is larger than " + (markdown ? std::to_string(limit >> 10) + " KB" : std::to_string(limit >> 20) + " MB") +
             ", the most tracker reads from one " + (markdown ? "Markdown file" : "source file") + "; split it";
    case ReadFailure::kNotAFile: return "is not a regular file; tracker reads only files";
    case ReadFailure::kSymlink: return "is a symbolic link to a link; link to the file itself";
    default: return "cannot read this file; check its permissions";
  }
}

}  // namespace

void ReadSources(const fs::path& root, const std::vector<std::string>& paths, SourceTree& tree, Diagnostics& diag,
                 int threads) {
  if (paths.empty()) return;
  const std::string real_root = RealPath(root);
  std::vector<std::string> texts(paths.size()), problems(paths.size());
  ParallelFor(paths.size(), paths.size() < 64 ? 1 : threads,
              [&](size_t i) {
                problems[i] = ReadSource(root, real_root, paths[i], &texts[i]);
                if (problems[i].empty() && texts[i].compare(0, 3, "\xEF\xBB\xBF") == 0 && IsTextFile(paths[i]))
                  texts[i].erase(0, 3);
              });
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!problems[i].empty())
      diag.Error({paths[i], 0, 0}, problems[i]);
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
  std::vector<Diagnostic> problems;
  std::vector<std::string> paths;
  for (auto& l : ListSources(root, &problems, threads)) paths.push_back(std::move(l.path));
  diag.Add(problems);
  ReadSources(root, paths, tree, diag, threads);
  return tree;
}

}  // namespace tracker
