// CSV as RFC 4180 writes it and as spreadsheets and the DfE's open data
// standard export it: commas, quoted fields with doubled quotes, CRLF or LF
// line ends, an optional UTF-8 byte order mark. Every field keeps its line
// and column, so a problem in an official file is reported at its place.
//
// Our own reader, not libcsv: libcsv reports no positions, and every
// message here must name its line and column. Fuzzed (tests/fuzz/csv_fuzz.cc).
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tracker {

struct CsvRecord {
  std::vector<std::string> fields;
  std::vector<int> columns;  // 1-based, in characters: where each field starts
  int line = 0;              // the line the record starts on
  size_t size() const { return fields.size(); }
};

struct CsvProblem {
  int line = 0, col = 0;
  std::string message;
};

// Calls `each` for every record, the header first, in order; blank lines
// are skipped. A record whose number of fields is not the header's is a
// problem, not passed on. Stops after `max_problems` problems, the last
// saying how many more lines were not checked. The record passed is reused.
std::vector<CsvProblem> ReadCsv(std::string_view text, const std::function<void(const CsvRecord&)>& each,
                                size_t max_problems = 20);

}  // namespace tracker
