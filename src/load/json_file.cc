#include "load/json_file.h"

#include <algorithm>

namespace tracker {

std::optional<JsonFile> ParseJsonFile(const std::string& path, const std::string& text, Diagnostics& diag) {
  JsonFile f;
  f.path = path;
  f.text = &text;
  if (size_t deep = JsonNestedTooDeep(text, kMaxJsonDepth); deep != std::string::npos) {
    LineCol lc = LineColAt(text, deep);
    diag.Error({path, lc.line, lc.col}, "lists and objects are nested more than " + std::to_string(kMaxJsonDepth) +
                                            " deep here; tracker's files need only a few levels, so this file is not read");
    return std::nullopt;
  }
  try {
    f.json = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // e.byte is 1-based: the byte where the parser gave up.
    LineCol lc = LineColAt(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string msg = e.what();
    size_t colon = msg.find(": ", msg.find("column"));
    if (colon != std::string::npos) msg = msg.substr(colon + 2);
    diag.Error({path, lc.line, lc.col}, "malformed JSON: " + msg);
    return std::nullopt;
  } catch (const Json::out_of_range& e) {
    // A number too large for a double, such as 1e999: the parser names it
    // but not where it is, so the first place it stands is given.
    std::string msg = e.what();
    size_t q1 = msg.find('\''), q2 = msg.rfind('\'');
    std::string number = q1 != std::string::npos && q2 > q1 ? msg.substr(q1 + 1, q2 - q1 - 1) : "";
    size_t at = number.empty() ? std::string::npos : text.find(number);
    LineCol lc = LineColAt(text, at == std::string::npos ? 0 : at);
    diag.Error({path, lc.line, lc.col},
               "number " + (number.empty() ? std::string("") : "'" + number + "' ") +
                   "is too large to be a figure; give it as an ordinary number");
    return std::nullopt;
  }
  f.places = IndexJson(text, 1);
  for (const auto& d : FindDuplicateKeys(text)) {
    LineCol first = LineColAt(text, d.first), second = LineColAt(text, d.second);
    diag.Error({path, second.line, second.col}, "field '" + d.key + "' is given twice in one object, here and at " +
                                                    std::to_string(first.line) + ":" + std::to_string(first.col) +
                                                    "; keep one");
  }
  return f;
}

void RejectUnknownKeys(const JsonFile& f, const Json& obj, const std::string& ptr,
                       const std::vector<std::string>& allowed, const std::string& what, Diagnostics& diag) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
      diag.Error(f.KeyAt(JsonPointerAppend(ptr, it.key())),
                 "unknown field '" + it.key() + "' in " + what + DidYouMean(it.key(), allowed));
  }
}

void CheckSchemaKey(const JsonFile& f, const Json& obj, Diagnostics& diag) {
  if (!obj.is_object()) return;
  auto it = obj.find("$schema");
  if (it != obj.end() && !it->is_string())
    diag.Error(f.At("/$schema"), "\"$schema\" names the file's JSON Schema, so it is a string: the schema's "
                                 "path or address, e.g. \"https://…/snapshot.schema.json\"");
}

}  // namespace tracker
