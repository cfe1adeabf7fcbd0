#include <doctest/doctest.h>

#include "load/front_matter.h"

using namespace tracker;

TEST_CASE("front matter is split from the body") {
  FrontMatter fm = SplitFrontMatter("---\ntitle: X\n---\nBody\n");
  CHECK(fm.present);
  CHECK(fm.closed);
  CHECK(fm.yaml == "title: X\n");
  CHECK(fm.body == "Body\n");
  CHECK(fm.body_line == 4);
}

TEST_CASE("a file without front matter is all body") {
  FrontMatter fm = SplitFrontMatter("# Just text\n");
  CHECK_FALSE(fm.present);
  CHECK(fm.body == "# Just text\n");
}

TEST_CASE("unclosed front matter is noticed") {
  FrontMatter fm = SplitFrontMatter("---\ntitle: X\n");
  CHECK(fm.present);
  CHECK_FALSE(fm.closed);
}

TEST_CASE("Windows line endings are accepted") {
  FrontMatter fm = SplitFrontMatter("---\r\ntitle: X\r\n---\r\nBody");
  CHECK(fm.closed);
  CHECK(fm.body == "Body");
}
