#include "diagnostics.h"

#include <cctype>

#include "escape.h"
#include "utf8.h"

#include <algorithm>
#include <tuple>

namespace tracker {

void Diagnostics::Error(const SourcePos& pos, std::string message) {
  items_.push_back({pos, Severity::kError, std::move(message)});
  ++errors_;
}

void Diagnostics::Warning(const SourcePos& pos, std::string message) {
  items_.push_back({pos, Severity::kWarning, std::move(message)});
  ++warnings_;
}

void Diagnostics::Append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  errors_ += other.errors_;
  warnings_ += other.warnings_;
}

void Diagnostics::Add(const std::vector<Diagnostic>& items) {
  for (const auto& d : items) {
    items_.push_back(d);
    ++(d.severity == Severity::kError ? errors_ : warnings_);
  }
}

std::vector<Diagnostic> Diagnostics::Sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.pos.path, a.pos.line, a.pos.col, a.message) <
           std::tie(b.pos.path, b.pos.line, b.pos.col, b.message);
  });
  return out;
}

namespace {

std::string LineOf(const std::string& text, int line) {
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) return "";
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string s = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

}  // namespace

std::string FormatDiagnostic(const Diagnostic& d,
                             const std::map<std::string, std::string>* texts) {
  // Paths and messages quote content, which may hold terminal escapes.
  std::string out = d.pos.path.empty() ? std::string("tracker") : TerminalText(d.pos.path);
  if (d.pos.line > 0) {
    out += ":" + std::to_string(d.pos.line);
    if (d.pos.col > 0) out += ":" + std::to_string(d.pos.col);
  }
  out += d.severity == Severity::kError ? ": error: " : ": warning: ";
  out += TerminalText(d.message);
  out += "\n";
  if (texts && d.pos.line > 0) {
    auto it = texts->find(d.pos.path);
    if (it != texts->end()) {
      std::string line = LineOf(it->second, d.pos.line);
      // Tabs become spaces so the caret lines up; long lines are not quoted.
      std::replace(line.begin(), line.end(), '\t', ' ');
      if (!line.empty() && line.size() <= 160) {
        out += "    " + TerminalText(line) + "\n";
        if (d.pos.col > 0) {
          // Columns count characters, so the caret sits under the
          // character, after whatever was escaped before it.
          size_t i = 0;
          for (int c = 1; c < d.pos.col && i < line.size(); ++c) NextCodePoint(line, &i);
          const std::string before = TerminalText(std::string_view(line).substr(0, i));
          size_t width = 0;
          for (size_t k = 0; k < before.size(); ++width) NextCodePoint(before, &k);
          out += "    " + std::string(width, ' ') + "^\n";
        }
      }
    }
  }
  return out;
}

namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string ClosestMatch(const std::string& word,
                         const std::vector<std::string>& candidates) {
  const size_t limit = std::max<size_t>(2, word.size() / 3);
  std::string best;
  size_t best_d = static_cast<size_t>(-1);
  for (const auto& c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_d || (d == best_d && c < best)) {
      best_d = d;
      best = c;
    }
  }
  return best_d <= limit ? best : "";
}

std::vector<std::string> NearestMatches(const std::string& word, const std::vector<std::string>& candidates, size_t n) {
  auto lower = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  const std::string w = lower(word);
  std::vector<std::pair<size_t, std::string>> scored;
  for (const auto& c : candidates) scored.emplace_back(EditDistance(w, lower(c)), c);
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && out.size() < n; ++i) out.push_back(scored[i].second);
  return out;
}

std::string DidYouMean(const std::string& word,
                       const std::vector<std::string>& candidates) {
  std::string m = ClosestMatch(word, candidates);
  return m.empty() ? "" : "; did you mean '" + m + "'?";
}

}  // namespace tracker
