// Problems found in the content, each with the place it was found.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace tracker {

// A place in a source file. Line and column are 1-based; 0 means unknown.
struct SourcePos {
  std::string path;  // relative to the source folder, with '/' separators
  int line = 0;
  int col = 0;
};

enum class Severity { kError, kWarning };

struct Diagnostic {
  SourcePos pos;
  Severity severity = Severity::kError;
  std::string message;  // what is wrong, and a hint such as "did you mean"
};

// Collects every problem of a run, so the user sees them all at once.
class Diagnostics {
 public:
  void Error(const SourcePos& pos, std::string message);
  void Warning(const SourcePos& pos, std::string message);

  // Adds another collection's problems, e.g. from a worker thread.
  void Append(const Diagnostics& other);
  void Add(const std::vector<Diagnostic>& items);

  bool HasErrors() const { return errors_ > 0; }
  bool empty() const { return errors_ == 0 && warnings_ == 0; }
  int errors() const { return errors_; }
  int warnings() const { return warnings_; }
  // Sorted by path, line, column, then message: the order never depends on
  // the order work was done in.
  std::vector<Diagnostic> Sorted() const;

 private:
  std::vector<Diagnostic> items_;
  int errors_ = 0;
  int warnings_ = 0;
};

// "path:line:col: error: message", then the source line and a caret under
// the column when the file's text is known.
std::string FormatDiagnostic(const Diagnostic& d,
                             const std::map<std::string, std::string>* texts);

// The closest candidate by edit distance, or "" when none is close enough.
std::string ClosestMatch(const std::string& word,
                         const std::vector<std::string>& candidates);
// Up to `n` candidates nearest `word` by edit distance, ignoring case,
// nearest first (ties by name): hints where no one match is close.
std::vector<std::string> NearestMatches(const std::string& word, const std::vector<std::string>& candidates, size_t n);
// "; did you mean 'x'?" or "".
std::string DidYouMean(const std::string& word,
                       const std::vector<std::string>& candidates);

}  // namespace tracker
