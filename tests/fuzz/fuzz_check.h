// What the fuzz targets share: a check that stops the run with a message
// (libFuzzer keeps the input that failed it), and the fixture site whose
// files an input stands in for.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "load/source_tree.h"

#define FUZZ_CHECK(cond, what)                                             \
  do {                                                                     \
    if (!(cond)) {                                                         \
      std::fprintf(stderr, "fuzz check failed: %s (%s)\n", what, #cond); \
      std::abort();                                                        \
    }                                                                      \
  } while (0)

namespace fuzz {

// tests/fixtures/sample, read once: a small fictional tracker.
inline const tracker::SourceTree& SampleSite() {
  static const tracker::SourceTree tree = [] {
    tracker::Diagnostics diag;
    auto t = tracker::ReadSourceTree(std::filesystem::path(TRACKER_TEST_DATA) / "fixtures/sample", diag);
    if (diag.HasErrors() || t.files.empty()) {
      std::fprintf(stderr, "cannot read tests/fixtures/sample\n");
      std::abort();
    }
    return t;
  }();
  return tree;
}

}  // namespace fuzz
