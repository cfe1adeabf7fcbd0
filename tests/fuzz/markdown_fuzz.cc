// Markdown rendering in safe mode: whatever the bytes, no crash, and the
// HTML holds no script, event handler or script link from the text.
#include <algorithm>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "render/markdown.h"

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; });
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const tracker::RenderedMarkdown out = tracker::RenderMarkdown(text, /*unsafe=*/false, {"main-content"});
  const std::string html = Lower(out.html);
  FUZZ_CHECK(html.find("<script") == std::string::npos, "no script element");
  FUZZ_CHECK(html.find("<iframe") == std::string::npos && html.find("<object") == std::string::npos, "no embedded frame");
  for (const char* scheme : {"=\"javascript:", "=\"vbscript:", "=\"data:text/html"})
    FUZZ_CHECK(html.find(scheme) == std::string::npos, "no script link");
  // An event handler would be an attribute opened inside a tag: cmark writes
  // none, so " on" followed by letters and '=' never stands inside a tag.
  for (size_t lt = html.find('<'); lt != std::string::npos; lt = html.find('<', lt + 1)) {
    const size_t gt = html.find('>', lt);
    const std::string tag = html.substr(lt, gt == std::string::npos ? std::string::npos : gt - lt);
    if (tag.rfind("<!--", 0) == 0) continue;
    for (size_t on = tag.find(" on"); on != std::string::npos; on = tag.find(" on", on + 1)) {
      size_t k = on + 3;
      while (k < tag.size() && tag[k] >= 'a' && tag[k] <= 'z') ++k;
      // Inside a quoted attribute value (a link's title, say) it is text.
      const size_t quotes = static_cast<size_t>(std::count(tag.begin(), tag.begin() + on, '"'));
      FUZZ_CHECK(quotes % 2 == 1 || k >= tag.size() || tag[k] != '=', "no event handler attribute");
    }
  }
  std::string ids;
  for (const auto& h : out.headings) FUZZ_CHECK(h.id != "main-content", "a heading never takes a reserved id");
  return 0;
}
