#include "read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

namespace tracker {

namespace {

ssize_t ReadSome(int fd, char* to, size_t n) {
  ssize_t r;
  do r = ::read(fd, to, n);
  while (r < 0 && errno == EINTR);
  return r;
}

}  // namespace

ReadFailure ReadRegularFile(const std::filesystem::path& p, std::string* out, size_t max_bytes) {
  out->clear();
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return errno == ELOOP ? ReadFailure::kSymlink : ReadFailure::kCannotOpen;
  // Most sources are a few kilobytes: one read into a buffer holds all of
  // the file, and a short read of a regular file is its end, so neither
  // its size nor a last empty read is asked for. System calls cost
  // microseconds each in the virtual machines CI runs on. A named pipe
  // swapped in after the listing reads as empty (it does not block); the
  // listing names it.
  thread_local std::vector<char> first(64 * 1024);
  ssize_t r = ReadSome(fd, first.data(), first.size());
  if (r < 0) {
    const int saved = errno;
    ::close(fd);
    return saved == EISDIR ? ReadFailure::kNotAFile : saved == EAGAIN ? ReadFailure::kNotAFile : ReadFailure::kReadError;
  }
  if (static_cast<size_t>(r) < first.size()) {
    if (static_cast<size_t>(r) > max_bytes) {
      ::close(fd);
      return ReadFailure::kTooLarge;
    }
    out->assign(first.data(), static_cast<size_t>(r));
    ::close(fd);
    return ReadFailure::kNone;
  }
  // Larger files: a string of the file's size and one byte more, so the
  // end is seen without growing the string (which would double its
  // capacity, and the build's memory).
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return ReadFailure::kNotAFile;
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return ReadFailure::kTooLarge;
  }
  out->resize(std::max(static_cast<size_t>(st.st_size), first.size()) + 1);
  size_t got = static_cast<size_t>(r);
  std::copy(first.begin(), first.end(), out->begin());
  bool ok = true;
  while (true) {
    if (got == out->size()) {
      if (got > max_bytes) break;  // grew past the limit since fstat
      out->resize(out->size() + 4096);
    }
    r = ReadSome(fd, out->data() + got, out->size() - got);
    if (r < 0) ok = false;
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  ::close(fd);
  out->resize(got);
  if (!ok) return ReadFailure::kReadError;
  return got > max_bytes ? ReadFailure::kTooLarge : ReadFailure::kNone;
}

}  // namespace tracker
