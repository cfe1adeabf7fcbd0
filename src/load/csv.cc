#include "load/csv.h"


namespace tracker {

namespace {

// Moves past one character, counting columns in code points.
struct Cursor {
  std::string_view s;
  size_t i = 0;
  int line = 1, col = 1;
  bool done() const { return i >= s.size(); }
  char peek() const { return s[i]; }
  void Next() {
    if (s[i] == '\n') {
      ++line;
      col = 1;
      ++i;
      return;
    }
    // A character is a lead byte and the continuation bytes after it; any
    // other byte is one on its own, so a stray byte never swallows a quote
    // or a comma, nor a quote or comma the byte after it.
    const bool lead = static_cast<unsigned char>(s[i]) >= 0xC0;
    ++i;
    while (lead && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++col;
  }
  // At a line end (LF, or CR LF): consumes it.
  bool LineEnd() {
    if (s[i] == '\n') {
      Next();
      return true;
    }
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      ++i;
      Next();
      return true;
    }
    return false;
  }
  // To the start of the next line, after a problem.
  void SkipLine() {
    while (!done() && !LineEnd()) Next();
  }
};

}  // namespace

std::vector<CsvProblem> ReadCsv(std::string_view text, const std::function<void(const CsvRecord&)>& each,
                                size_t max_problems) {
  std::vector<CsvProblem> problems;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Cursor c{text};
  CsvRecord rec;
  size_t header_fields = 0;
  bool have_header = false;
  auto problem = [&](int line, int col, std::string message) {
    problems.push_back({line, col, std::move(message)});
  };
  while (!c.done() && problems.size() < max_problems) {
    if (c.LineEnd()) continue;  // a blank line
    rec.fields.clear();
    rec.columns.clear();
    rec.line = c.line;
    bool bad = false;
    // One field a turn, until the line ends outside quotes.
    for (;;) {
      rec.columns.push_back(c.col);
      std::string& field = rec.fields.emplace_back();
      if (!c.done() && c.peek() == '"') {
        const int open_line = c.line, open_col = c.col;
        c.Next();
        bool closed = false;
        while (!c.done()) {
          if (c.peek() == '"') {
            c.Next();
            if (!c.done() && c.peek() == '"') {
              field += '"';
              c.Next();
              continue;
            }
            closed = true;
            break;
          }
          const size_t from = c.i;
          c.Next();
          field.append(text.substr(from, c.i - from));
        }
        if (!closed) {
          problem(open_line, open_col, "this quoted field is never closed: end it with '\"', and write a quote inside it as '\"\"'");
          return problems;  // the rest of the file is inside the quotes
        }
        if (!c.done() && c.peek() != ',' && !(c.peek() == '\n' || (c.peek() == '\r' && c.i + 1 < text.size() && text[c.i + 1] == '\n'))) {
          // A field that ran over lines was most likely opened by a stray
          // quote: that is the place to show.
          if (open_line != c.line)
            problem(open_line, open_col, "this quote opens a field that runs to line " + std::to_string(c.line) +
                                             ", where text follows its closing quote: if the quote belongs to the text, quote the whole field and write the quote as '\"\"'");
          else
            problem(c.line, c.col, "text after a quoted field's closing quote: put the whole field inside the quotes, and write a quote inside it as '\"\"'");
          bad = true;
          c.SkipLine();
          break;
        }
      } else {
        while (!c.done() && c.peek() != ',' && c.peek() != '\n' && !(c.peek() == '\r' && c.i + 1 < text.size() && text[c.i + 1] == '\n')) {
          if (c.peek() == '"') {
            problem(c.line, c.col, "a quote inside a field that is not quoted: quote the whole field and write the quote as '\"\"'");
            bad = true;
            break;
          }
          if (c.peek() == '\r') {
            problem(c.line, c.col, "a carriage return that does not end a line: end lines with LF or CR LF");
            bad = true;
            break;
          }
          const size_t from = c.i;
          c.Next();
          field.append(text.substr(from, c.i - from));
        }
        if (bad) {
          c.SkipLine();
          break;
        }
      }
      if (c.done() || c.LineEnd()) break;
      c.Next();  // the comma
    }
    if (bad) continue;
    if (!have_header) {
      have_header = true;
      header_fields = rec.size();
    } else if (rec.size() != header_fields) {
      problem(rec.line, rec.size() > header_fields ? rec.columns[header_fields] : rec.columns.back(),
              "this row has " + std::to_string(rec.size()) + " fields where the header has " +
                  std::to_string(header_fields) + ": check for a missing or extra comma, or a comma inside a field that is not quoted");
      continue;
    }
    each(rec);
  }
  if (problems.size() >= max_problems && !c.done()) {
    CsvProblem& last = problems.back();
    last.message += " (checking stopped here after " + std::to_string(max_problems) + " problems; fix these and run again)";
  }
  return problems;
}

}  // namespace tracker
