#include "read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace tracker {

bool ReadWholeFile(const std::filesystem::path& p, std::string* out) {
  out->clear();
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0;
  // One byte more than the size, so the end is seen without growing the
  // string (which would double its capacity, and the build's memory).
  if (ok) out->resize(static_cast<size_t>(st.st_size) + 1);
  size_t got = 0;
  while (ok) {
    if (got == out->size()) out->resize(out->size() + 4096);  // grew since fstat
    ssize_t r = ::read(fd, out->data() + got, out->size() - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) ok = false;
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  ::close(fd);
  out->resize(got);
  return ok;
}

}  // namespace tracker
