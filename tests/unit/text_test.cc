#include <doctest/doctest.h>

#include "load/text.h"

using namespace tracker;

TEST_CASE("valid UTF-8 passes, including multi-byte characters") {
  CHECK(FindInvalidUtf8("plain") == std::string::npos);
  CHECK(FindInvalidUtf8("Children’s services – é 😀") == std::string::npos);
}

TEST_CASE("the first invalid byte is found") {
  CHECK(FindInvalidUtf8(std::string("ab\xff") + "c") == 2);
  CHECK(FindInvalidUtf8("caf\xe9 latin-1") == 3);               // Latin-1 é
  CHECK(FindInvalidUtf8("\xc0\xaf") == 0);                       // overlong '/'
  CHECK(FindInvalidUtf8("\xed\xa0\x80") == 0);                   // a surrogate
  CHECK(FindInvalidUtf8("ok\xe2\x80") == 2);                     // cut short
}

TEST_CASE("the first control character is found, in the fast scan or after it, but tab and line ends pass") {
  CHECK(FindControlCharacter("tab\tand\r\nlines £ é – fine") == std::string::npos);
  for (size_t at : {size_t{0}, size_t{5}, size_t{8}, size_t{23}}) {
    CAPTURE(at);
    for (const std::string bad : {std::string(1, '\0'), std::string("\x1b"), std::string("\x0b"), std::string("\x7f"),
                                  std::string("\xC2\x85")}) {
      const std::string text = std::string(at, 'a') + bad + std::string(20, 'b');
      CHECK(FindControlCharacter(text) == at);
    }
    // £ begins with the byte C2 but is no control.
    CHECK(FindControlCharacter(std::string(at, 'a') + "\xC2\xA3" + std::string(20, 'b')) == std::string::npos);
  }
}

TEST_CASE("offsets become 1-based lines and character columns") {
  std::string t = "ab\né x\n";
  CHECK(LineColAt(t, 0).line == 1);
  CHECK(LineColAt(t, 0).col == 1);
  LineCol lc = LineColAt(t, 6);  // 'x': after 'é' (2 bytes) and a space
  CHECK(lc.line == 2);
  CHECK(lc.col == 3);
}
