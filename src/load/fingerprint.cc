#include "load/fingerprint.h"

#include <xxhash.h>

#include <cstdio>

#include "render/embedded_theme.h"

namespace tracker {

namespace {

std::string Hex(XXH128_hash_t h) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

// Streams path and bytes, with lengths so that no two inputs hash alike by
// shifting bytes between them.
void Add(XXH3_state_t* s, std::string_view path, std::string_view bytes) {
  uint64_t lengths[2] = {path.size(), bytes.size()};
  XXH3_128bits_update(s, lengths, sizeof lengths);
  XXH3_128bits_update(s, path.data(), path.size());
  XXH3_128bits_update(s, bytes.data(), bytes.size());
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

std::string OwnerOf(const std::string& path) {
  for (const char* dir : {"content/", "data/"}) {
    size_t n = std::char_traits<char>::length(dir);
    if (path.compare(0, n, dir) != 0) continue;
    size_t slash = path.find('/', n);
    if (slash == std::string::npos) return "";  // data/kpis.json
    return path.substr(n, slash - n);
  }
  return "";
}


Fingerprints FingerprintInputs(const std::map<std::string, std::string>& file_hashes, const std::string& options) {
  XXH3_state_t* all = XXH3_createState();
  XXH3_state_t* global = XXH3_createState();
  XXH3_128bits_reset(all);
  XXH3_128bits_reset(global);
  // The tool itself: its version and the theme compiled into it.
  for (XXH3_state_t* s : {all, global}) {
    Add(s, "tracker", TRACKER_VERSION);
    Add(s, "options", options);
    for (const auto& f : EmbeddedThemeFiles()) Add(s, f.path, f.bytes);
  }
  std::map<std::string, XXH3_state_t*> owners;
  for (const auto& [path, hash] : file_hashes) {
    Add(all, path, hash);
    std::string owner = OwnerOf(path);
    if (owner.empty()) {
      Add(global, path, hash);
      continue;
    }
    XXH3_state_t*& s = owners[owner];
    if (!s) {
      s = XXH3_createState();
      XXH3_128bits_reset(s);
    }
    Add(s, path, hash);
  }
  Fingerprints fp;
  fp.all = Hex(XXH3_128bits_digest(all));
  fp.global = Hex(XXH3_128bits_digest(global));
  for (auto& [owner, s] : owners) {
    XXH128_hash_t own = XXH3_128bits_digest(s);
    fp.authorities[owner] = HashBytes(fp.global + Hex(own));
    XXH3_freeState(s);
  }
  XXH3_freeState(all);
  XXH3_freeState(global);
  return fp;
}

Fingerprints FingerprintInputs(const SourceTree& tree, const std::string& options) {
  std::map<std::string, std::string> hashes;
  for (const auto& [path, bytes] : tree.files) hashes.emplace(path, HashBytes(bytes));
  return FingerprintInputs(hashes, options);
}

}  // namespace tracker
