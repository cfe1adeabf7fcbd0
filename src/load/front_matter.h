// Splits a Markdown file into its YAML front matter and its body.
#pragma once
#include <string>

namespace tracker {

struct FrontMatter {
  bool present = false;  // the file starts with a '---' line
  bool closed = false;   // a closing '---' line was found
  std::string yaml;
  std::string body;
  int body_line = 1;  // line of the file where the body starts
};

FrontMatter SplitFrontMatter(const std::string& text);

}  // namespace tracker
