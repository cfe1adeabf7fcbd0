#include "hash.h"

#include <xxhash.h>

#include <cstdio>

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

}  // namespace tracker
