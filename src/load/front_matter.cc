#include "load/front_matter.h"

namespace tracker {

namespace {
bool IsFence(const std::string& text, size_t start, size_t end) {
  std::string line = text.substr(start, end - start);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.pop_back();
  return line == "---";
}
}  // namespace

FrontMatter SplitFrontMatter(const std::string& text) {
  FrontMatter fm;
  size_t start = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;  // a byte-order mark
  size_t eol = text.find('\n', start);
  if (eol == std::string::npos || !IsFence(text, start, eol)) {
    fm.body = text.substr(start);
    return fm;
  }
  fm.present = true;
  size_t line_start = eol + 1;
  int line = 2;
  while (line_start <= text.size()) {
    size_t e = text.find('\n', line_start);
    size_t end = e == std::string::npos ? text.size() : e;
    if (IsFence(text, line_start, end)) {
      fm.closed = true;
      fm.yaml = text.substr(eol + 1, line_start - (eol + 1));
      fm.body = e == std::string::npos ? "" : text.substr(e + 1);
      fm.body_line = line + 1;
      return fm;
    }
    if (e == std::string::npos) break;
    line_start = e + 1;
    ++line;
  }
  fm.yaml = text.substr(eol + 1);
  return fm;
}

}  // namespace tracker
