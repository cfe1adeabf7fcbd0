// The Mustache engine with hostile data: the input is a template (and, after
// a NUL byte, a partial it may include, itself included). Whatever the
// bytes, compiling and rendering end without a crash, and text from the
// data reaches the output raw only through a {{{triple}}} or {{&raw}} tag.
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "render/mustache.h"

namespace {

const tracker::View& HostileData() {
  static const tracker::View view = [] {
    const char* kPayload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    tracker::View v{{"name", kPayload}, {"empty", ""}, {"yes", true}, {"no", false}, {"n", 42}};
    tracker::View& items = v["items"];
    for (int i = 0; i < 3; ++i) items.push_back(tracker::View{{"name", kPayload}, {"i", i}});
    v["nested"]["deeper"]["name"] = kPayload;
    v["list"] = std::vector<std::string>{kPayload, "two"};
    return v;
  }();
  return view;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string text = input.substr(0, nul);
  const std::string partial_text = nul == std::string::npos ? "" : input.substr(nul + 1);
  std::string error;
  auto tmpl = tracker::MustacheTemplate::Compile(text, &error);
  if (!tmpl) {
    FUZZ_CHECK(!error.empty(), "a template that does not compile says why");
    return 0;
  }
  auto partial = tracker::MustacheTemplate::Compile(partial_text, &error);
  auto lookup = [&](const std::string& name) -> const tracker::MustacheTemplate* {
    if (name == "self") return tmpl.get();
    return name == "p" ? partial.get() : nullptr;
  };
  std::string out, missing;
  tmpl->Render(HostileData(), lookup, &out, &missing);
  const bool raw_possible = input.find("{{{") != std::string::npos || input.find("{{&") != std::string::npos ||
                            input.find("<script") != std::string::npos;
  if (!raw_possible) FUZZ_CHECK(out.find("<script") == std::string::npos, "data is escaped");
  return 0;
}
