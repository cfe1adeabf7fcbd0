// Reads a snapshot that is well formed, without a JSON tree: a national
// site has tens of thousands of them, and parsing each into a tree and
// indexing its positions cost more than a hundred instructions a byte.
// It gives up (returns false) on anything a message might be needed for,
// and on anything it does not read itself (escapes in strings, a key given
// twice); the general loader then reads the file and says what is wrong.
// A snapshot it does read comes out exactly as the general loader makes it.
#pragma once
#include <string>
#include <vector>

#include "model/site.h"

namespace tracker {

bool ReadSnapshotQuickly(const std::string& path, const std::string& text, const std::vector<Kpi>& kpis,
                         Snapshot* out);

}  // namespace tracker
