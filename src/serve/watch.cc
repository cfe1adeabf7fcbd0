#include "serve/watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

namespace tracker::serve {

namespace fs = std::filesystem;

namespace {

// The sources' top-level names; the output folder and the cache beside it
// are never among them.
bool IsTopSource(const std::string& name) {
  return name == "site.yml" || name == "content" || name == "data" || name == "themes";
}

constexpr uint32_t kTreeEvents = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO |
                                 IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;

}  // namespace

bool IsSourceName(const std::string& name) {
  if (name.empty() || name[0] == '.' || name[0] == '#' || name.back() == '~') return false;
  if (name == "4913") return false;  // vim's test of whether it may write
  return !(name.size() > 4 && (name.ends_with(".swp") || name.ends_with(".tmp")));
}

SourceWatcher::SourceWatcher(fs::path source, bool poll) : source_(std::move(source)) {
  if (!poll) fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ >= 0) {
    const int wd = ::inotify_add_watch(fd_, source_.c_str(), kTreeEvents);
    if (wd < 0) {
      ::close(fd_);
      fd_ = -1;
    } else {
      dirs_[wd] = source_;
      for (const char* top : {"content", "data", "themes"}) WatchTree(source_ / top);
    }
  }
  if (fd_ < 0) last_ = Signature();
}

SourceWatcher::~SourceWatcher() {
  if (fd_ >= 0) ::close(fd_);
}

void SourceWatcher::WatchTree(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  auto add = [&](const fs::path& d) {
    const int wd = ::inotify_add_watch(fd_, d.c_str(), kTreeEvents);
    if (wd >= 0) dirs_[wd] = d;
  };
  add(dir);
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec) && !it->is_symlink(ec)) add(it->path());
}

bool SourceWatcher::ReadEvents() {
  bool relevant = false;
  alignas(inotify_event) char buf[16384];
  for (;;) {
    const ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) return relevant;
    for (char* p = buf; p < buf + n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(p);
      p += sizeof(inotify_event) + e->len;
      if (e->mask & IN_Q_OVERFLOW) {
        relevant = true;  // events were lost: rebuild, which reads everything
        continue;
      }
      auto dir = dirs_.find(e->wd);
      if (dir == dirs_.end()) continue;
      if (e->mask & IN_IGNORED) {
        dirs_.erase(dir);
        continue;
      }
      const std::string name = e->len ? std::string(e->name) : "";
      const bool top = dir->second == source_;
      if (top ? !IsTopSource(name) : (!name.empty() && !IsSourceName(name))) continue;
      relevant = true;
      // A folder made or moved in is watched too, with all it holds.
      if ((e->mask & (IN_CREATE | IN_MOVED_TO)) && (e->mask & IN_ISDIR)) WatchTree(dir->second / name);
    }
  }
}

std::string SourceWatcher::Signature() const {
  std::vector<std::string> rows;
  std::error_code ec;
  auto add = [&](const fs::path& p) {
    auto size = fs::file_size(p, ec);
    if (ec) return;
    auto time = fs::last_write_time(p, ec);
    if (ec) return;
    rows.push_back(p.string() + '\t' + std::to_string(size) + '\t' +
                   std::to_string(time.time_since_epoch().count()));
  };
  add(source_ / "site.yml");
  for (const char* top : {"content", "data", "themes"})
    for (fs::recursive_directory_iterator it(source_ / top, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec) && IsSourceName(it->path().filename().string())) add(it->path());
  std::sort(rows.begin(), rows.end());
  std::string out;
  for (const auto& r : rows) out += r + '\n';
  return out;
}

bool SourceWatcher::WaitForChange(const std::atomic<bool>& stop) {
  using namespace std::chrono_literals;
  if (fd_ < 0) {
    while (!stop) {
      std::this_thread::sleep_for(250ms);
      std::string now = Signature();
      if (now == last_) continue;
      // Settled when two looks 50 ms apart agree.
      for (;;) {
        std::this_thread::sleep_for(50ms);
        std::string again = Signature();
        if (again == now) break;
        now = std::move(again);
      }
      last_ = std::move(now);
      return true;
    }
    return false;
  }
  pollfd p{fd_, POLLIN, 0};
  while (!stop) {
    if (::poll(&p, 1, 200) <= 0 || !ReadEvents()) continue;
    // The burst is over when 20 ms pass with nothing new.
    while (::poll(&p, 1, 20) > 0) ReadEvents();
    return true;
  }
  return false;
}

}  // namespace tracker::serve
