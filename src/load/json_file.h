// A JSON source parsed with the place of every value, so each message names
// its line and column: what snapshots and kpis.json are read through.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "load/json_positions.h"
#include "load/text.h"

namespace tracker {

using Json = nlohmann::ordered_json;

// A parsed JSON file with the positions of its values.
struct JsonFile {
  std::string path;
  const std::string* text = nullptr;
  Json json;
  // The top level's places; everything's once a deeper one is asked for.
  mutable std::map<std::string, JsonPlace> places;
  mutable bool whole = false;

  const JsonPlace* Place(const std::string& pointer) const {
    auto it = places.find(pointer);
    if (it == places.end() && !whole) {
      places = IndexJson(*text);
      whole = true;
      it = places.find(pointer);
    }
    return it == places.end() ? nullptr : &it->second;
  }
  SourcePos At(const std::string& pointer) const {
    const JsonPlace* p = Place(pointer);
    LineCol lc = LineColAt(*text, p ? p->value : 0);
    return {path, lc.line, lc.col};
  }
  SourcePos KeyAt(const std::string& pointer) const {
    const JsonPlace* p = Place(pointer);
    if (!p || !p->has_key) return At(pointer);
    LineCol lc = LineColAt(*text, p->key);
    return {path, lc.line, lc.col};
  }
};

// Parses `text`, reporting malformed JSON, nesting past kMaxJsonDepth and
// keys given twice at their places; nullopt when it cannot be read.
std::optional<JsonFile> ParseJsonFile(const std::string& path, const std::string& text, Diagnostics& diag);

// Each key of `obj` not in `allowed` is an error at the key, with a hint.
void RejectUnknownKeys(const JsonFile& f, const Json& obj, const std::string& ptr,
                       const std::vector<std::string>& allowed, const std::string& what, Diagnostics& diag);

// A top-level "$schema", which editors read (docs/schemas/) and the build
// does not, must be a string naming the schema.
void CheckSchemaKey(const JsonFile& f, const Json& obj, Diagnostics& diag);

}  // namespace tracker
