// Reading UTF-8 one code point at a time, for code that measures or
// escapes text character by character.
#pragma once
#include <cstddef>
#include <string_view>

namespace tracker {

// The code point at `*i` in `s`, moving `*i` past it. A byte that does not
// start a whole sequence counts as one U+FFFD (sources are checked to be
// UTF-8 when they are read, so only a caller's own text can have one).
inline char32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto b = static_cast<unsigned char>(s[*i]);
  const int extra = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
  if (extra < 0 || *i + extra >= s.size() + (extra ? 0 : 1)) {
    ++*i;
    return 0xFFFD;
  }
  char32_t c = extra == 0 ? b : b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) c = (c << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += extra + 1;
  return c;
}

}  // namespace tracker
