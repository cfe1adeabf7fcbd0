// The one hash the build uses, for inputs and outputs alike: 128-bit XXH3.
#pragma once
#include <string>
#include <string_view>

namespace tracker {

// 128-bit XXH3 of `bytes`, as 32 hex digits.
std::string HashBytes(std::string_view bytes);

// The same hash over bytes that arrive in pieces.
class Hasher {
 public:
  Hasher();
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;
  void Add(std::string_view bytes);
  std::string Hex() const;

 private:
  void* state_;
};

}  // namespace tracker
