// The only place that reads the source folder: every file the build may use,
// read once into memory, keyed by its path relative to the source.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "diagnostics.h"

namespace tracker {

struct SourceTree {
  // Relative path with '/' separators -> bytes. A std::map, so every walk
  // over it is in path order whatever order the file system lists.
  std::map<std::string, std::string> files;

  const std::string* Find(const std::string& path) const {
    auto it = files.find(path);
    return it == files.end() ? nullptr : &it->second;
  }
};

// Files read as text (Markdown, YAML, JSON, templates...): checked to be
// UTF-8, and a byte-order mark at their start is dropped as they are read,
// once, so no reader need know of it.
bool IsTextFile(const std::string& path);

// Reads site.yml, content/, data/ and themes/ under root. Problems reading
// are reported in diag; a missing root is an error.
SourceTree ReadSourceTree(const std::filesystem::path& root, Diagnostics& diag, int threads = 1);

// Reads the files at these paths (relative to root) into `tree`, on up to
// `threads` threads: what a rebuild reads when it knows which files it needs.
void ReadSources(const std::filesystem::path& root, const std::vector<std::string>& paths, SourceTree& tree,
                 Diagnostics& diag, int threads = 1);

// The same files' sizes and modification times, without reading them: how a
// rebuild tells in a moment that nothing changed, as make and ninja do.
// Path and "size:mtime in nanoseconds", in path order.
using SourceStats = std::vector<std::pair<std::string, std::string>>;
// What cannot be read safely (links out of the source, named pipes...) is
// put in `problems`, so a build reports it even when nothing else changed.
SourceStats StatSourceTree(const std::filesystem::path& root, int threads = 1,
                           std::vector<Diagnostic>* problems = nullptr);

// The most tracker reads from one source file: far above any real
// document or snapshot, and low enough that a build's memory stays bounded.
inline constexpr size_t kMaxSourceBytes = size_t{16} << 20;
// Markdown has its own, lower limit: cmark-gfm's tree of dense Markdown
// (a quote, list item or heading every few bytes) takes 200 to 400 bytes
// for each byte. Half a megabyte is a report of 150 pages; the largest of
// the bundled documents is 13 KB.
inline constexpr size_t kMaxMarkdownBytes = size_t{512} << 10;

}  // namespace tracker
