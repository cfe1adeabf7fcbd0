#include "load/yaml_fields.h"

#include <charconv>
#include <cmath>

namespace tracker {

SourcePos YamlPos(const YamlOrigin& origin, const YAML::Mark& mark) {
  if (mark.line < 0) return {origin.path, origin.line_offset + 1, 1};
  int line = mark.line + 1 + origin.line_offset;
  int col = mark.column + 1;
  if (origin.file_text) {
    // yaml-cpp counts bytes; readers count characters.
    const std::string& t = *origin.file_text;
    size_t start = 0;
    for (int i = 1; i < line && start != std::string::npos; ++i) {
      start = t.find('\n', start);
      if (start != std::string::npos) ++start;
    }
    if (start != std::string::npos) {
      int chars = 1;
      for (int b = 0; b < mark.column && start + b < t.size(); ++b)
        if ((static_cast<unsigned char>(t[start + b]) & 0xC0) != 0x80) ++chars;
      col = chars;
    }
  }
  return {origin.path, line, col};
}

std::optional<YAML::Node> ParseYaml(const std::string& text, const YamlOrigin& origin,
                                    Diagnostics& diag) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    diag.Error(YamlPos(origin, e.mark),
               "malformed YAML: " + e.msg + "; check the indentation, colons and quotes");
  } catch (const YAML::Exception& e) {
    diag.Error(YamlPos(origin, e.mark), std::string("malformed YAML: ") + e.what());
  }
  return std::nullopt;
}

YamlFields::YamlFields(const YAML::Node& node, const YamlOrigin& origin, SourcePos where,
                       Diagnostics& diag, std::string what)
    : node_(node), origin_(origin), where_(std::move(where)), diag_(diag), what_(std::move(what)) {
  if (!node_.IsMap()) {
    ok_ = false;
    if (node_.IsNull()) {
      node_ = YAML::Node(YAML::NodeType::Map);
      ok_ = true;  // empty front matter: every required field will be reported
    } else {
      diag_.Error(node_.Mark().line >= 0 ? YamlPos(origin_, node_.Mark()) : where_,
                  what_ + " must be a mapping of 'field: value' lines");
      return;
    }
  }
  std::set<std::string> seen;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    std::string k = it->first.Scalar();
    if (!seen.insert(k).second)
      diag_.Error(YamlPos(origin_, it->first.Mark()),
                  "field '" + k + "' is given twice; keep one");
  }
}

YAML::Node YamlFields::Get(const std::string& key, bool required) {
  if (!ok_) return YAML::Node();
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      if (it->second.IsNull() && required) {
        diag_.Error(YamlPos(origin_, it->first.Mark()),
                    "field '" + key + "' of " + what_ + " is empty; give it a value");
        return YAML::Node();
      }
      return it->second;
    }
  }
  if (required)
    diag_.Error(where_, "missing required field '" + key + "' in " + what_);
  return YAML::Node();
}

SourcePos YamlFields::KeyPos(const std::string& key) const {
  if (ok_)
    for (auto it = node_.begin(); it != node_.end(); ++it)
      if (it->first.IsScalar() && it->first.Scalar() == key) return YamlPos(origin_, it->first.Mark());
  return where_;
}

SourcePos YamlFields::ValuePos(const std::string& key) const {
  if (ok_)
    for (auto it = node_.begin(); it != node_.end(); ++it)
      if (it->first.IsScalar() && it->first.Scalar() == key)
        return it->second.IsNull() || it->second.Mark().line < 0 ? YamlPos(origin_, it->first.Mark())
                                                                 : YamlPos(origin_, it->second.Mark());
  return where_;
}

std::optional<std::string> YamlFields::Text(const std::string& key, bool required) {
  YAML::Node n = Get(key, required);
  if (!n || n.IsNull()) return std::nullopt;
  if (!n.IsScalar()) {
    diag_.Error(ValuePos(key), "field '" + key + "' must be text, not a list or mapping");
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<Date> YamlFields::DateField(const std::string& key, bool required, bool day_required) {
  auto text = Text(key, required);
  if (!text) return std::nullopt;
  std::string why;
  auto d = ParseDate(*text, &why);
  if (!d) {
    diag_.Error(ValuePos(key), "invalid date '" + *text + "' in '" + key + "': " + why);
    return std::nullopt;
  }
  if (day_required && d->precision() != Date::Precision::kDay) {
    diag_.Error(ValuePos(key), "'" + key + "' needs a full date, YYYY-MM-DD");
    return std::nullopt;
  }
  return d;
}

std::optional<double> YamlFields::Number(const std::string& key, bool required) {
  auto text = Text(key, required);
  if (!text) return std::nullopt;
  double v = 0;
  const char* b = text->data();
  const char* e = b + text->size();
  auto r = std::from_chars(b, e, v);  // locale-free
  if (r.ec != std::errc() || r.ptr != e || !std::isfinite(v)) {
    diag_.Error(ValuePos(key), "field '" + key + "' must be a number, not '" + *text + "'");
    return std::nullopt;
  }
  return v;
}

std::optional<bool> YamlFields::Bool(const std::string& key) {
  auto text = Text(key, false);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  diag_.Error(ValuePos(key), "field '" + key + "' must be true or false, not '" + *text + "'");
  return std::nullopt;
}

YAML::Node YamlFields::Node(const std::string& key) { return Get(key, false); }

void YamlFields::RejectUnknown(const std::vector<std::string>& allowed) {
  if (!ok_) return;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    std::string k = it->first.IsScalar() ? it->first.Scalar() : "?";
    bool known = false;
    for (const auto& a : allowed) known = known || a == k;
    if (!known)
      diag_.Error(YamlPos(origin_, it->first.Mark()),
                  "unknown field '" + k + "' in " + what_ + DidYouMean(k, allowed));
  }
}

}  // namespace tracker
