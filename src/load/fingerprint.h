// Fingerprints of the build's inputs, so a rebuild can tell what changed:
// one for everything, and one per authority for the files only its pages
// read. Pure: hashes of bytes already in memory.
#pragma once
#include <map>
#include <string>
#include <string_view>

#include "hash.h"
#include "load/source_tree.h"

namespace tracker {

struct Fingerprints {
  std::string all;     // every input, the tool and the options
  std::string global;  // what every page reads: site.yml, kpis.json, themes, the tool, the options
  std::map<std::string, std::string> authorities;  // slug -> global + its own content/ and data/ files
};

// From each input file's hash (path -> HashBytes of its bytes), so a
// rebuild need not read a file whose size and time are unchanged. `options`
// holds whatever else changes the output, e.g. "--as-at=2023-09-30".
Fingerprints FingerprintInputs(const std::map<std::string, std::string>& file_hashes, const std::string& options);
Fingerprints FingerprintInputs(const SourceTree& tree, const std::string& options);

// The authority a source file belongs to, or "" for a file every page reads:
// a view into `path`.
std::string_view OwnerOf(std::string_view path);

}  // namespace tracker
