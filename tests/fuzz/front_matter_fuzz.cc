// The YAML and front-matter readers: the input stands in for one file of
// the sample site (chosen by its first byte), which is then loaded whole.
// Whatever the bytes, loading ends with a site or with diagnostics that
// name a file of the site, and never crashes.
#include <cstdint>
#include <string>

#include "diagnostics.h"
#include "fuzz_check.h"
#include "load/load_site.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* kRoles[] = {"content/sampleton/documents/fuzz.md", "content/sampleton/_authority.md",
                                 "content/sampleton/measures/fuzz.md", "site.yml"};
  const std::string path = kRoles[data[0] % 4];
  tracker::SourceTree tree = fuzz::SampleSite();
  tree.files[path] = std::string(reinterpret_cast<const char*>(data + 1), size - 1);
  tracker::Diagnostics diag;
  tracker::Site site = tracker::LoadSite(tree, diag);
  for (const auto& d : diag.Sorted()) {
    FUZZ_CHECK(!d.message.empty(), "every diagnostic says what is wrong");
    FUZZ_CHECK(d.pos.line >= 0 && d.pos.col >= 0, "positions are never negative");
  }
  if (!diag.HasErrors()) FUZZ_CHECK(!site.authorities.empty(), "a site without errors has its authority");
  return 0;
}
