// Splits a Markdown file into its YAML front matter and its body.
#pragma once
#include <string>
#include <string_view>

namespace tracker {

// Views into the text given to SplitFrontMatter, which must outlive them.
struct FrontMatter {
  bool present = false;  // the file starts with a '---' line
  bool closed = false;   // a closing '---' line was found
  std::string_view yaml;
  std::string_view body;
  size_t body_offset = 0;  // where the body starts in the text
  int body_line = 1;       // line of the file where the body starts
};

FrontMatter SplitFrontMatter(std::string_view text);

// Moves the body out of `text` without copying it, leaving `text` holding
// only what comes before the body (the front matter, which error messages
// quote).
std::string TakeBody(std::string& text, const FrontMatter& fm);

}  // namespace tracker
