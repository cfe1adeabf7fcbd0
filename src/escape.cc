#include "escape.h"

#include "utf8.h"

#include <array>
#include <cstdio>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tracker {

namespace {

// The bytes to change: the five markup ones, and control characters other
// than tab and line ends, which XML forbids.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = c != '\t' && c != '\n' && c != '\r';
  for (unsigned char c : {'&', '<', '>', '"', '\''}) t[c] = true;
  t[0x7F] = true;  // DEL
  t[0xC2] = true;  // may begin a C1 control, U+0080 to U+009F
  return t;
}();

// Where the next byte to change is, from `i`: sixteen bytes at a time where
// the processor can, as most text has none. A tab or line end stops the
// fast scan and is passed over one byte at a time.
size_t NextSpecial(std::string_view s, size_t i) {
#if defined(__SSE2__)
  const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'),
                quot = _mm_set1_epi8('"'), apos = _mm_set1_epi8('\''), low = _mm_set1_epi8(0x1F),
                del = _mm_set1_epi8(0x7F), c1 = _mm_set1_epi8(static_cast<char>(0xC2));
  while (i + 16 <= s.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, low), v);  // v <= 0x1F, unsigned
    const __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)), control),
        _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, quot)), _mm_cmpeq_epi8(v, apos)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(v, c1))));
    const int mask = _mm_movemask_epi8(hit);
    if (!mask) {
      i += 16;
      continue;
    }
    const size_t at = i + static_cast<size_t>(__builtin_ctz(mask));
    if (kSpecial[static_cast<unsigned char>(s[at])]) return at;
    i = at + 1;  // a tab or line end
  }
#endif
  for (; i < s.size(); ++i)
    if (kSpecial[static_cast<unsigned char>(s[i])]) return i;
  return std::string_view::npos;
}

}  // namespace

void AppendEscaped(std::string* out, std::string_view s) {
  size_t plain = 0;  // runs of plain bytes are appended at once
  for (size_t i = NextSpecial(s, 0); i != std::string_view::npos; i = NextSpecial(s, plain)) {
    out->append(s.substr(plain, i - plain));
    switch (s[i]) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"': *out += "&quot;"; break;
      case '\'': *out += "&apos;"; break;
      case '\xC2':
        // A C1 control (U+0080 to U+009F) is dropped whole; any other
        // character beginning with this byte (£, °, a no-break space) stays.
        if (i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(s[i + 1]) < 0xA0) {
          plain = i + 2;
          continue;
        }
        out->push_back(s[i]);
        break;
      default: break;  // a control character: dropped
    }
    plain = i + 1;
  }
  out->append(s.substr(plain));
}

std::string EscapeXml(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  AppendEscaped(&out, s);
  return out;
}

namespace {

// A number as tracker writes one: digits, at most one point, perhaps a
// leading minus.
bool IsPlainNumber(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  bool point = false;
  for (char c : s) {
    if (c == '.' && !point) point = true;
    else if (c < '0' || c > '9') return false;
  }
  return s.front() != '.' && s.back() != '.';
}

bool LooksLikeFormula(std::string_view s) {
  if (s.empty()) return false;
  const char c = s[0];
  return (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') && !IsPlainNumber(s);
}

}  // namespace

bool CsvNeedsEscape(std::string_view s) {
  // A plain loop: find_first_of searches the set once per character.
  for (char c : s)
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
  return LooksLikeFormula(s);
}

std::string EscapeCsv(std::string_view s) {
  const bool formula = LooksLikeFormula(s);
  if (!formula && s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = formula ? "\"'" : "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void AppendJsonString(std::string* out, std::string_view text) {
  *out += '"';
  size_t plain = 0;  // runs of plain bytes are appended at once
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c != '"' && c != '\\' && c >= 0x20) continue;
    out->append(text.substr(plain, i - plain));
    if (c == '"' || c == '\\') {
      *out += '\\';
      *out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      *out += buf;
    }
    plain = i + 1;
  }
  out->append(text.substr(plain));
  *out += '"';
}

std::string EscapeCssString(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    const unsigned long cp = NextCodePoint(text, &i);
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\%06lX", cp);
    out += buf;
  }
  return out;
}

std::string TerminalText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto escape = [&](unsigned char b) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\\x";
    out += kHex[b >> 4];
    out += kHex[b & 15];
  };
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7F) escape(b);
      else out += static_cast<char>(b);
      ++i;
      continue;
    }
    // A whole, well-formed sequence is copied; anything else byte by byte.
    const size_t len = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    bool whole = len > 0 && i + len <= text.size();
    for (size_t k = 1; whole && k < len; ++k) whole = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    // C1 controls are U+0080 to U+009F: C2 80 to C2 9F.
    if (whole && b == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) whole = false;
    if (!whole) {
      escape(b);
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace tracker
