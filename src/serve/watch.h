// Watches a tracker's sources for `tracker serve`: site.yml, content/,
// data/ and themes/. With inotify where the kernel has it, else by
// comparing every file's size and modification time a few times a second.
#pragma once
#include <atomic>
#include <filesystem>
#include <map>
#include <string>

namespace tracker::serve {

class SourceWatcher {
 public:
  // `poll` forces polling, for file systems inotify cannot see (network
  // shares, some containers' bind mounts).
  SourceWatcher(std::filesystem::path source, bool poll);
  ~SourceWatcher();
  SourceWatcher(const SourceWatcher&) = delete;
  SourceWatcher& operator=(const SourceWatcher&) = delete;

  bool polling() const { return fd_ < 0; }
  // Blocks until a source changes, then waits until the burst of changes
  // an editor or a copy makes is over (20 ms quiet) and returns true; false
  // once `stop` is set.
  bool WaitForChange(const std::atomic<bool>& stop);

 private:
  void WatchTree(const std::filesystem::path& dir);
  bool ReadEvents();  // whether any event concerned the sources
  std::string Signature() const;

  std::filesystem::path source_;
  int fd_ = -1;
  std::map<int, std::filesystem::path> dirs_;  // watch descriptor: folder
  std::string last_;                            // polling: the sources' signature
};

// Whether a file name is one the build reads, not an editor's scratch file
// (".file.swp", "file~", "4913", "#file#").
bool IsSourceName(const std::string& name);

}  // namespace tracker::serve
