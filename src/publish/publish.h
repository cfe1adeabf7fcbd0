// The only code that writes the site. The new site is assembled in a back
// folder beside the output and swapped in with one atomic rename when it is
// complete, so a failed or killed build leaves the published site as it was.
//
// The back folder is kept between builds: after the swap it holds the
// previous site, which is brought level with the new one at once (by
// linking the few files that differ), so the next build starts from the
// published files and touches only those that change, instead of making a
// whole new tree. Files whose
// bytes did not change are hard links to the published site's, so they keep
// their inode and modification time and rsync and CDNs see no change.
//
// Beside the output `site`, tracker keeps `.site.tracker/`: the lock, the
// back folder and the caches of the previous build. Deleting it only costs
// the next build its speed.
#pragma once
#include <atomic>
#include <future>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "render/output.h"

namespace tracker {

// Records what each output was made from. Its presence also marks a folder
// as tracker's, so a build never replaces anything else.
inline constexpr const char* kManifestName = ".tracker-manifest.json";

struct ManifestEntry {
  std::string hash;
  size_t size = 0;
  std::string group;  // the authority whose inputs made it, or "" for site-wide
};

struct Manifest {
  std::string tool;
  std::string inputs;                          // fingerprint of every input
  std::string global;                          // fingerprint of what every page reads
  std::string options;                         // the options that change the output
  std::map<std::string, std::string> groups;   // group -> fingerprint of its inputs
  std::map<std::string, ManifestEntry> files;  // path -> entry
};

std::string ManifestToJson(const Manifest& m);
std::optional<Manifest> ManifestFromJson(const std::string& text);

// True when `rel` is a plain relative path that stays inside its folder.
bool IsSafeOutputPath(const std::string& rel);

struct PublishStats {
  size_t written = 0;    // new or changed files
  size_t unchanged = 0;  // the previous site's files, kept
  size_t deleted = 0;    // in the previous site, not in this one
};

class Publisher {
 public:
  // `threads`: how many may move files side by side.
  explicit Publisher(int threads = 1) : threads_(threads) {}
  // Takes the lock, checks `out` may be replaced, reads the previous
  // manifest and caches, and readies the back folder.
  bool Begin(const std::filesystem::path& out, std::string* error);
  // After a failed Begin: whether another build holds the lock.
  bool busy() const { return busy_; }
  // The output folder, every symbolic link resolved (after Begin).
  const std::filesystem::path& out() const { return out_; }
  // The last build's manifest. Its files are moved to the new site's as
  // their groups are reused, so count them before calling Reuse.
  const Manifest& previous() const { return previous_; }
  // A cache file of the previous build ("" when missing). Caches only speed
  // builds up: each is checked against the manifest before it is used.
  std::string ReadCache(const std::string& name) const;

  // Thread-safe. Puts one file into the new site; when the bytes are the
  // published file's, that file itself.
  void Write(const std::string& group, const OutputFile& file);
  // Thread-safe. Keeps every file of `group` from the published site without
  // rendering it again; false when one is missing.
  bool Reuse(const std::string& group);

  // Writes the manifest and swaps the new site in.
  bool Commit(const Manifest& m, std::string* error);
  // After Commit: keeps a cache file for the next build.
  void WriteCache(const std::string& name, const std::string& bytes);
  // Deletes, beside the build, the large files earlier builds replaced (see
  // ResyncBack); waited for before the Publisher goes. For a build known to
  // have work to do, whose work hides the wait.
  void EmptyTrash();
  // Waits for EmptyTrash to finish, as the destructor does.
  void WaitForTrash();
  // Drops the new site; the published site stays as it was.
  void Abort();
  ~Publisher();

  PublishStats stats() const;
  bool failed() const { return failed_; }
  std::string error() const;

 private:
  int threads_ = 1;
  void Record(const std::string& path, ManifestEntry entry);
  void Fail(const std::string& why);
  void Touch();
  bool KeepPublished(const std::string& path);
  bool JoinedEntry(const OutputFile& f, ManifestEntry* entry);
  bool WriteNew(const OutputFile& f);
  bool CopyPieces(int fd, const std::vector<Piece>& pieces) const;
  void PrimeBack(const std::string& manifest_text);
  void ResyncBack(const std::string& manifest_text);

  std::filesystem::path out_, back_, cache_, trash_;
  std::future<void> emptying_;
  Manifest previous_;
  bool has_previous_ = false;
  int lock_fd_ = -1;
  // The back folder holds the published site's files as the same inodes,
  // except for `stale_` paths; or nothing at all when `fresh_`.
  bool fresh_ = true;
  std::set<std::string> stale_;
  std::string back_state_;  // its record, restored if nothing was touched
  bool touched_ = false;
  std::mutex mu_;
  std::map<std::string, ManifestEntry> files_;
  // The published files of each group, made on first use; a reused group's
  // entries are moved from `previous_` into `files_`.
  using Previous = std::map<std::string, ManifestEntry>::iterator;
  std::map<std::string, std::vector<Previous>> by_group_;
  std::set<std::string> reused_;
  std::set<std::string> new_stale_;
  std::string error_;
  std::atomic<bool> failed_{false};
  std::atomic<size_t> written_{0}, unchanged_{0};
  size_t deleted_ = 0;
  bool open_ = false;
  bool busy_ = false;
};

// Writes `files` to `out` in one go: Begin, Write each, Commit.
bool PublishSite(const std::filesystem::path& out, const std::vector<OutputFile>& files, std::string* error);

}  // namespace tracker
