#include "render/escape.h"

#include <array>
#include <cstdio>

namespace tracker {

std::string EscapeXml(std::string_view s) {
  // One load per byte tells the bytes to change (the five markup ones, and
  // control characters other than tab and newlines, which XML forbids and
  // are dropped) from the rest, which are appended in runs.
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = c != '\t' && c != '\n' && c != '\r';
    for (unsigned char c : {'&', '<', '>', '"', '\''}) t[c] = true;
    return t;
  }();
  std::string out;
  out.reserve(s.size() + 16);
  size_t plain = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!kSpecial[static_cast<unsigned char>(s[i])]) continue;
    out.append(s.substr(plain, i - plain));
    switch (s[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: break;  // a control character: dropped
    }
    plain = i + 1;
  }
  out.append(s.substr(plain));
  return out;
}

std::string EscapeCsv(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
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

}  // namespace tracker
