// XXH3 built for AVX2, which hash.cc calls where the processor has
// it: Debian's libxxhash is built for the baseline (SSE2), and hashing
// every output of a national site had been 3% of a clean build. XXH3 gives
// the same hash however it is computed. This file alone is compiled with
// -mavx2 (CMakeLists.txt), and includes nothing that other files share.
#if defined(__x86_64__) && defined(__AVX2__)
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace tracker {

void Xxh3Avx2(const void* data, size_t size, unsigned long long* high, unsigned long long* low) {
  const XXH128_hash_t h = XXH3_128bits(data, size);
  *high = h.high64;
  *low = h.low64;
}

}  // namespace tracker
#endif
