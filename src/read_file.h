// Reading a whole file, for load (the sources) and publish (its own
// records): plain POSIX reads into a string of the file's size.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace tracker {

// Why a file was not read.
enum class ReadFailure {
  kNone,
  kCannotOpen,   // missing or not permitted (errno says which)
  kSymlink,      // the last part of the path is a symbolic link: not followed
  kNotAFile,     // a folder, named pipe, socket or device
  kTooLarge,     // larger than the limit given
  kReadError,
};

// Reads a regular file whole. Symbolic links are not followed and named
// pipes never block: a hostile source cannot make tracker read outside it
// or wait forever. *out holds what was read.
ReadFailure ReadRegularFile(const std::filesystem::path& p, std::string* out, size_t max_bytes = SIZE_MAX);

// The same, true when read.
inline bool ReadWholeFile(const std::filesystem::path& p, std::string* out) {
  return ReadRegularFile(p, out) == ReadFailure::kNone;
}

}  // namespace tracker
