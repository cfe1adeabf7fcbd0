#include <doctest/doctest.h>

#include "diagnostics.h"

using namespace tracker;

TEST_CASE("a diagnostic names the file, line and column, quotes the line and points at the column") {
  std::map<std::string, std::string> texts = {{"content/a/documents/x.md", "---\ntitle: X\ntype: ofsted-leter\n---\n"}};
  Diagnostic d{{"content/a/documents/x.md", 3, 7}, Severity::kError,
               "unknown type 'ofsted-leter'; did you mean 'ofsted-letter'?"};
  CHECK(FormatDiagnostic(d, &texts) ==
        "content/a/documents/x.md:3:7: error: unknown type 'ofsted-leter'; did you mean 'ofsted-letter'?\n"
        "    type: ofsted-leter\n"
        "          ^\n");
}

TEST_CASE("the caret counts characters, not bytes") {
  std::map<std::string, std::string> texts = {{"a.md", "é: x\n"}};
  Diagnostic d{{"a.md", 1, 4}, Severity::kError, "m"};
  CHECK(FormatDiagnostic(d, &texts) == "a.md:1:4: error: m\n    é: x\n       ^\n");
}

TEST_CASE("diagnostics without a line or text print just the place") {
  Diagnostic d{{"data/x", 0, 0}, Severity::kWarning, "ignored"};
  CHECK(FormatDiagnostic(d, nullptr) == "data/x: warning: ignored\n");
}

TEST_CASE("diagnostics are sorted by place whatever order they were found in") {
  Diagnostics diag;
  diag.Error({"b.md", 1, 1}, "second file");
  diag.Error({"a.md", 9, 1}, "later line");
  diag.Warning({"a.md", 2, 5}, "earlier line");
  auto sorted = diag.Sorted();
  REQUIRE(sorted.size() == 3);
  CHECK(sorted[0].message == "earlier line");
  CHECK(sorted[1].message == "later line");
  CHECK(sorted[2].message == "second file");
  CHECK(diag.errors() == 2);
  CHECK(diag.warnings() == 1);
}

TEST_CASE("did you mean picks the closest candidate and stays quiet when none is close") {
  std::vector<std::string> types = {"dfe-letter", "ofsted-letter", "other"};
  CHECK(DidYouMean("ofsted-leter", types) == "; did you mean 'ofsted-letter'?");
  CHECK(DidYouMean("minutes", types) == "");
  CHECK(ClosestMatch("othr", types) == "other");
}
