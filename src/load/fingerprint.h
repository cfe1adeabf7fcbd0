// Fingerprints of the build's inputs, so a rebuild can tell what changed:
// one for everything, and one per authority for the files only its pages
// read. Pure: hashes of bytes already in memory.
#pragma once
#include <map>
#include <string>

#include "load/source_tree.h"

namespace tracker {

// 128-bit XXH3 of `bytes`, as 32 hex digits.
std::string HashBytes(std::string_view bytes);

struct Fingerprints {
  std::string all;     // every input, the tool and the options
  std::string global;  // what every page reads: site.yml, kpis.json, themes, the tool, the options
  std::map<std::string, std::string> authorities;  // slug -> global + its own content/ and data/ files
};

// `options` holds whatever else changes the output, e.g. "--as-at=2023-09-30".
Fingerprints FingerprintInputs(const SourceTree& tree, const std::string& options);

}  // namespace tracker
