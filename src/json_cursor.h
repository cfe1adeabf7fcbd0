// Reads JSON that tracker itself wrote, in exactly the layout it writes,
// without building a tree: the records beside the site are read on every
// build. Anything unexpected makes a read fail, and the caller treats the
// record as missing.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace tracker {

class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) : t_(text) {}

  bool empty() const { return t_.empty(); }
  // Consumes `s` if the text goes on with it.
  bool Lit(std::string_view s) {
    if (t_.substr(0, s.size()) != s) return false;
    t_.remove_prefix(s.size());
    return true;
  }
  // A string, with the escapes AppendJsonString writes: \" \\ and \u00XX.
  bool Str(std::string* out) {
    if (t_.empty() || t_[0] != '"') return false;
    size_t end = 1;  // a plain loop: find_first_of searches the set per character
    while (end < t_.size() && t_[end] != '"' && t_[end] != '\\') ++end;
    if (end == t_.size()) return false;
    if (t_[end] == '"') {  // the usual case: no escape
      out->assign(t_.substr(1, end - 1));
      t_.remove_prefix(end + 1);
      return true;
    }
    out->assign(t_.substr(1, end - 1));
    for (size_t i = end; i < t_.size(); ++i) {
      const char c = t_[i];
      if (c == '"') {
        t_.remove_prefix(i + 1);
        return true;
      }
      if (c != '\\') {
        *out += c;
        continue;
      }
      if (++i == t_.size()) return false;
      if (t_[i] == '"' || t_[i] == '\\') {
        *out += t_[i];
      } else if (t_[i] == 'u' && i + 4 < t_.size() && t_.substr(i + 1, 2) == "00") {
        auto hex = [](char h) { return h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : -1; };
        const int hi = hex(t_[i + 3]), lo = hex(t_[i + 4]);
        if (hi < 0 || lo < 0) return false;
        *out += static_cast<char>(hi * 16 + lo);
        i += 4;
      } else {
        return false;
      }
    }
    return false;
  }
  // A whole number, not negative.
  bool Num(size_t* out) {
    size_t n = 0, i = 0;
    for (; i < t_.size() && t_[i] >= '0' && t_[i] <= '9' && i < 19; ++i) n = n * 10 + static_cast<size_t>(t_[i] - '0');
    if (i == 0 || (i < t_.size() && t_[i] >= '0' && t_[i] <= '9')) return false;
    *out = n;
    t_.remove_prefix(i);
    return true;
  }
  // A whole number, perhaps negative.
  bool Int(long* out) {
    bool minus = Lit("-");
    size_t n = 0;
    if (!Num(&n)) return false;
    *out = minus ? -static_cast<long>(n) : static_cast<long>(n);
    return true;
  }

 private:
  std::string_view t_;
};

}  // namespace tracker
