// Reads typed fields out of a YAML mapping, reporting each problem with the
// position of the key or value in the original file.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "diagnostics.h"
#include "model/date.h"

namespace tracker {

// Where a YAML text sits in its file: front matter starts on line 2.
struct YamlOrigin {
  std::string path;
  int line_offset = 0;
  const std::string* file_text = nullptr;  // to turn byte columns into characters
};

SourcePos YamlPos(const YamlOrigin& origin, const YAML::Mark& mark);

// Parses YAML text; on a syntax error reports it and returns nullopt.
std::optional<YAML::Node> ParseYaml(const std::string& text, const YamlOrigin& origin,
                                    Diagnostics& diag);

class YamlFields {
 public:
  // `where` is used for "missing field" errors: the start of the mapping.
  YamlFields(const YAML::Node& node, const YamlOrigin& origin, SourcePos where,
             Diagnostics& diag, std::string what);

  bool ok() const { return ok_; }  // false when the node is not a mapping

  std::optional<std::string> Text(const std::string& key, bool required = false);
  std::optional<Date> DateField(const std::string& key, bool required = false,
                                bool day_required = false);
  std::optional<double> Number(const std::string& key, bool required = false);
  std::optional<bool> Bool(const std::string& key);
  // The raw node for a list or mapping; marks the key as known.
  YAML::Node Node(const std::string& key);

  SourcePos ValuePos(const std::string& key) const;
  SourcePos KeyPos(const std::string& key) const;
  const SourcePos& where() const { return where_; }

  // Reports every key not in `allowed`, with a did-you-mean hint.
  void RejectUnknown(const std::vector<std::string>& allowed);

 private:
  YAML::Node Get(const std::string& key, bool required);

  YAML::Node node_;
  YamlOrigin origin_;
  SourcePos where_;
  Diagnostics& diag_;
  std::string what_;
  bool ok_ = true;
};

}  // namespace tracker
