// themes/default and the starter tracker, compiled into the binary by
// cmake/embed_theme.cmake.
#pragma once
#include <string_view>
#include <vector>

namespace tracker {

struct EmbeddedFile {
  std::string_view path;  // relative to themes/default, e.g. "templates/layout.html"
  std::string_view bytes;
};

const std::vector<EmbeddedFile>& EmbeddedThemeFiles();
// src/scaffold/starter, the tracker `tracker new site` writes.
const std::vector<EmbeddedFile>& EmbeddedStarterFiles();

}  // namespace tracker
