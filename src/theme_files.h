// A theme's files as load gathers them, for render to compile: templates
// by name and assets by path. Plain data, so load need not know of render.
#pragma once
#include <map>
#include <string>

namespace tracker {

struct ThemeFiles {
  std::string name;
  std::map<std::string, std::string> templates;       // "measure" -> Mustache text
  std::map<std::string, std::string> template_paths;  // "measure" -> where it came from
  std::map<std::string, std::string> assets;          // "assets/site.css" -> bytes
};

}  // namespace tracker
