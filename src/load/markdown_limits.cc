#include "load/markdown_limits.h"

namespace tracker {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// How deep the line's own markers nest its text: each '>' and each list
// marker ("- ", "* ", "+ ", "1. ", "1) ") it opens with, as CommonMark
// reads a line's container prefix. Offset `*deepest` is where the limit
// was passed.
int LineNesting(std::string_view line, size_t* past_limit) {
  int depth = 0;
  size_t i = 0;
  for (;;) {
    size_t spaces = 0;
    while (i < line.size() && line[i] == ' ' && spaces < 3) ++i, ++spaces;
    if (i >= line.size()) break;
    size_t next = i;
    if (line[i] == '>') {
      next = i + 1;
    } else if ((line[i] == '-' || line[i] == '*' || line[i] == '+') && i + 1 < line.size() &&
               (line[i + 1] == ' ' || line[i + 1] == '\t')) {
      next = i + 2;
    } else if (IsDigit(line[i])) {
      size_t d = i;
      while (d < line.size() && IsDigit(line[d]) && d - i < 9) ++d;
      if (d < line.size() && (line[d] == '.' || line[d] == ')') && d + 1 < line.size() &&
          (line[d + 1] == ' ' || line[d + 1] == '\t'))
        next = d + 2;
    }
    if (next == i) break;
    if (++depth > kMaxMarkdownNesting) {
      *past_limit = i;
      return depth;
    }
    i = next;
    if (i < line.size() && line[i] == ' ') ++i;
  }
  return depth;
}

}  // namespace

std::optional<MarkdownLimit> CheckMarkdownLimits(std::string_view body) {
  size_t start = 0, cells = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = body.substr(start, end - start);
    size_t at = 0;
    if (LineNesting(line, &at) > kMaxMarkdownNesting)
      return MarkdownLimit{start + at, "quotes and lists are nested more than " + std::to_string(kMaxMarkdownNesting) +
                                           " deep here; no page can show that many levels"};
    int pipes = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] != '|') continue;
      if (++pipes > kMaxTableColumns)
        return MarkdownLimit{start + i, "more than " + std::to_string(kMaxTableColumns) +
                                            " '|' on one line: a table this wide cannot be read; split it"};
      if (++cells > kMaxTableCells)
        return MarkdownLimit{start + i, "more than " + std::to_string(kMaxTableCells) +
                                            " table cells ('|') in one document; split it or link to the data"};
    }
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace tracker
