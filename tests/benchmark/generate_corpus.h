// A synthetic national corpus in the real content model, for the benchmark:
// every English local authority's worth of documents, measures and monthly
// snapshots. Deterministic: the same seed gives the same files.
#pragma once
#include <filesystem>

namespace tracker::bench {

struct CorpusShape {
  int authorities = 153;
  int documents = 40;   // per authority, 2-16 KB of Markdown each
  int measures = 10;    // per authority
  int snapshots = 72;   // monthly, per authority
  int kpis = 17;        // one of them broken down by team
};

// Writes site.yml, content/ and data/ under `root`. Returns Markdown bytes.
size_t GenerateCorpus(const std::filesystem::path& root, const CorpusShape& shape, unsigned seed = 20231);

}  // namespace tracker::bench
