#include <doctest/doctest.h>

#include "render/escape.h"

using namespace tracker;

TEST_CASE("markup characters are escaped for HTML, SVG and XML") {
  CHECK(EscapeXml("<script>alert('x') & \"y\"</script>") ==
        "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  CHECK(EscapeXml("Children’s") == "Children’s");
}

TEST_CASE("control characters that XML forbids are dropped") {
  CHECK(EscapeXml(std::string("a\x01" "b\tc\n")) == "ab\tc\n");
}

TEST_CASE("CSV fields are quoted only when they need it") {
  CHECK(EscapeCsv("plain") == "plain");
  CHECK(EscapeCsv("a,b") == "\"a,b\"");
  CHECK(EscapeCsv("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(EscapeCsv("two\nlines") == "\"two\nlines\"");
}
