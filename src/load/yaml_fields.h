// Reads typed fields out of a YAML mapping, reporting each problem with the
// position of the key or value in the original file.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "load/yaml.h"
#include "model/date.h"

namespace tracker {

// Where a YAML text sits in its file: front matter starts on line 2.
struct YamlOrigin {
  std::string path;
  int line_offset = 0;
  const std::string* file_text = nullptr;  // to turn byte columns into characters
  // The last line found and where it starts: positions are mostly asked
  // for in file order, so each search goes on from the last one instead of
  // from the top (20,000 events would otherwise cost 20,000 scans).
  mutable int hint_line = 1;
  mutable size_t hint_start = 0;
};

SourcePos YamlPos(const YamlOrigin& origin, const YamlMark& mark);

// Parses YAML text; on a syntax error reports it and returns nullopt.
std::optional<YamlNode> ParseYaml(std::string_view text, const YamlOrigin& origin, Diagnostics& diag);

class YamlFields {
 public:
  // `where` is used for "missing field" errors: the start of the mapping.
  // `node` must outlive the fields read from it.
  YamlFields(const YamlNode& node, const YamlOrigin& origin, SourcePos where,
             Diagnostics& diag, std::string what);

  bool ok() const { return ok_; }  // false when the node is not a mapping

  std::optional<std::string> Text(const std::string& key, bool required = false);
  std::optional<Date> DateField(const std::string& key, bool required = false,
                                bool day_required = false);
  std::optional<double> Number(const std::string& key, bool required = false);
  std::optional<bool> Bool(const std::string& key);
  // The raw node for a list or mapping; undefined when the field is absent.
  const YamlNode& Node(const std::string& key);

  SourcePos ValuePos(const std::string& key) const;
  SourcePos KeyPos(const std::string& key) const;
  const SourcePos& where() const { return where_; }

  // Reports every key not in `allowed`, with a did-you-mean hint.
  void RejectUnknown(const std::vector<std::string>& allowed);

 private:
  // The value of `key`, or null when the field is absent.
  const YamlNode* Find(const std::string& key) const;
  const YamlNode& Get(const std::string& key, bool required);

  const YamlNode* node_;
  YamlOrigin origin_;
  SourcePos where_;
  Diagnostics& diag_;
  std::string what_;
  bool ok_ = true;
};

}  // namespace tracker
