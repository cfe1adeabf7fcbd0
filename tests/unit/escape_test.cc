#include <doctest/doctest.h>

#include "escape.h"

using namespace tracker;

TEST_CASE("markup characters are escaped for HTML, SVG and XML") {
  CHECK(EscapeXml("<script>alert('x') & \"y\"</script>") ==
        "&lt;script&gt;alert(&apos;x&apos;) &amp; &quot;y&quot;&lt;/script&gt;");
  CHECK(EscapeXml("Children’s") == "Children’s");
}

TEST_CASE("control characters are dropped: C0 but tab and line ends, DEL and C1") {
  CHECK(EscapeXml(std::string("a\x01" "b\tc\n")) == "ab\tc\n");
  // Past the sixteen-byte scan, too, and a tab or line end there is kept.
  std::string s = std::string(20, 'x') + "\t\x1b[31m\r\n" + std::string(20, 'y') + std::string(1, '\0') + "z\x7f";
  CHECK(EscapeXml(s) == std::string(20, 'x') + "\t[31m\r\n" + std::string(20, 'y') + "z");
  // U+0085 and U+009B (C2 85, C2 9B) go whole; £ and a no-break space,
  // which begin with the same byte, stay.
  const std::string c1 = "a\xC2\x85" "b\xC2\x9B" "c\xC2\xA3" "d\xC2\xA0" "e";
  CHECK(EscapeXml(c1) == "abc\xC2\xA3" "d\xC2\xA0" "e");
  CHECK(EscapeXml(std::string(20, 'x') + c1) == std::string(20, 'x') + "abc\xC2\xA3" "d\xC2\xA0" "e");
  CHECK(EscapeXml("\xC2") == "\xC2");  // a cut-off byte at the end is left to the UTF-8 check
}

TEST_CASE("text for a terminal shows control characters and bytes that are not UTF-8 as escapes") {
  CHECK(TerminalText("plain £ text – é 😀") == "plain £ text – é 😀");
  CHECK(TerminalText("a\x1b]0;title\x07" "b") == "a\\x1b]0;title\\x07b");
  CHECK(TerminalText("line\nnext\tx\x7f") == "line\\x0anext\\x09x\\x7f");
  CHECK(TerminalText("\xC2\x9B" "31m") == "\\xc2\\x9b31m");  // C1 CSI
  CHECK(TerminalText("bad\xff\xC3") == "bad\\xff\\xc3");
  CHECK(TerminalText("\xE2\x80") == "\\xe2\\x80");  // cut off
}

TEST_CASE("one escaper: the fast scan and a byte-at-a-time scan agree on every byte") {
  for (int c = 0; c < 256; ++c) {
    const std::string one(1, static_cast<char>(c));
    const std::string long_text = std::string(17, 'a') + one + std::string(17, 'b');
    std::string slow;
    switch (c) {
      case '&': slow = "&amp;"; break;
      case '<': slow = "&lt;"; break;
      case '>': slow = "&gt;"; break;
      case '"': slow = "&quot;"; break;
      case '\'': slow = "&apos;"; break;
      default: slow = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F ? "" : one;
    }
    CAPTURE(c);
    CHECK(EscapeXml(one) == slow);
    CHECK(EscapeXml(long_text) == std::string(17, 'a') + slow + std::string(17, 'b'));
  }
}

TEST_CASE("CSV fields are quoted only when they need it") {
  CHECK(EscapeCsv("plain") == "plain");
  CHECK(EscapeCsv("a,b") == "\"a,b\"");
  CHECK(EscapeCsv("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(EscapeCsv("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("escaping finds every special byte wherever it stands in long text") {
  // Against the plain definition, on text with the five at every offset
  // around the sixteen-byte blocks the quick path reads.
  auto naive = [](const std::string& s) {
    std::string out;
    for (char c : s) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
      }
    }
    return out;
  };
  const std::string specials = "&<>\"'";
  int checked = 0;
  for (size_t length : {0, 1, 15, 16, 17, 31, 32, 33, 70})
    for (size_t at = 0; at < length; ++at)
      for (char c : specials) {
        std::string s;
        for (size_t i = 0; i < length; ++i) s += static_cast<char>('a' + i % 26);
        s[at] = c;
        if (length > 20) s[length - 1 - at % 5] = specials[at % 5];
        std::string out;
        AppendEscaped(&out, s);
        CHECK_MESSAGE(out == naive(s), s);
        ++checked;
      }
  CHECK(checked > 1000);
  std::string out = "kept ";
  AppendEscaped(&out, "caf\xc3\xa9 & \xe2\x80\x99quoted\xe2\x80\x99 <b>");
  CHECK(out == "kept caf\xc3\xa9 &amp; \xe2\x80\x99quoted\xe2\x80\x99 &lt;b&gt;");
}

TEST_CASE("CSV cells a spreadsheet would run as formulas are kept as text, and numbers stay numbers") {
  CHECK(EscapeCsv("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  CHECK(EscapeCsv("+1 (cmd)") == "\"'+1 (cmd)\"");
  CHECK(EscapeCsv("-sum") == "\"'-sum\"");
  CHECK(EscapeCsv("@SUM(A1)") == "\"'@SUM(A1)\"");
  CHECK(EscapeCsv("\tx") == "\"'\tx\"");
  CHECK(EscapeCsv("\rx") == "\"'\rx\"");
  CHECK(EscapeCsv("-3.5") == "-3.5");
  CHECK(EscapeCsv("-12") == "-12");
  CHECK(EscapeCsv("North East") == "North East");
  CHECK(EscapeCsv("a = b") == "a = b");
  CHECK(CsvNeedsEscape("=1+1"));
  CHECK_FALSE(CsvNeedsEscape("-0.5"));
  CHECK_FALSE(CsvNeedsEscape("plain"));
}

TEST_CASE("text in a CSS string is escaped so it can end neither the string nor the style element") {
  CHECK(EscapeCssString("Site 2024") == "Site\\000020" "2024");
  CHECK(EscapeCssString("a\"b") == "a\\000022b");
  CHECK(EscapeCssString("</style>") == "\\00003C\\00002Fstyle\\00003E");
  CHECK(EscapeCssString("\u00b7") == "\\0000B7");
  CHECK(EscapeCssString("\\") == "\\00005C");
}
