#include "load/fingerprint.h"

#include <xxhash.h>

#include <cstdio>
#include <vector>

#include "embedded_theme.h"

namespace tracker {

namespace {

std::string Hex(XXH128_hash_t h) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

}  // namespace

#if defined(__x86_64__)
void Xxh3Avx2(const void* data, size_t size, unsigned long long* high, unsigned long long* low);  // hash_avx2.cc
#endif

std::string HashBytes(std::string_view bytes) {
#if defined(__x86_64__)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) {
    XXH128_hash_t h;
    unsigned long long high, low;
    Xxh3Avx2(bytes.data(), bytes.size(), &high, &low);
    h.high64 = high;
    h.low64 = low;
    return Hex(h);
  }
#endif
  return Hex(XXH3_128bits(bytes.data(), bytes.size()));
}

Hasher::Hasher() : state_(XXH3_createState()) { XXH3_128bits_reset(static_cast<XXH3_state_t*>(state_)); }
Hasher::~Hasher() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }
void Hasher::Add(std::string_view bytes) { XXH3_128bits_update(static_cast<XXH3_state_t*>(state_), bytes.data(), bytes.size()); }
std::string Hasher::Hex() const { return tracker::Hex(XXH3_128bits_digest(static_cast<XXH3_state_t*>(state_))); }

std::string_view OwnerOf(std::string_view path) {
  for (std::string_view dir : {std::string_view("content/"), std::string_view("data/")}) {
    if (path.substr(0, dir.size()) != dir) continue;
    size_t slash = path.find('/', dir.size());
    if (slash == std::string_view::npos) return {};  // data/kpis.json
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
