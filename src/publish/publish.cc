#include "publish/publish.h"

#include "publish/records.h"
#include "version.h"

#include "json_cursor.h"
#include "parallel.h"
#include "read_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <nlohmann/json.hpp>

#include "hash.h"
#include "escape.h"

namespace tracker {

namespace fs = std::filesystem;

bool IsSafeOutputPath(const std::string& rel) {
  if (rel.empty() || rel.front() == '/' || rel.back() == '/') return false;
  if (rel.find('\\') != std::string::npos || rel.find('\0') != std::string::npos) return false;
  size_t start = 0;
  for (;;) {
    size_t slash = rel.find('/', start);
    std::string part = rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

// Written as text: nlohmann's ordered objects find each key by a linear
// search, and a national site has tens of thousands of files.
std::string ManifestToJson(const Manifest& m) {
  auto str = [](const std::string& v) {
    std::string q;
    AppendJsonString(&q, v);
    return q;
  };
  std::string out = JsonRecordFirstLine(RecordKind::kManifest) + " \"tool\": " + str(m.tool) + ",\n \"inputs\": " + str(m.inputs) +
                    ",\n \"global\": " + str(m.global) + ",\n \"options\": " + str(m.options) + ",\n \"groups\": {";
  const char* sep = "\n  ";
  for (const auto& [g, fp] : m.groups) {
    out += sep + str(g) + ": " + str(fp);
    sep = ",\n  ";
  }
  out += m.groups.empty() ? "}" : "\n }";
  out += ",\n \"files\": {";
  sep = "\n  ";
  out.reserve(out.size() + m.files.size() * 120);
  for (const auto& [path, e] : m.files) {
    out += sep;
    AppendJsonString(&out, path);
    out += ": {\"hash\": ";
    AppendJsonString(&out, e.hash);
    out += ", \"size\": " + std::to_string(e.size) + ", \"group\": ";
    AppendJsonString(&out, e.group);
    out += "}";
    sep = ",\n  ";
  }
  out += m.files.empty() ? "}" : "\n }";
  out += "\n}\n";
  return out;
}

namespace {

// Reads the manifest exactly as ManifestToJson writes it, without building
// a JSON tree: it is read on every build, and is the one reader.
class ManifestReader {
 public:
  explicit ManifestReader(std::string_view text) : c_(text) {}

  std::optional<Manifest> Read() {
    Manifest m;
    if (!Lit(JsonRecordFirstLine(RecordKind::kManifest) + " \"tool\": ") || !Str(&m.tool) || !Lit(",\n \"inputs\": ") || !Str(&m.inputs) ||
        !Lit(",\n \"global\": ") || !Str(&m.global) || !Lit(",\n \"options\": ") || !Str(&m.options) ||
        !Lit(",\n \"groups\": {"))
      return std::nullopt;
    for (bool first = true; !Lit("}") && !Lit("\n }"); first = false) {
      std::string g, fp;
      if (!Lit(first ? "\n  " : ",\n  ") || !Str(&g) || !Lit(": ") || !Str(&fp)) return std::nullopt;
      m.groups.emplace_hint(m.groups.end(), std::move(g), std::move(fp));
    }
    if (!Lit(",\n \"files\": {")) return std::nullopt;
    for (bool first = true; !Lit("}") && !Lit("\n }"); first = false) {
      std::string path;
      ManifestEntry e;
      if (!Lit(first ? "\n  " : ",\n  ") || !Str(&path) || !Lit(": {\"hash\": ") || !Str(&e.hash) ||
          !Lit(", \"size\": ") || !Num(&e.size) || !Lit(", \"group\": ") || !Str(&e.group) || !Lit("}"))
        return std::nullopt;
      if (!IsSafeOutputPath(path)) return std::nullopt;
      m.files.emplace_hint(m.files.end(), std::move(path), std::move(e));
    }
    if (!Lit("\n}\n") || !c_.empty()) return std::nullopt;
    return m;
  }

 private:
  bool Lit(std::string_view s) { return c_.Lit(s); }
  bool Str(std::string* out) { return c_.Str(out); }
  bool Num(size_t* out) { return c_.Num(out); }
  JsonCursor c_;
};

}  // namespace

std::optional<Manifest> ManifestFromJson(const std::string& text) {
  return ManifestReader(text).Read();  // anything else, an older version included, is no manifest
}

namespace {

// A record of the last build; "" when missing.
std::string ReadAll(const fs::path& p) {
  std::string out;
  ReadWholeFile(p, &out);
  return out;
}

bool WriteAll(int fd, const char* data, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

bool WriteFile(const fs::path& p, std::string_view bytes, std::string* error) {
  // A new file of its own: never written through a link, nor blocked on a
  // named pipe left at its name.
  ::unlink(p.c_str());
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  bool ok = fd >= 0 && WriteAll(fd, bytes.data(), bytes.size());
  if (fd >= 0 && ::close(fd) != 0) ok = false;
  if (!ok) *error = "cannot write " + p.string() + ": " + std::strerror(errno);
  return ok;
}

// Makes `p` a new file of its own, never writing through a link to a
// published file: a file already there is unlinked first, and missing
// folders are made. Tried in the order of a clean build's common case, as
// each system call costs microseconds in the virtual machines CI runs on.
int CreateNewFile(const fs::path& p) {
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
  int fd = ::open(p.c_str(), kFlags, 0644);
  if (fd < 0 && errno == EEXIST) {
    ::unlink(p.c_str());
    fd = ::open(p.c_str(), kFlags, 0644);
  }
  if (fd < 0 && errno == ENOENT) {
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    fd = ::open(p.c_str(), kFlags, 0644);
  }
  return fd;
}

}  // namespace

bool Publisher::Begin(const fs::path& out_in, std::string* error) {
  std::error_code ec;
  out_ = fs::absolute(out_in, ec).lexically_normal();
  if (out_.filename().empty()) out_ = out_.parent_path();
  // Every link resolved, the output's own included: a site published
  // through a link (/var/www/site -> /srv/site) is built where the link
  // points, its state kept beside that folder, and the lock taken there, so
  // two names for one folder share one lock.
  // A link to a folder not made yet is followed too (weakly_canonical
  // leaves a dangling last link as it is).
  for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(out_, ec)); ++hops) {
    const fs::path to = fs::read_symlink(out_, ec);
    if (ec) break;
    out_ = (to.is_absolute() ? to : out_.parent_path() / to).lexically_normal();
  }
  out_ = fs::weakly_canonical(out_, ec);
  const fs::path parent = out_.parent_path();
  fs::create_directories(parent, ec);
  if (ec) {
    *error = "cannot create " + parent.string() + ": " + ec.message();
    return false;
  }
  cache_ = parent / ("." + out_.filename().string() + ".tracker");
  back_ = cache_ / "back";
  trash_ = cache_ / "trash";
  // The state folder is tracker's own: never a link to somewhere else,
  // whose files would be rewritten one by one.
  const fs::file_status cache_status = fs::symlink_status(cache_, ec);
  if (fs::exists(cache_status) && !fs::is_directory(cache_status)) {
    *error = cache_.string() + " is tracker's state folder for " + out_.string() +
             " but is not a folder (a link or a file); remove it and build again";
    return false;
  }
  fs::create_directories(cache_, ec);
  // One build at a time: two would both rework the back folder.
  lock_fd_ = ::open((cache_ / "lock").c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
  struct stat lock_st;
  if (lock_fd_ >= 0 && (::fstat(lock_fd_, &lock_st) != 0 || !S_ISREG(lock_st.st_mode))) {
    ::close(lock_fd_);
    lock_fd_ = -1;
    errno = EINVAL;
  }
  if (lock_fd_ < 0) {
    *error = "cannot create the lock file " + (cache_ / "lock").string() + ": " +
             (errno == EINVAL || errno == ELOOP ? std::string("something else is there; remove it")
                                                : std::string(std::strerror(errno)));
    return false;
  }
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    busy_ = true;
    *error = "another tracker build is writing to " + out_.string() + "; wait for it to finish, then build again";
    return false;
  }
  // Only a real folder is used as the back folder.
  if (fs::is_symlink(fs::symlink_status(back_, ec))) ::unlink(back_.c_str());
  std::string manifest_text;
  if (fs::exists(out_, ec)) {
    if (!fs::is_directory(out_, ec)) {
      *error = out_.string() + " exists and is not a folder; choose another --out";
      return false;
    }
    bool empty = fs::directory_iterator(out_, ec) == fs::directory_iterator();
    if (!empty && !fs::exists(out_ / kManifestName, ec)) {
      *error = "refusing to replace " + out_.string() +
               ": it is not empty and was not made by tracker; choose another --out or empty it";
      return false;
    }
    manifest_text = ReadAll(out_ / kManifestName);
    if (auto m = ManifestFromJson(manifest_text)) {
      previous_ = std::move(*m);
      has_previous_ = true;
    }
  }
  // The back folder is trusted only with its record, which names the
  // published site it was checked against.
  back_state_ = ReadAll(cache_ / "back.json");
  const auto back_body = RecordBody(back_state_, RecordKind::kBack);
  fresh_ = true;
  if (has_previous_ && fs::is_directory(back_, ec)) {
    try {
      auto j = nlohmann::json::parse(back_body ? *back_body : std::string_view("not a record"));
      if (j.at("live").get<std::string>() == HashBytes(manifest_text)) {
        for (const auto& p : j.at("stale")) stale_.insert(p.get<std::string>());
        fresh_ = false;
      }
    } catch (const nlohmann::json::exception&) {
    }
  }
  if (fresh_) {
    ::unlink((cache_ / "back.json").c_str());
    back_state_.clear();
    fs::remove_all(back_, ec);  // a killed or failed build's half-made site
    if (!fs::create_directory(back_, ec)) {
      *error = "cannot create " + back_.string() + ": " + (ec ? ec.message() : "it exists");
      return false;
    }
    touched_ = true;
  }
  open_ = true;
  return true;
}

std::string Publisher::ReadCache(const std::string& name) const { return ReadAll(cache_ / name); }

void Publisher::WriteCache(const std::string& name, const std::string& bytes) {
  if (cache_.empty()) return;  // not begun: there is no folder of ours to write in
  std::string tmp = (cache_ / (name + ".tmp")).string(), target = (cache_ / name).string(), why;
  if (!WriteFile(tmp, bytes, &why)) return;
  // Unlinked first, as in WriteNew: a cache lost to a crash between the two
  // only makes the next build slower.
  ::unlink(target.c_str());
  ::rename(tmp.c_str(), target.c_str());
}

void Publisher::Fail(const std::string& why) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!failed_) error_ = why;
  failed_ = true;
}

std::string Publisher::error() const {
  std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(mu_));
  return error_;
}

void Publisher::Record(const std::string& path, ManifestEntry entry) {
  std::lock_guard<std::mutex> lock(mu_);
  files_[path] = std::move(entry);
}

// Before the back folder is first changed, its record goes: a build killed
// from here on leaves a folder the next build will not trust.
void Publisher::Touch() {
  std::lock_guard<std::mutex> lock(mu_);
  if (touched_) return;
  ::unlink((cache_ / "back.json").c_str());
  touched_ = true;
}

// Makes the new site's `path` the published file itself: same inode, same
// modification time. Usually it already is.
bool Publisher::KeepPublished(const std::string& path) {
  if (!fresh_ && !stale_.count(path)) return true;
  Touch();
  fs::path from = out_ / path, to = back_ / path;
  ::unlink(to.c_str());
  if (::link(from.c_str(), to.c_str()) == 0) return true;
  if (errno == ENOENT) {
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    if (::link(from.c_str(), to.c_str()) == 0) return true;
  }
  return false;
}

// A joined file's fingerprint is made from its parts: the literal bytes and
// the fingerprints of the slices of files already in the new site. When it
// is unchanged, the file is too, and nothing is copied.
bool Publisher::JoinedEntry(const OutputFile& f, ManifestEntry* entry) {
  Hasher h;
  size_t total = 0;
  for (const Piece& p : f.pieces) {
    if (p.from.empty()) {
      h.Add(p.bytes);
      total += p.bytes.size();
      continue;
    }
    std::string from_hash;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = files_.find(p.from);
      if (it == files_.end() || p.offset + p.length > it->second.size) {
        error_ = "cannot join " + f.path + ": " + p.from + " is not in the new site";
        failed_ = true;
        return false;
      }
      from_hash = it->second.hash;
    }
    h.Add(p.from + "@" + std::to_string(p.offset) + "+" + std::to_string(p.length) + "#" + from_hash);
    total += p.length;
  }
  entry->hash = "joined:" + h.Hex();
  entry->size = total;
  return true;
}

// A joined file's pieces, copied into `fd` in one go: literal bytes
// written, slices copied by the kernel from the files in the back folder.
// Not split between threads: ext4 takes the file's lock for every write, so
// two copies into one file take turns, and the waiting one spins on a core
// the rest of the build could use (measured: more CPU, no less time).
bool Publisher::CopyPieces(int fd, const std::vector<Piece>& pieces) const {
  std::string buf;
  for (const Piece& p : pieces) {
    if (p.from.empty()) {
      if (!WriteAll(fd, p.bytes.data(), p.bytes.size())) return false;
      continue;
    }
    int in = ::open((back_ / p.from).c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return false;
    loff_t from = static_cast<loff_t>(p.offset);
    bool ok = true;
    for (size_t left = p.length; ok && left > 0;) {
      ssize_t n = ::copy_file_range(in, &from, fd, nullptr, left, 0);
      if (n < 0 && (errno == ENOSYS || errno == EXDEV || errno == EINVAL || errno == EOPNOTSUPP)) {
        // A file system that cannot: through a buffer instead.
        buf.resize(std::min<size_t>(left, 1 << 20));
        n = ::pread(in, buf.data(), std::min(buf.size(), left), from);
        if (n > 0 && !WriteAll(fd, buf.data(), static_cast<size_t>(n))) n = -1;
        if (n > 0) from += n;
      }
      if (n <= 0) ok = false;
      else left -= static_cast<size_t>(n);
    }
    const int saved = errno;  // what failed, not what close says
    ::close(in);
    if (!ok) {
      errno = saved;
      return false;
    }
  }
  return true;
}

// A file with new bytes: a new inode, never a write through a link to the
// published site. A joined file is made under a temporary name, its slices
// copied by the kernel without passing through this process.
bool Publisher::WriteNew(const OutputFile& f) {
  Touch();
  fs::path target = back_ / f.path;
  if (f.pieces.empty()) {
    int fd = CreateNewFile(target);
    bool ok = fd >= 0 && WriteAll(fd, f.bytes.data(), f.bytes.size());
    if (fd >= 0 && ::close(fd) != 0) ok = false;
    if (!ok) Fail("cannot write " + target.string() + ": " + std::strerror(errno));
    return ok;
  }
  fs::path part = back_ / (f.path + ".tracker-part");
  int fd = CreateNewFile(part);
  bool ok = fd >= 0 && CopyPieces(fd, f.pieces);
  if (fd >= 0 && ::close(fd) != 0) ok = false;
  if (!ok) {
    Fail("cannot write " + part.string() + ": " + std::strerror(errno));
    ::unlink(part.c_str());
    return false;
  }
  // The back folder is ours alone, so the old file can go first: renaming
  // over it would have ext4 allocate and start writing the new file's
  // hundred megabytes at once (its replace-by-rename safeguard).
  ::unlink(target.c_str());
  if (::rename(part.c_str(), target.c_str()) != 0) {
    Fail("cannot write " + target.string() + ": " + std::strerror(errno));
    return false;
  }
  return true;
}

void Publisher::Write(const std::string& group, const OutputFile& f) {
  if (failed_) return;
  if (!IsSafeOutputPath(f.path)) {
    Fail("refusing to write outside the output folder: '" + f.path + "'");
    return;
  }
  ManifestEntry entry{"", f.bytes.size(), group};
  if (f.pieces.empty())
    entry.hash = HashBytes(f.bytes);
  else if (!JoinedEntry(f, &entry))
    return;
  bool same_as_published = false;
  {
    // Already in the new site with these bytes (reused, then rendered).
    std::lock_guard<std::mutex> lock(mu_);
    auto done = files_.find(f.path);
    if (done != files_.end() && done->second.hash == entry.hash) return;
    // Under the lock, as Reuse moves entries out of the last manifest.
    auto old = previous_.files.find(f.path);
    same_as_published = has_previous_ && old != previous_.files.end() && old->second.hash == entry.hash &&
                        old->second.size == entry.size;
  }
  if (same_as_published && KeepPublished(f.path)) {
    ++unchanged_;
    Record(f.path, entry);
    return;
  }
  if (!WriteNew(f)) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    new_stale_.insert(f.path);
  }
  ++written_;
  Record(f.path, entry);
}

bool Publisher::Reuse(const std::string& group) {
  if (!has_previous_ || failed_) return false;
  std::vector<Previous> mine;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (reused_.count(group)) return true;
    if (by_group_.empty()) {
      // A group's files mostly come together in path order: its list is
      // found once for each run of them, not once a file.
      std::vector<Previous>* list = nullptr;
      const std::string* list_group = nullptr;
      for (auto it = previous_.files.begin(); it != previous_.files.end(); ++it) {
        if (!list_group || *list_group != it->second.group) {
          list = &by_group_[it->second.group];
          list_group = &it->second.group;
        }
        list->push_back(it);
      }
    }
    auto it = by_group_.find(group);
    if (it == by_group_.end()) return false;
    mine = it->second;
  }
  for (const auto& entry : mine)
    if (!KeepPublished(entry->first)) return false;
  std::lock_guard<std::mutex> lock(mu_);
  if (!reused_.insert(group).second) return true;
  // The entries move from the last manifest to the new one as they are,
  // not copied. In path order, and the groups mostly come in order too:
  // hinted at the end, each insertion costs one comparison, not a search.
  for (const auto& entry : mine) {
    auto node = previous_.files.extract(entry);
    files_.insert(files_.end(), std::move(node));
    if (node.empty())
      ++unchanged_;
    else
      previous_.files.insert(std::move(node));  // written already: the old entry stays for Commit
  }
  return true;
}

bool Publisher::Commit(const Manifest& in, std::string* error) {
  if (failed_) {
    *error = error_;
    Abort();
    return false;
  }
  Touch();
  Manifest m = in;
  m.tool = ToolIdentity();
  // What the new site no longer has leaves the back folder, and so do the
  // folders that held only that.
  std::set<fs::path, std::greater<>> dirs;
  auto drop = [&](const std::string& path) {
    fs::path p = back_ / path;
    if (::unlink(p.c_str()) == 0)
      for (fs::path d = p.parent_path(); d != back_ && d.native().size() > back_.native().size(); d = d.parent_path())
        dirs.insert(d);
  };
  // Both in path order: walked side by side.
  auto now = files_.begin();
  for (const auto& [path, _] : previous_.files) {
    while (now != files_.end() && now->first < path) ++now;
    if (now != files_.end() && now->first == path) continue;
    ++deleted_;
    new_stale_.insert(path);
    if (!fresh_) drop(path);
  }
  if (!fresh_)
    for (const auto& path : stale_)
      if (!files_.count(path) && !previous_.files.count(path)) drop(path);
  for (const auto& d : dirs) ::rmdir(d.c_str());  // deepest first; fails when not empty
  // The new site's files are lent to the manifest for its text, not copied.
  m.files.swap(files_);
  std::string text = ManifestToJson(m), why;
  m.files.swap(files_);
  ::unlink((back_ / kManifestName).c_str());
  if (!WriteFile(back_ / kManifestName, text, &why)) {
    *error = why;
    Abort();
    return false;
  }
  std::error_code ec;
  if (fs::exists(out_, ec)) {
    // One atomic exchange: readers see the old site or the new, never a mix.
    if (::renameat2(AT_FDCWD, back_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
      *error = "cannot swap the new site into " + out_.string() + ": " + std::strerror(errno);
      Abort();
      return false;
    }
    // The back folder now holds the previous site. It is brought level with
    // the new one straight away, so a build that changed much pays for that
    // itself and the next starts from the same files.
    ResyncBack(text);
  } else if (::rename(back_.c_str(), out_.c_str()) == 0) {
    // The first site: the back folder starts as the same files, so the next
    // build changes only what differs, as every later one does.
    PrimeBack(text);
  } else {
    *error = "cannot move the new site to " + out_.string() + ": " + std::strerror(errno);
    Abort();
    return false;
  }
  open_ = false;
  return true;
}

// Makes each path of `new_stale_` in the back folder the published file
// again (or removes it when the site no longer has it), on every core; what
// could not be done is recorded as stale for the next build.
void Publisher::ResyncBack(const std::string& manifest_text) {
  std::vector<std::string> paths(new_stale_.begin(), new_stale_.end());
  // Largest first, on every core: unlinking the last build's copy of an
  // all-authorities file frees a hundred megabytes, which takes ext4 tens
  // of milliseconds, and the two such files can be freed side by side.
  auto old_size = [&](const std::string& p) {
    auto it = previous_.files.find(p);
    return it == previous_.files.end() ? size_t{0} : it->second.size;
  };
  std::stable_sort(paths.begin(), paths.end(),
                   [&](const std::string& x, const std::string& y) { return old_size(x) > old_size(y); });
  // A large file the new site replaced is moved aside, not deleted: once
  // written out, freeing its blocks makes the build wait on the disk
  // (tens of milliseconds for the all-authorities files), so the next build
  // deletes it while it works (EmptyTrash).
  constexpr size_t kLarge = size_t{1} << 20;
  const std::string prefix = HashBytes(manifest_text).substr(0, 12) + "-";
  std::error_code trash_ec;
  bool have_trash = false;
  for (const auto& p : paths) have_trash = have_trash || old_size(p) >= kLarge;
  if (have_trash) fs::create_directory(trash_, trash_ec);
  std::vector<char> done(paths.size(), 0);
  ParallelFor(paths.size(), threads_, [&](size_t i) {
    fs::path from = out_ / paths[i], to = back_ / paths[i];
    if (!(have_trash && old_size(paths[i]) >= kLarge &&
          ::rename(to.c_str(), (trash_ / (prefix + std::to_string(i))).c_str()) == 0))
      ::unlink(to.c_str());
    if (files_.count(paths[i]) && ::link(from.c_str(), to.c_str()) != 0) {
      std::error_code ec;
      fs::create_directories(to.parent_path(), ec);
      if (::link(from.c_str(), to.c_str()) != 0) return;
    }
    done[i] = 1;
  });
  // Folders the new site no longer has go too.
  std::set<fs::path, std::greater<>> dirs;
  for (const auto& p : paths)
    if (!files_.count(p))
      for (fs::path d = (back_ / p).parent_path(); d.native().size() > back_.native().size(); d = d.parent_path())
        dirs.insert(d);
  for (const auto& d : dirs) ::rmdir(d.c_str());
  nlohmann::ordered_json state;
  state["live"] = HashBytes(manifest_text);
  state["stale"] = nlohmann::ordered_json::array();
  std::set<std::string> left;
  for (size_t i = 0; i < paths.size(); ++i)
    if (!done[i]) left.insert(paths[i]);
  for (const auto& p : left) state["stale"].push_back(p);
  WriteCache("back.json", RecordFirstLine(RecordKind::kBack) + state.dump() + "\n");
}

void Publisher::PrimeBack(const std::string& manifest_text) {
  std::error_code ec;
  if (!fs::create_directory(back_, ec)) return;
  std::vector<const std::string*> paths;
  for (const auto& [path, _] : files_) paths.push_back(&path);
  std::atomic<bool> ok{true};
  ParallelFor(paths.size(), threads_, [&](size_t i) {
    fs::path from = out_ / *paths[i], to = back_ / *paths[i];
    if (!ok || ::link(from.c_str(), to.c_str()) == 0) return;
    std::error_code mine;
    fs::create_directories(to.parent_path(), mine);
    if (::link(from.c_str(), to.c_str()) != 0) ok = false;
  });
  if (!ok) return;  // no record: the next build starts afresh
  nlohmann::ordered_json state;
  state["live"] = HashBytes(manifest_text);
  state["stale"] = nlohmann::ordered_json::array();
  WriteCache("back.json", RecordFirstLine(RecordKind::kBack) + state.dump() + "\n");
}

void Publisher::Abort() {
  if (!open_) return;
  // An untouched back folder keeps its record; a touched one is dropped by
  // the next build.
  open_ = false;
}

void Publisher::EmptyTrash() {
  if (trash_.empty() || emptying_.valid()) return;
  emptying_ = std::async(std::launch::async, [trash = trash_] {
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(trash, ec))) return;  // only our own folder, never through a link
    for (auto it = fs::directory_iterator(trash, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
      ::unlink(it->path().c_str());
  });
}

void Publisher::WaitForTrash() {
  if (emptying_.valid()) emptying_.wait();
}

Publisher::~Publisher() {
  WaitForTrash();
  Abort();
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

PublishStats Publisher::stats() const { return {written_, unchanged_, deleted_}; }

bool PublishSite(const fs::path& out, const std::vector<OutputFile>& files, std::string* error) {
  Publisher p;
  if (!p.Begin(out, error)) return false;
  for (const auto& f : files) p.Write("", f);
  return p.Commit(Manifest{}, error);
}

}  // namespace tracker
