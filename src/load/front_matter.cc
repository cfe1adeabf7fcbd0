#include "load/front_matter.h"

namespace tracker {

namespace {
bool IsFence(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  return line == "---";
}
}  // namespace

FrontMatter SplitFrontMatter(std::string_view text) {
  FrontMatter fm;
  const size_t start = 0;  // a byte-order mark is dropped where files are read
  size_t eol = text.find('\n', start);
  if (eol == std::string_view::npos || !IsFence(text.substr(start, eol - start))) {
    fm.body = text.substr(start);
    fm.body_offset = start;
    return fm;
  }
  fm.present = true;
  size_t line_start = eol + 1;
  int line = 2;
  while (line_start <= text.size()) {
    size_t e = text.find('\n', line_start);
    size_t end = e == std::string_view::npos ? text.size() : e;
    if (IsFence(text.substr(line_start, end - line_start))) {
      fm.closed = true;
      fm.yaml = text.substr(eol + 1, line_start - (eol + 1));
      fm.body_offset = e == std::string_view::npos ? text.size() : e + 1;
      fm.body = text.substr(fm.body_offset);
      fm.body_line = line + 1;
      return fm;
    }
    if (e == std::string_view::npos) break;
    line_start = e + 1;
    ++line;
  }
  fm.yaml = text.substr(eol + 1);
  fm.body_offset = text.size();
  return fm;
}

std::string TakeBody(std::string& text, const FrontMatter& fm) {
  std::string body = std::move(text);
  text.assign(body, 0, fm.body_offset);
  body.erase(0, fm.body_offset);  // in place: no new memory to fault in
  return body;
}

}  // namespace tracker
