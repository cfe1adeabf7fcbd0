#include <doctest/doctest.h>

#include "load/markdown_limits.h"

using namespace tracker;

TEST_CASE("quotes and lists nest up to 32 deep on a line, counted as CommonMark reads a line's markers") {
  auto nested = [](int n, const std::string& marker) {
    std::string s;
    for (int i = 0; i < n; ++i) s += marker;
    return s + "text\n";
  };
  CHECK_FALSE(CheckMarkdownLimits(nested(32, ">")));
  CHECK_FALSE(CheckMarkdownLimits(nested(16, "> - ")));
  CHECK_FALSE(CheckMarkdownLimits(nested(32, "1. ")));
  auto deep = CheckMarkdownLimits("Intro\n\n" + nested(33, "> "));
  REQUIRE(deep);
  CHECK(deep->offset == 7 + 64);  // the 33rd '>'
  CHECK(deep->message == "quotes and lists are nested more than 32 deep here; no page can show that many levels");
  CHECK(CheckMarkdownLimits(nested(33, "* ")));
  CHECK(CheckMarkdownLimits(nested(33, "2) ")));
  // Not markers: no space after, or a number too long to be one.
  CHECK_FALSE(CheckMarkdownLimits(std::string(1000, '-') + "\n"));
  CHECK_FALSE(CheckMarkdownLimits(nested(200, "1234567890. ")));
}

TEST_CASE("a table may have 500 columns on a line and 50,000 cells in a document") {
  std::string row = "|";
  for (int i = 0; i < 499; ++i) row += " c |";
  CHECK_FALSE(CheckMarkdownLimits(row + "\n"));
  auto wide = CheckMarkdownLimits(row + " c | d |\n");
  REQUIRE(wide);
  CHECK(wide->message == "more than 500 '|' on one line: a table this wide cannot be read; split it");
  CHECK(wide->offset == row.size() + 3);  // the 501st
  std::string many;
  for (int i = 0; i < 12501; ++i) many += "| a | b | c |\n";
  auto cells = CheckMarkdownLimits(many);
  REQUIRE(cells);
  CHECK(cells->message == "more than 50000 table cells ('|') in one document; split it or link to the data");
}
