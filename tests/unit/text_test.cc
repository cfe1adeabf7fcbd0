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

TEST_CASE("offsets become 1-based lines and character columns") {
  std::string t = "ab\né x\n";
  CHECK(LineColAt(t, 0).line == 1);
  CHECK(LineColAt(t, 0).col == 1);
  LineCol lc = LineColAt(t, 6);  // 'x': after 'é' (2 bytes) and a space
  CHECK(lc.line == 2);
  CHECK(lc.col == 3);
}
