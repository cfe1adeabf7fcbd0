#include "publish/publish.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

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

namespace {

bool WriteFile(const fs::path& p, const std::string& bytes, std::string* error) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    *error = "cannot write " + p.string() + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

// Leftovers of builds that were killed before they could clean up.
void RemoveStaleStaging(const fs::path& parent, const std::string& prefix) {
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) == 0) fs::remove_all(it->path(), ec);
  }
}

}  // namespace

bool PublishSite(const fs::path& out_in, const std::vector<OutputFile>& files, std::string* error) {
  std::error_code ec;
  fs::path out = fs::absolute(out_in, ec).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  const fs::path parent = out.parent_path();
  fs::create_directories(parent, ec);
  if (ec) {
    *error = "cannot create " + parent.string() + ": " + ec.message();
    return false;
  }
  if (fs::exists(out, ec)) {
    if (!fs::is_directory(out, ec)) {
      *error = out.string() + " exists and is not a folder; choose another --out";
      return false;
    }
    bool empty = fs::directory_iterator(out, ec) == fs::directory_iterator();
    if (!empty && !fs::exists(out / kSiteMarker, ec)) {
      *error = "refusing to replace " + out.string() +
               ": it is not empty and was not made by tracker; choose another --out or empty it";
      return false;
    }
  }

  const std::string prefix = "." + out.filename().string() + ".tmp-";
  RemoveStaleStaging(parent, prefix);
  const fs::path staging = parent / (prefix + std::to_string(::getpid()));
  fs::remove_all(staging, ec);
  auto fail = [&](const std::string& why) {
    *error = why;
    std::error_code ignore;
    fs::remove_all(staging, ignore);
    return false;
  };
  if (!fs::create_directory(staging, ec)) return fail("cannot create " + staging.string() + ": " + ec.message());

  for (const auto& f : files) {
    if (!IsSafeOutputPath(f.path)) return fail("refusing to write outside the output folder: '" + f.path + "'");
    fs::path target = staging / f.path;
    fs::create_directories(target.parent_path(), ec);
    if (ec) return fail("cannot create " + target.parent_path().string() + ": " + ec.message());
    if (!WriteFile(target, f.bytes, error)) return fail(*error);
  }
  if (!WriteFile(staging / kSiteMarker, "This folder was made by tracker and is replaced whole on every build.\n", error))
    return fail(*error);

  if (fs::exists(out, ec)) {
    // One atomic exchange: readers see the old site or the new, never a mix.
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) != 0)
      return fail("cannot swap the new site into " + out.string() + ": " + std::strerror(errno));
    fs::remove_all(staging, ec);  // now holds the previous site
  } else if (::rename(staging.c_str(), out.c_str()) != 0) {
    return fail("cannot move the new site to " + out.string() + ": " + std::strerror(errno));
  }
  return true;
}

}  // namespace tracker
