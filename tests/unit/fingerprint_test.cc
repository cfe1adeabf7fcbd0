#include <doctest/doctest.h>

#include <xxhash.h>

#include <cstdio>

#include "load/fingerprint.h"

using namespace tracker;

namespace {

SourceTree Tree() {
  SourceTree t;
  t.files["site.yml"] = "title: T\n";
  t.files["data/kpis.json"] = "{}";
  t.files["content/a/_authority.md"] = "---\nname: A\n---\n";
  t.files["data/a/snapshots/2020-01-01.json"] = "{}";
  t.files["content/b/_authority.md"] = "---\nname: B\n---\n";
  return t;
}

}  // namespace

TEST_CASE("files belong to their authority, or to every page") {
  CHECK(OwnerOf("content/a/documents/x.md") == "a");
  CHECK(OwnerOf("data/a/snapshots/2020-01-01.json") == "a");
  CHECK(OwnerOf("data/kpis.json") == "");
  CHECK(OwnerOf("content/stray.md") == "");
  CHECK(OwnerOf("site.yml") == "");
  CHECK(OwnerOf("themes/default/templates/layout.html") == "");
}

TEST_CASE("a change reaches the fingerprints of what reads it, and no others") {
  const Fingerprints before = FingerprintInputs(Tree(), "");
  REQUIRE(before.authorities.size() == 2);

  SourceTree t = Tree();
  t.files["data/a/snapshots/2020-01-01.json"] = "{\"changed\": true}";
  Fingerprints fp = FingerprintInputs(t, "");
  CHECK(fp.all != before.all);
  CHECK(fp.global == before.global);
  CHECK(fp.authorities.at("a") != before.authorities.at("a"));
  CHECK(fp.authorities.at("b") == before.authorities.at("b"));

  // site.yml is read by every page: every fingerprint changes.
  t = Tree();
  t.files["site.yml"] = "title: Other\n";
  fp = FingerprintInputs(t, "");
  CHECK(fp.global != before.global);
  CHECK(fp.authorities.at("a") != before.authorities.at("a"));
  CHECK(fp.authorities.at("b") != before.authorities.at("b"));

  // So do the options, and a file moving from one authority to another.
  CHECK(FingerprintInputs(Tree(), "--as-at=2020-01-01").global != before.global);
  t = Tree();
  t.files.erase("data/a/snapshots/2020-01-01.json");
  t.files["data/b/snapshots/2020-01-01.json"] = "{}";
  fp = FingerprintInputs(t, "");
  CHECK(fp.authorities.at("a") != before.authorities.at("a"));
  CHECK(fp.authorities.at("b") != before.authorities.at("b"));
}

TEST_CASE("fingerprints from the files' hashes equal those from their bytes") {
  SourceTree t = Tree();
  std::map<std::string, std::string> hashes;
  for (const auto& [path, bytes] : t.files) hashes[path] = HashBytes(bytes);
  Fingerprints a = FingerprintInputs(t, "x"), b = FingerprintInputs(hashes, "x");
  CHECK(a.all == b.all);
  CHECK(a.global == b.global);
  CHECK(a.authorities == b.authorities);
}

TEST_CASE("the hash of bytes in pieces is the hash of the bytes") {
  Hasher h;
  h.Add("hello, ");
  h.Add("world");
  CHECK(h.Hex() == HashBytes("hello, world"));
  CHECK(HashBytes("a").size() == 32);
  CHECK(HashBytes("a") != HashBytes("b"));
}

TEST_CASE("a hash is XXH3's 128 bits, however the processor computes it") {
  // HashBytes may use its AVX2 build; the library is built for the baseline.
  std::string bytes;
  uint64_t x = 88172645463325252ull;
  for (size_t i = 0; i < (1 << 20) + 37; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    bytes += static_cast<char>(x);
  }
  int checked = 0;
  for (size_t n : {0, 1, 3, 16, 17, 128, 129, 240, 241, 1023, 1024, 1025, 65536, (1 << 20) + 37}) {
    const XXH128_hash_t h = XXH3_128bits(bytes.data(), n);
    char hex[40];
    std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                  static_cast<unsigned long long>(h.low64));
    CHECK_MESSAGE(HashBytes(std::string_view(bytes.data(), n)) == hex, n);
    ++checked;
  }
  CHECK(checked == 14);
}
