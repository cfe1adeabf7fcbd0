// The only code that writes the site. The new site is assembled in a hidden
// folder beside the output and swapped in with one atomic rename when it is
// complete, so a failed or killed build leaves the published site as it was.
// Files whose bytes did not change are hard links to the previous site's, so
// they keep their modification time and rsync and CDNs see no change.
#pragma once
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "render/render_site.h"

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
  size_t unchanged = 0;  // linked from the previous site
  size_t deleted = 0;    // in the previous site, not in this one
};

class Publisher {
 public:
  // Checks `out` may be replaced, clears leftovers of killed builds, reads
  // the previous manifest and makes the staging folder.
  bool Begin(const std::filesystem::path& out, std::string* error);
  const Manifest& previous() const { return previous_; }

  // Thread-safe. Writes one file into the new site, or links the previous
  // site's copy when the bytes are the same.
  void Write(const std::string& group, const OutputFile& file);
  // Thread-safe. Links every file of `group` from the previous site without
  // rendering it again; false (and nothing linked) when one is missing.
  bool Reuse(const std::string& group);

  // Writes the manifest and swaps the new site in.
  bool Commit(const std::string& inputs, const std::map<std::string, std::string>& groups,
              const std::string& options, std::string* error);

  // Sizes and times of the sources the current site was built from, kept in
  // a cache file beside the output (times would make the site's own bytes
  // differ from build to build). Empty when unknown.
  const std::map<std::string, std::string>& previous_sources() const { return previous_sources_; }
  // After Commit: records the sources' sizes and times for the next build.
  void RecordSources(const std::map<std::string, std::string>& sources);
  // Drops the staging folder; the published site stays as it was.
  void Abort();
  ~Publisher() { Abort(); }

  PublishStats stats() const;
  bool failed() const { return failed_; }
  std::string error() const;

 private:
  void Record(const std::string& path, ManifestEntry entry);
  void Fail(const std::string& why);
  bool LinkOld(const std::string& path);

  std::filesystem::path out_, staging_;
  Manifest previous_;
  std::map<std::string, std::string> previous_sources_;
  std::filesystem::path sources_cache_;
  std::string inputs_;
  bool has_previous_ = false;
  std::mutex mu_;
  std::map<std::string, ManifestEntry> files_;
  std::string error_;
  std::atomic<bool> failed_{false};
  std::atomic<size_t> written_{0}, unchanged_{0};
  size_t deleted_ = 0;
  bool open_ = false;
};

// Writes `files` to `out` in one go: Begin, Write each, Commit.
bool PublishSite(const std::filesystem::path& out, const std::vector<OutputFile>& files, std::string* error);

}  // namespace tracker
