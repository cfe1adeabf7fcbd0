#include <doctest/doctest.h>

#include "load/csv.h"

using namespace tracker;

namespace {

struct Read {
  std::vector<CsvRecord> records;
  std::vector<CsvProblem> problems;
};

Read ReadAll(std::string_view text) {
  Read r;
  r.problems = ReadCsv(text, [&](const CsvRecord& rec) { r.records.push_back(rec); });
  return r;
}

}  // namespace

TEST_CASE("csv: fields, quotes, doubled quotes and line ends") {
  Read r = ReadAll("a,b,c\r\n1,\"two, three\",\"say \"\"hi\"\"\"\n\n4,,\"multi\nline\"\n");
  REQUIRE(r.problems.empty());
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[0].fields == std::vector<std::string>{"a", "b", "c"});
  CHECK(r.records[1].fields == std::vector<std::string>{"1", "two, three", "say \"hi\""});
  CHECK(r.records[1].line == 2);
  CHECK(r.records[1].columns == std::vector<int>{1, 3, 16});
  // The blank line is skipped; a quoted field may hold a line end.
  CHECK(r.records[2].fields == std::vector<std::string>{"4", "", "multi\nline"});
  CHECK(r.records[2].line == 4);
}

TEST_CASE("csv: a byte order mark is not part of the first column's name") {
  Read r = ReadAll("\xEF\xBB\xBFtime_period,la_name\n2025,Harbourside\n");
  REQUIRE(r.problems.empty());
  CHECK(r.records[0].fields[0] == "time_period");
  CHECK(r.records[0].columns[0] == 1);
}

TEST_CASE("csv: columns count characters, not bytes") {
  Read r = ReadAll("name,n\nSt Hélène,\"x\"y\n");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].line == 2);
  CHECK(r.problems[0].col == 14);  // the 'y' after the closing quote
}

TEST_CASE("csv: every problem at its line and column, and the rest still read") {
  Read r = ReadAll("a,b\n1,2,3\nx\"y,2\n5,6\n7\n");
  REQUIRE(r.problems.size() == 3);
  CHECK(r.problems[0].line == 2);
  CHECK(r.problems[0].col == 5);
  CHECK(r.problems[0].message.find("3 fields where the header has 2") != std::string::npos);
  CHECK(r.problems[1].line == 3);
  CHECK(r.problems[1].col == 2);
  CHECK(r.problems[1].message.find("quote inside a field") != std::string::npos);
  CHECK(r.problems[2].line == 5);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[1].fields == std::vector<std::string>{"5", "6"});
}

TEST_CASE("csv: a quote never closed is reported where it opens") {
  Read r = ReadAll("a,b\n1,\"open\n2,3\n");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].line == 2);
  CHECK(r.problems[0].col == 3);
  CHECK(r.problems[0].message.find("never closed") != std::string::npos);
}

TEST_CASE("csv: a lone carriage return is a problem, not a line end") {
  Read r = ReadAll("a,b\n1,2\r3\n");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].col == 4);
}

TEST_CASE("csv: checking stops after the limit, and says so") {
  std::string text = "a,b\n";
  for (int i = 0; i < 50; ++i) text += "1,2,3\n";
  auto problems = ReadCsv(text, [](const CsvRecord&) {}, 5);
  REQUIRE(problems.size() == 5);
  CHECK(problems.back().message.find("checking stopped here") != std::string::npos);
}

TEST_CASE("csv: a trailing comma makes an empty last field, in the header and rows alike") {
  Read r = ReadAll("LA num,SN1,\n812,371,\n");
  REQUIRE(r.problems.empty());
  CHECK(r.records[1].fields == std::vector<std::string>{"812", "371", ""});
}

TEST_CASE("csv: a stray quote that swallows lines is reported where it opens") {
  Read r = ReadAll("a,b\n1,\"2\n3,4\n5,\"6\"x\n");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].line == 2);
  CHECK(r.problems[0].col == 3);
  CHECK(r.problems[0].message.find("runs to line 4") != std::string::npos);
}
