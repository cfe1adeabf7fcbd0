#include "read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

bool ReadWholeFile(const std::filesystem::path& p, std::string* out) {
  out->clear();
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  // Most sources are a few kilobytes: one read into a buffer holds all of
  // the file, and a short read of a regular file is its end, so neither
  // its size nor a last empty read is asked for. System calls cost
  // microseconds each in the virtual machines CI runs on.
  thread_local std::vector<char> first(64 * 1024);
  ssize_t r = ReadSome(fd, first.data(), first.size());
  bool ok = r >= 0;
  if (ok && static_cast<size_t>(r) < first.size()) {
    out->assign(first.data(), static_cast<size_t>(r));
    ::close(fd);
    return true;
  }
  // Larger files: a string of the file's size and one byte more, so the
  // end is seen without growing the string (which would double its
  // capacity, and the build's memory).
  struct stat st;
  if (ok && ::fstat(fd, &st) == 0 && static_cast<size_t>(st.st_size) >= first.size())
    out->resize(static_cast<size_t>(st.st_size) + 1);
  else
    out->resize(first.size() * 2);
  size_t got = ok ? static_cast<size_t>(r) : 0;
  if (ok) std::copy(first.begin(), first.end(), out->begin());
  while (ok) {
    if (got == out->size()) out->resize(out->size() + 4096);  // grew since fstat
    r = ReadSome(fd, out->data() + got, out->size() - got);
    if (r < 0) ok = false;
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  ::close(fd);
  out->resize(got);
  return ok;
}

}  // namespace tracker
