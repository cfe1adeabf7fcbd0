// Limits on a Markdown body, checked as it is loaded so that a problem is
// an error at its line: cmark-gfm parses any input, but quotes and lists
// nested deep on every line make a page no one can read, and its table
// extension takes time that grows with the square of a row's width
// (0.29.0.gfm.6, Debian 12's: 37,500 columns took 73 s).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tracker {

inline constexpr int kMaxMarkdownNesting = 32;       // quotes and list items on one line
inline constexpr int kMaxTableColumns = 500;        // '|' on one line
inline constexpr size_t kMaxTableCells = 50000;     // '|' in one body

struct MarkdownLimit {
  size_t offset = 0;  // in the body
  std::string message;
};

// The first place the body passes a limit, or nothing.
std::optional<MarkdownLimit> CheckMarkdownLimits(std::string_view body);

}  // namespace tracker
