#include "load/json_positions.h"

#include "load/text.h"

namespace tracker {

std::string JsonPointerAppend(const std::string& base, const std::string& key) {
  std::string out = base + "/";
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

namespace {

// A forgiving walker: the text is known to be valid JSON.
class Indexer {
 public:
  Indexer(const std::string& t, std::map<std::string, JsonPlace>& out, int depth,
          std::vector<DuplicateKey>* duplicates = nullptr)
      : t_(t), out_(out), depth_(depth), duplicates_(duplicates) {}

  // Values deeper than `depth_` are walked past, not recorded.
  void Value(const std::string& ptr, JsonPlace place, int depth = 0) {
    Skip();
    place.value = i_;
    const bool record = depth_ < 0 || depth <= depth_, inner = depth_ < 0 || depth < depth_;
    if (record) out_[ptr] = place;
    if (i_ >= t_.size()) return;
    char c = t_[i_];
    if (c == '{') {
      ++i_;
      std::map<std::string, size_t> keys;  // only when looking for duplicates
      for (;;) {
        Skip();
        if (i_ >= t_.size() || t_[i_] == '}') { ++i_; return; }
        if (t_[i_] == ',') { ++i_; continue; }
        JsonPlace child;
        child.key = i_;
        child.has_key = true;
        std::string key = String();
        if (duplicates_) {
          auto [seen, fresh] = keys.emplace(key, child.key);
          if (!fresh) duplicates_->push_back({key, seen->second, child.key});
        }
        Skip();
        if (i_ < t_.size() && t_[i_] == ':') ++i_;
        Value(inner ? JsonPointerAppend(ptr, key) : std::string(), child, depth + 1);
      }
    } else if (c == '[') {
      ++i_;
      int n = 0;
      for (;;) {
        Skip();
        if (i_ >= t_.size() || t_[i_] == ']') { ++i_; return; }
        if (t_[i_] == ',') { ++i_; continue; }
        Value(inner ? ptr + "/" + std::to_string(n) : std::string(), JsonPlace{}, depth + 1);
        ++n;
      }
    } else if (c == '"') {
      String();
    } else {
      while (i_ < t_.size() && !IsEnd(t_[i_])) ++i_;
    }
  }

 private:
  static bool IsEnd(char c) {
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }
  void Skip() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
  }
  unsigned Hex4() {
    unsigned v = 0;
    for (int k = 0; k < 4 && i_ < t_.size(); ++k, ++i_) {
      char h = t_[i_];
      v = v * 16 + (h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h - 'A' + 10);
    }
    return v;
  }
  std::string String() {
    std::string s;
    ++i_;  // opening quote
    while (i_ < t_.size() && t_[i_] != '"') {
      if (t_[i_] == '\\' && i_ + 1 < t_.size()) {
        char e = t_[++i_];
        ++i_;
        switch (e) {
          case 'n': s += '\n'; break;
          case 't': s += '\t'; break;
          case 'r': s += '\r'; break;
          case 'b': s += '\b'; break;
          case 'f': s += '\f'; break;
          case 'u': {
            unsigned cp = Hex4();
            if (cp >= 0xD800 && cp <= 0xDBFF && i_ + 1 < t_.size() && t_[i_] == '\\' && t_[i_ + 1] == 'u') {
              i_ += 2;
              unsigned lo = Hex4();
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            AppendUtf8(s, cp);
            break;
          }
          default: s += e;
        }
      } else {
        s += t_[i_++];
      }
    }
    ++i_;  // closing quote
    return s;
  }

  const std::string& t_;
  std::map<std::string, JsonPlace>& out_;
  int depth_;
  std::vector<DuplicateKey>* duplicates_;
  size_t i_ = 0;
};

}  // namespace

size_t JsonNestedTooDeep(std::string_view text, int limit) {
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      // Past the string, escapes included; an unclosed one ends the text.
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

std::vector<DuplicateKey> FindDuplicateKeys(const std::string& text) {
  std::map<std::string, JsonPlace> none;
  std::vector<DuplicateKey> out;
  Indexer(text, none, 0, &out).Value("", JsonPlace{});
  return out;
}

std::map<std::string, JsonPlace> IndexJson(const std::string& text, int depth) {
  std::map<std::string, JsonPlace> out;
  Indexer(text, out, depth).Value("", JsonPlace{});
  return out;
}

}  // namespace tracker
