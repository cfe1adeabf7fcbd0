#include "load/fingerprint.h"

#include "hash.h"

#include <cstdio>
#include <vector>

#include "embedded_theme.h"

namespace tracker {

std::string_view OwnerOf(std::string_view path) {
  for (std::string_view dir : {std::string_view("content/"), std::string_view("data/")}) {
    if (path.substr(0, dir.size()) != dir) continue;
    size_t slash = path.find('/', dir.size());
    if (slash == std::string_view::npos) return {};  // data/kpis.json
    if (path.substr(0, 14) == "data/official/") return {};  // the DfE's files: every authority's
    return path.substr(dir.size(), slash - dir.size());
  }
  return {};
}

namespace {

// Path and bytes, with their lengths so that no two inputs hash alike by
// shifting bytes between them, appended to the buffer that is hashed once:
// a few small streamed updates a file cost several times as much.
void Append(std::string* buf, std::string_view path, std::string_view bytes) {
  const uint64_t lengths[2] = {path.size(), bytes.size()};
  buf->append(reinterpret_cast<const char*>(lengths), sizeof lengths);
  buf->append(path);
  buf->append(bytes);
}

}  // namespace

Fingerprints FingerprintInputs(const std::map<std::string, std::string>& file_hashes, const std::string& options) {
  // The tool itself: its version and the theme compiled into it.
  std::string global;
  Append(&global, "tracker", TRACKER_VERSION);
  Append(&global, "options", options);
  for (const auto& f : EmbeddedThemeFiles()) Append(&global, f.path, f.bytes);
  // An authority's files come in at most two runs of path order, one in
  // content/ and one in data/: each owner's runs are noted, then its bytes
  // made in one buffer used again for every owner, so no more memory is
  // touched than one authority's list.
  using It = std::map<std::string, std::string>::const_iterator;
  std::map<std::string_view, std::vector<std::pair<It, It>>> owners;
  for (It it = file_hashes.begin(); it != file_hashes.end();) {
    const std::string_view owner = OwnerOf(it->first);
    It run = it;
    while (it != file_hashes.end() && OwnerOf(it->first) == owner) ++it;
    if (owner.empty())
      for (It f = run; f != it; ++f) Append(&global, f->first, f->second);
    else
      owners[owner].emplace_back(run, it);
  }
  Fingerprints fp;
  fp.global = HashBytes(global);
  // Everything: what every page reads, then each owner's own hash.
  std::string all = global, bytes;
  for (const auto& [owner, runs] : owners) {
    bytes.clear();
    for (const auto& [from, to] : runs)
      for (It f = from; f != to; ++f) Append(&bytes, f->first, f->second);
    const std::string own = HashBytes(bytes);
    Append(&all, owner, own);
    fp.authorities.emplace_hint(fp.authorities.end(), std::string(owner), HashBytes(fp.global + own));
  }
  fp.all = HashBytes(all);
  return fp;
}

Fingerprints FingerprintInputs(const SourceTree& tree, const std::string& options) {
  std::map<std::string, std::string> hashes;
  for (const auto& [path, bytes] : tree.files) hashes.emplace(path, HashBytes(bytes));
  return FingerprintInputs(hashes, options);
}

}  // namespace tracker
