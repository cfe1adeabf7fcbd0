#include "load/yaml.h"

#include <algorithm>

#include "load/text.h"

namespace tracker {

namespace {

// Deeper than any content model goes, shallow enough that hostile input
// cannot exhaust the stack.
constexpr int kMaxDepth = 64;

struct Failure {
  YamlMark mark;
  std::string message;
};

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

bool IsNullWord(std::string_view s) { return s == "~" || s == "null" || s == "Null" || s == "NULL"; }

void TrimRight(std::string& s) {
  while (!s.empty() && IsSpace(s.back())) s.pop_back();
}

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {
    size_t begin = 0;
    while (begin < text.size()) {
      size_t nl = text.find('\n', begin);
      size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
      size_t end = nl == std::string_view::npos ? text.size() : nl;
      if (end > begin && text[end - 1] == '\r') --end;
      Line l{begin, end, 0, 0, false};
      while (begin + l.indent < end && text[begin + l.indent] == ' ') ++l.indent;
      l.first = l.indent;
      while (begin + l.first < end && IsSpace(text[begin + l.first])) ++l.first;
      l.blank = begin + l.first == end || text[begin + l.first] == '#';
      lines_.push_back(l);
      begin = next;
    }
  }

  YamlNode Document() {
    SkipBlank();
    // An explicit start of the document is allowed once, at the top.
    if (!Eof() && IsMarker(li_, "---")) {
      ++li_;
      SkipBlank();
    }
    YamlNode root(YamlNode::Kind::kNull, {0, 0});
    if (!Eof() && !IsMarker(li_, "...")) root = NodeAt(lines_[li_].indent, -1, 0);
    // A closing marker may end the document ('---' only if nothing follows).
    if (!Eof() && (IsMarker(li_, "...") || (IsMarker(li_, "---") && RestIsBlank(li_, 3)))) {
      size_t marker = li_;
      ++li_;
      SkipBlank();
      if (!Eof() && IsMarker(marker, "---")) li_ = marker;
    }
    if (!Eof()) {
      if (IsMarker(li_, "---"))
        Fail(li_, 0, "a second YAML document starts here; keep to one, and remove this '---' line");
      Fail(li_, lines_[li_].indent,
           "this line does not fit the structure above it; line it up with the fields it belongs with");
    }
    return root;
  }

 private:
  struct Line {
    size_t begin, end;
    int indent;  // leading spaces
    int first;   // first character that is not a space or tab
    bool blank;  // nothing, or only a comment
  };

  [[noreturn]] void Fail(size_t line, int col, std::string message) const {
    throw Failure{{static_cast<int>(line), col}, std::move(message)};
  }

  bool Eof() const { return li_ >= lines_.size(); }
  char At(size_t line, int col) const {
    const Line& l = lines_[line];
    return l.begin + col < l.end ? text_[l.begin + col] : '\0';
  }
  std::string_view LineText(size_t line) const {
    return text_.substr(lines_[line].begin, lines_[line].end - lines_[line].begin);
  }
  bool IsMarker(size_t line, std::string_view marker) const {
    std::string_view t = LineText(line);
    return lines_[line].indent == 0 && t.substr(0, 3) == marker && (t.size() == 3 || IsSpace(t[3]));
  }
  bool AtDocumentEdge() const { return IsMarker(li_, "...") || IsMarker(li_, "---"); }
  // Nothing but spaces and perhaps a comment from `col` to the end of the line.
  bool RestIsBlank(size_t line, int col) const {
    while (IsSpace(At(line, col))) ++col;
    char c = At(line, col);
    return c == '\0' || c == '#';
  }
  void ExpectRestBlank(size_t line, int col, const char* after) const {
    if (!RestIsBlank(line, col))
      Fail(line, col, std::string("unexpected text after ") + after +
                          "; end the line there, or put the whole value in quotes");
  }

  // Moves to the next line with content, checking its indentation.
  void SkipBlank() {
    while (!Eof() && lines_[li_].blank) ++li_;
    if (!Eof() && lines_[li_].first != lines_[li_].indent)
      Fail(li_, lines_[li_].indent, "a tab in the indentation; YAML is indented with spaces only");
  }
  void NextLine(size_t line) {
    li_ = line + 1;
    SkipBlank();
  }

  bool IsSequenceStart(size_t line, int col) const {
    return At(line, col) == '-' && (IsSpace(At(line, col + 1)) || At(line, col + 1) == '\0');
  }

  // Where the ':' after a key on this line is, or -1 when the line holds
  // no 'key:' starting at `col`.
  int KeyColon(size_t line, int col) const {
    char c = At(line, col);
    int i = col;
    if (IsSequenceStart(line, col)) return -1;
    if (c == '"' || c == '\'') {
      for (++i;; ++i) {
        char d = At(line, i);
        if (d == '\0') return -1;
        if (c == '"' && d == '\\' && At(line, i + 1) != '\0') {
          ++i;
          continue;
        }
        if (d == c) {
          if (c == '\'' && At(line, i + 1) == '\'') {
            ++i;
            continue;
          }
          break;
        }
      }
      for (++i; IsSpace(At(line, i)); ++i) {
      }
      return At(line, i) == ':' && (IsSpace(At(line, i + 1)) || At(line, i + 1) == '\0') ? i : -1;
    }
    if (std::string_view("[]{}&*!|>%@`#,").find(c) != std::string_view::npos) return -1;
    for (; At(line, i) != '\0'; ++i) {
      char d = At(line, i);
      if (d == ':' && (IsSpace(At(line, i + 1)) || At(line, i + 1) == '\0')) return i;
      if (d == '#' && i > col && IsSpace(At(line, i - 1))) return -1;
    }
    return -1;
  }

  // A node that starts at `col` of the current line; `parent` is the
  // indentation of what holds it (-1 at the top).
  YamlNode NodeAt(int col, int parent, int depth) {
    if (depth > kMaxDepth) Fail(li_, col, "nested too deeply; no field of the content model needs this many levels");
    if (IsSequenceStart(li_, col)) return Sequence(col, depth);
    if (At(li_, col) == '?' && (IsSpace(At(li_, col + 1)) || At(li_, col + 1) == '\0'))
      Fail(li_, col, "complex keys ('? ') are not supported; write 'field: value'");
    if (KeyColon(li_, col) >= 0) return Mapping(col, depth);
    return ScalarAt(li_, col, parent, depth);
  }

  YamlNode Mapping(int n, int depth) {
    YamlNode map(YamlNode::Kind::kMap, {static_cast<int>(li_), n});
    for (;;) {
      int colon = KeyColon(li_, n);
      if (colon < 0) {
        if (IsSequenceStart(li_, n))
          Fail(li_, n, "a list item where a field was expected; indent the list under its field, or remove the '- '");
        Fail(li_, n, "expected 'field: value' here; check the colon after the field's name");
      }
      YamlNode key(YamlNode::Kind::kScalar, {static_cast<int>(li_), n});
      char q = At(li_, n);
      if (q == '"' || q == '\'') {
        Quoted(lines_[li_].begin + n, &key.scalar());
      } else {
        key.scalar() = std::string(LineText(li_).substr(n, colon - n));
        TrimRight(key.scalar());
        if (key.scalar().empty()) Fail(li_, n, "a field needs a name before its ':'");
      }
      size_t key_line = li_;
      int after = colon + 1;
      while (IsSpace(At(li_, after))) ++after;
      YamlNode value;
      if (RestIsBlank(li_, after)) {
        // "brand_colour: #1d70b8" is a field and a comment to YAML: kept, so
        // that reading the empty field can say why it is empty.
        std::string comment;
        if (At(li_, after) == '#' && !IsSpace(At(li_, after + 1)) && At(li_, after + 1) != '\0') {
          const size_t from = lines_[li_].begin + after;
          comment = std::string(text_.substr(from, lines_[li_].end - from));
          TrimRight(comment);
        }
        NextLine(li_);
        if (!Eof() && lines_[li_].indent > n)
          value = NodeAt(lines_[li_].indent, n, depth + 1);
        else if (!Eof() && lines_[li_].indent == n && IsSequenceStart(li_, n))
          value = Sequence(n, depth + 1);  // a list may sit level with its field
        else {
          value = YamlNode(YamlNode::Kind::kNull, {static_cast<int>(key_line), after});
          value.scalar() = std::move(comment);
        }
      } else {
        if (IsSequenceStart(li_, after))
          Fail(li_, after, "a list cannot start on the same line as its field; put each '- ' item on a line of its own, indented under the field");
        value = ScalarAt(li_, after, n, depth + 1);
      }
      map.children().push_back(std::move(key));
      map.children().push_back(std::move(value));
      if (Eof() || lines_[li_].indent < n || AtDocumentEdge()) return map;
      if (lines_[li_].indent > n)
        Fail(li_, lines_[li_].indent,
             "this line is indented more than the field above it; line it up with the other fields, or put a long value in quotes");
    }
  }

  YamlNode Sequence(int n, int depth) {
    YamlNode seq(YamlNode::Kind::kSequence, {static_cast<int>(li_), n});
    for (;;) {
      int c = n + 1;
      while (IsSpace(At(li_, c))) ++c;
      if (RestIsBlank(li_, c)) {
        size_t dash_line = li_;
        NextLine(li_);
        if (!Eof() && lines_[li_].indent > n)
          seq.children().push_back(NodeAt(lines_[li_].indent, n, depth + 1));
        else
          seq.children().emplace_back(YamlNode::Kind::kNull, YamlMark{static_cast<int>(dash_line), n});
      } else {
        seq.children().push_back(NodeAt(c, n, depth + 1));
      }
      if (Eof() || lines_[li_].indent < n || AtDocumentEdge()) return seq;
      if (lines_[li_].indent > n)
        Fail(li_, lines_[li_].indent, "this line is indented more than the list item above it; line it up with the item's fields");
      if (!IsSequenceStart(li_, n)) return seq;  // the next field of the mapping that holds the list
    }
  }

  // A scalar or flow collection starting at `col` of `line`; leaves the
  // reader on the next line with content.
  YamlNode ScalarAt(size_t line, int col, int parent, int depth) {
    YamlMark mark{static_cast<int>(line), col};
    char c = At(line, col);
    switch (c) {
      case '"':
      case '\'': {
        YamlNode node(YamlNode::Kind::kScalar, mark);
        size_t end = Quoted(lines_[line].begin + col, &node.scalar());
        YamlMark m = MarkAt(end);
        if (!RestIsBlank(m.line, m.column))
          Fail(m.line, m.column, c == '\''
                                     ? "unexpected text after the closing quote; inside single quotes write a quote twice (''), "
                                       "or put the value in double quotes"
                                     : "unexpected text after the closing quote; inside double quotes write a quote as \\\", "
                                       "or put the value in single quotes");
        NextLine(m.line);
        return node;
      }
      case '|':
      case '>':
        return BlockScalar(line, col, parent);
      case '[':
      case '{': {
        size_t pos = lines_[line].begin + col;
        YamlNode node = Flow(&pos, depth);
        YamlMark m = MarkAt(pos);
        ExpectRestBlank(m.line, m.column, c == '[' ? "the closing ']'" : "the closing '}'");
        NextLine(m.line);
        return node;
      }
      default:
        RefuseIndicator(line, col);
        return Plain(line, col, parent);
    }
  }

  void RefuseIndicator(size_t line, int col) const {
    switch (At(line, col)) {
      case '&':
        Fail(line, col, "anchors ('&name') are not supported; write the value out in full");
      case '*':
        Fail(line, col, "aliases ('*name') are not supported; write the value out in full");
      case '!':
        Fail(line, col, "tags ('!name') are not supported; remove the tag, or put the value in quotes");
      case '@':
      case '`':
      case '%':
      case ']':
      case '}':
      case ',':
        Fail(line, col, std::string("a value cannot start with '") + At(line, col) + "'; put it in quotes");
      default:
        return;
    }
  }

  // A plain scalar, folded over the more-indented lines that follow it.
  YamlNode Plain(size_t line, int col, int parent) {
    YamlNode node(YamlNode::Kind::kScalar, {static_cast<int>(line), col});
    std::string& out = node.scalar();
    auto take = [&](size_t l, int from) {
      std::string_view t = LineText(l);
      size_t end = t.size();
      for (size_t i = from; i < t.size(); ++i) {
        if (t[i] == '#' && i > static_cast<size_t>(from) && IsSpace(t[i - 1])) {
          end = i;
          break;
        }
        if (t[i] == ':' && (i + 1 == t.size() || IsSpace(t[i + 1]))) {
          if (l != line)  // most often a field indented by mistake
            Fail(l, static_cast<int>(i), "this field is indented under the value above, so it reads as part of that value; "
                                         "line it up with the other fields (or quote the value if the ': ' belongs to it)");
          Fail(l, static_cast<int>(i), "a ': ' inside a value, which YAML reads as another field; put the value in quotes");
        }
      }
      std::string part(t.substr(from, end - from));
      TrimRight(part);
      out += part;
      return end != t.size();  // a comment ends the scalar
    };
    bool ended = take(line, col);
    size_t last = line;
    while (!ended) {
      size_t l = last + 1;
      int empty = 0;
      while (l < lines_.size() && lines_[l].first + lines_[l].begin == lines_[l].end) {
        ++empty;
        ++l;
      }
      if (l >= lines_.size() || lines_[l].indent <= parent || lines_[l].blank || IsMarker(l, "---") ||
          IsMarker(l, "..."))
        break;
      if (lines_[l].first != lines_[l].indent)
        Fail(l, lines_[l].indent, "a tab in the indentation; YAML is indented with spaces only");
      out += empty == 0 ? std::string(" ") : std::string(empty, '\n');
      ended = take(l, lines_[l].first);
      last = l;
    }
    if (last == line && IsNullWord(out)) node = YamlNode(YamlNode::Kind::kNull, node.Mark());
    NextLine(last);
    return node;
  }

  // '|' keeps line breaks, '>' folds them; '-' strips the final break, '+'
  // keeps every trailing one; a digit gives the indentation.
  YamlNode BlockScalar(size_t line, int col, int parent) {
    YamlNode node(YamlNode::Kind::kScalar, {static_cast<int>(line), col});
    bool folded = At(line, col) == '>';
    char chomp = 'c';
    int given = 0;
    int i = col + 1;
    for (int k = 0; k < 2; ++k) {
      char c = At(line, i);
      if ((c == '-' || c == '+') && chomp == 'c') {
        chomp = c;
        ++i;
      } else if (c >= '1' && c <= '9' && given == 0) {
        given = c - '0';
        ++i;
      }
    }
    ExpectRestBlank(line, i, folded ? "'>'" : "'|'");
    int base = std::max(parent, 0);
    int indent = given ? base + given : -1;
    std::vector<std::string_view> body;
    size_t last_content = line;
    size_t l = line + 1;
    for (; l < lines_.size(); ++l) {
      std::string_view t = LineText(l);
      bool whitespace = t.find_first_not_of(' ') == std::string_view::npos;
      if (whitespace) {
        body.push_back({});
        continue;
      }
      if (indent < 0) {
        if (lines_[l].indent <= parent) break;
        indent = lines_[l].indent;
      }
      if (lines_[l].indent < indent) break;
      body.push_back(t.substr(indent));
      last_content = l;
    }
    size_t trailing = 0;
    while (trailing < body.size() && body[body.size() - 1 - trailing].empty()) ++trailing;
    std::string& out = node.scalar();
    bool first = true, prev_more = false;
    int empties = 0;
    for (size_t k = 0; k + trailing < body.size(); ++k) {
      std::string_view t = body[k];
      if (t.empty()) {
        ++empties;
        continue;
      }
      bool more = IsSpace(t[0]);
      if (first) out.append(empties, '\n');
      else if (folded && !more && !prev_more) out += empties ? std::string(empties, '\n') : std::string(" ");
      else out.append(1 + empties, '\n');
      out += t;
      first = false;
      prev_more = more;
      empties = 0;
    }
    if (chomp == '+') out.append((out.empty() ? 0 : 1) + trailing, '\n');
    else if (chomp == 'c' && !out.empty() && lines_[last_content].end < text_.size()) out += '\n';
    // Trailing lines of spaces belong to the scalar; the reader goes on
    // from the first line after it.
    li_ = l;
    SkipBlank();
    return node;
  }

  YamlMark MarkAt(size_t offset) const {
    auto it = std::upper_bound(lines_.begin(), lines_.end(), offset,
                               [](size_t off, const Line& l) { return off < l.begin; });
    size_t line = it == lines_.begin() ? 0 : static_cast<size_t>(it - lines_.begin() - 1);
    return {static_cast<int>(line), static_cast<int>(offset - lines_[line].begin)};
  }
  [[noreturn]] void FailAt(size_t offset, std::string message) const {
    YamlMark m = MarkAt(offset);
    Fail(m.line, m.column, std::move(message));
  }

  // A quoted scalar starting at the quote at `pos`, over lines if need be;
  // returns the offset just after the closing quote.
  size_t Quoted(size_t pos, std::string* out) const {
    const char q = text_[pos];
    const size_t open = pos;
    size_t i = pos + 1;
    size_t kept = 0;  // out's length that trimming at a line break may not cut into
    while (i < text_.size()) {
      char c = text_[i];
      if (c == q) {
        if (q == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          *out += '\'';
          i += 2;
          kept = out->size();
          continue;
        }
        return i + 1;
      }
      if (c == '\r' || c == '\n') {
        // A line break folds: spaces around it go, one break is a space,
        // each further empty line a newline.
        while (out->size() > kept && IsSpace(out->back())) out->pop_back();
        int breaks = 0;
        while (i < text_.size() && (text_[i] == '\n' || text_[i] == '\r' || IsSpace(text_[i]))) {
          if (text_[i] == '\n') ++breaks;
          ++i;
        }
        *out += breaks > 1 ? std::string(breaks - 1, '\n') : std::string(" ");
        kept = out->size();
        continue;
      }
      if (q == '"' && c == '\\') {
        if (i + 1 >= text_.size()) break;
        char e = text_[i + 1];
        i += 2;
        int hex = 0;
        switch (e) {
          case '0': *out += '\0'; break;
          case 'a': *out += '\a'; break;
          case 'b': *out += '\b'; break;
          case 't': case '\t': *out += '\t'; break;
          case 'n': *out += '\n'; break;
          case 'v': *out += '\v'; break;
          case 'f': *out += '\f'; break;
          case 'r': *out += '\r'; break;
          case 'e': *out += '\x1b'; break;
          case ' ': *out += ' '; break;
          case '"': *out += '"'; break;
          case '/': *out += '/'; break;
          case '\\': *out += '\\'; break;
          case 'N': AppendUtf8(*out, 0x85); break;
          case '_': AppendUtf8(*out, 0xA0); break;
          case 'L': AppendUtf8(*out, 0x2028); break;
          case 'P': AppendUtf8(*out, 0x2029); break;
          case 'x': hex = 2; break;
          case 'u': hex = 4; break;
          case 'U': hex = 8; break;
          case '\r':
          case '\n':
            // An escaped line break joins the lines with nothing between.
            if (e == '\r' && i < text_.size() && text_[i] == '\n') ++i;
            while (i < text_.size() && IsSpace(text_[i])) ++i;
            break;
          default:
            FailAt(i - 2, std::string("unknown escape '\\") + e +
                              "' in a double-quoted value; write '\\\\' for a backslash, or use single quotes");
        }
        if (hex) {
          uint32_t cp = 0;
          for (int k = 0; k < hex; ++k, ++i) {
            char h = i < text_.size() ? text_[i] : '\0';
            int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (v < 0) FailAt(i, "a '\\" + std::string(1, e) + "' escape needs " + std::to_string(hex) + " hexadecimal digits");
            cp = cp * 16 + static_cast<uint32_t>(v);
          }
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            FailAt(i - hex - 2, "this escape is not a Unicode character");
          AppendUtf8(*out, cp);
        }
        kept = out->size();
        continue;
      }
      *out += c;
      ++i;
    }
    FailAt(open, std::string("this value has no closing ") + (q == '"' ? "double" : "single") +
                     " quote; add one where the value ends");
  }

  // Flow collections: [a, b] and {key: value}, over lines if need be.
  void SkipFlowSpace(size_t* pos) const {
    while (*pos < text_.size()) {
      char c = text_[*pos];
      if (IsSpace(c) || c == '\n' || c == '\r') {
        ++*pos;
      } else if (c == '#' && (*pos == 0 || IsSpace(text_[*pos - 1]) || text_[*pos - 1] == '\n')) {
        while (*pos < text_.size() && text_[*pos] != '\n') ++*pos;
      } else {
        return;
      }
    }
  }

  YamlNode Flow(size_t* pos, int depth) {
    if (depth > kMaxDepth) FailAt(*pos, "nested too deeply; no field of the content model needs this many levels");
    const size_t open = *pos;
    const bool is_map = text_[open] == '{';
    const char close = is_map ? '}' : ']';
    YamlMark mark = MarkAt(open);
    YamlNode node(is_map ? YamlNode::Kind::kMap : YamlNode::Kind::kSequence, mark);
    ++*pos;
    for (;;) {
      SkipFlowSpace(pos);
      if (*pos >= text_.size())
        FailAt(open, std::string("this ") + (is_map ? "mapping" : "list") + " has no closing '" + close + "'; add one");
      if (text_[*pos] == close) {
        ++*pos;
        return node;
      }
      YamlNode item = FlowItem(pos, depth);
      SkipFlowSpace(pos);
      if (is_map) {
        if (*pos < text_.size() && text_[*pos] == ':') {
          ++*pos;
          SkipFlowSpace(pos);
          YamlNode value;
          if (*pos < text_.size() && (text_[*pos] == ',' || text_[*pos] == '}'))
            value = YamlNode(YamlNode::Kind::kNull, MarkAt(*pos));
          else
            value = FlowItem(pos, depth);
          node.children().push_back(std::move(item));
          node.children().push_back(std::move(value));
        } else {
          node.children().push_back(std::move(item));
          node.children().emplace_back(YamlNode::Kind::kNull, MarkAt(*pos));
        }
        SkipFlowSpace(pos);
      } else {
        if (*pos < text_.size() && text_[*pos] == ':')
          FailAt(*pos, "a 'key: value' pair inside a list; put it in braces: [{key: value}]");
        node.children().push_back(std::move(item));
      }
      if (*pos < text_.size() && text_[*pos] == ',') {
        ++*pos;
      } else if (*pos < text_.size() && text_[*pos] != close) {
        FailAt(*pos, std::string("expected ',' or '") + close + "' here; separate the items with commas");
      }
    }
  }

  YamlNode FlowItem(size_t* pos, int depth) {
    char c = text_[*pos];
    if (c == '[' || c == '{') return Flow(pos, depth + 1);
    YamlNode node(YamlNode::Kind::kScalar, MarkAt(*pos));
    if (c == '"' || c == '\'') {
      *pos = Quoted(*pos, &node.scalar());
      return node;
    }
    YamlMark m = MarkAt(*pos);
    RefuseIndicator(m.line, m.column);
    std::string& out = node.scalar();
    while (*pos < text_.size()) {
      char d = text_[*pos];
      char next = *pos + 1 < text_.size() ? text_[*pos + 1] : '\0';
      if (d == ',' || d == '[' || d == ']' || d == '{' || d == '}') break;
      if (d == ':' && (IsSpace(next) || next == ',' || next == ']' || next == '}' || next == '\n' || next == '\r' || next == '\0')) break;
      if (d == '#' && !out.empty() && IsSpace(out.back())) break;
      if (d == '\n' || d == '\r') {
        TrimRight(out);
        SkipFlowSpace(pos);
        if (!out.empty()) out += ' ';
        continue;
      }
      out += d;
      ++*pos;
    }
    TrimRight(out);
    if (IsNullWord(out) || out.empty()) return YamlNode(YamlNode::Kind::kNull, node.Mark());
    return node;
  }

  std::string_view text_;
  std::vector<Line> lines_;
  size_t li_ = 0;
};

}  // namespace

bool ParseYamlText(std::string_view text, YamlNode* out, YamlError* error) {
  try {
    Reader reader(text);
    *out = reader.Document();
    return true;
  } catch (const Failure& f) {
    error->mark = f.mark;
    error->message = f.message;
    return false;
  }
}

}  // namespace tracker
