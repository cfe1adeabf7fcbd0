// Reading a whole file, for load (the sources) and publish (its own
// records): plain POSIX reads into a string of the file's size.
#pragma once
#include <filesystem>
#include <string>

namespace tracker {

// False when the file cannot be opened or read; *out holds what was read.
bool ReadWholeFile(const std::filesystem::path& p, std::string* out);

}  // namespace tracker
