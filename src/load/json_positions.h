// nlohmann/json gives no positions for values, so this indexes a document
// that has already parsed: JSON pointer -> where its value and key start.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tracker {

struct JsonPlace {
  size_t value = 0;        // byte offset of the value
  size_t key = 0;          // byte offset of the key's opening quote
  bool has_key = false;    // false for the root and array items
};

// Keys in the pointers are unescaped text joined with '/', with '~' and '/'
// written as ~0 and ~1 as RFC 6901 says.
// Only values down to `depth` levels below the root when it is 0 or more:
// a valid file's messages need only its top level, so the rest is indexed
// when a message needs it.
std::map<std::string, JsonPlace> IndexJson(const std::string& text, int depth = -1);

// Keys given twice in one object, at any depth: JSON parsers keep one of
// them silently, so a figure typed twice would publish whichever came last.
struct DuplicateKey {
  std::string key;
  size_t first = 0, second = 0;  // byte offsets of the two keys' opening quotes
};
std::vector<DuplicateKey> FindDuplicateKeys(const std::string& text);

// Where the text's lists and objects first nest deeper than `limit`, or
// npos. Checked before parsing: the parser and this file's walkers recurse,
// and a file nested 100,000 deep would overflow the stack.
size_t JsonNestedTooDeep(std::string_view text, int limit);
inline constexpr int kMaxJsonDepth = 64;

std::string JsonPointerAppend(const std::string& base, const std::string& key);

}  // namespace tracker
