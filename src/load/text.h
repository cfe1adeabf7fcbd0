// Text checks shared by every loader: UTF-8 and offsets to line:column.
#pragma once
#include <cstddef>
#include <string>

namespace tracker {

// Offset of the first byte that is not valid UTF-8, or npos when it all is.
size_t FindInvalidUtf8(const std::string& text);

// Offset of the first control character but tab and line ends (C0, DEL or
// C1), or npos. Such characters come from pasting out of word processors
// or are hostile (terminal escapes); tracker reports them rather than
// publishing them or silently dropping them.
size_t FindControlCharacter(const std::string& text);

struct LineCol {
  int line = 1;
  int col = 1;  // in characters (code points), 1-based
};
LineCol LineColAt(const std::string& text, size_t offset);

// Appends code point `cp` (at most U+10FFFF) as UTF-8: for escapes such
// as \u00e9 in JSON and YAML.
void AppendUtf8(std::string& out, unsigned cp);

}  // namespace tracker
