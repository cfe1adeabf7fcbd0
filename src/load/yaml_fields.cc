#include "load/yaml_fields.h"

#include "model/site.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tracker {

namespace {
const YamlNode kUndefined;
const YamlNode kEmptyMap(YamlNode::Kind::kMap, {});
}  // namespace

SourcePos YamlPos(const YamlOrigin& origin, const YamlMark& mark) {
  if (mark.line < 0) return {origin.path, origin.line_offset + 1, 1};
  int line = mark.line + 1 + origin.line_offset;
  int col = mark.column + 1;
  if (origin.file_text) {
    // The reader counts bytes; readers of the message count characters.
    const std::string& t = *origin.file_text;
    if (line < origin.hint_line || origin.hint_start > t.size()) {
      origin.hint_line = 1;
      origin.hint_start = 0;
    }
    size_t start = origin.hint_start;
    int at = origin.hint_line;
    for (; at < line && start != std::string::npos; ++at) {
      start = t.find('\n', start);
      if (start != std::string::npos) ++start;
    }
    if (start != std::string::npos) {
      origin.hint_line = at;
      origin.hint_start = start;
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

std::optional<YamlNode> ParseYaml(std::string_view text, const YamlOrigin& origin, Diagnostics& diag) {
  YamlNode node;
  YamlError error;
  if (ParseYamlText(text, &node, &error)) return node;
  diag.Error(YamlPos(origin, error.mark), "malformed YAML: " + error.message);
  return std::nullopt;
}

YamlFields::YamlFields(const YamlNode& node, const YamlOrigin& origin, SourcePos where,
                       Diagnostics& diag, std::string what)
    : node_(&node), origin_(origin), where_(std::move(where)), diag_(diag), what_(std::move(what)) {
  if (!node_->IsMap()) {
    if (node_->IsNull() || !*node_) {
      node_ = &kEmptyMap;  // empty front matter: every required field will be reported
    } else {
      ok_ = false;
      diag_.Error(YamlPos(origin_, node_->Mark()), what_ + " must be a mapping of 'field: value' lines");
      return;
    }
  }
  // Every repeat after the first, in file order; sorted, so that a hostile
  // mapping of many keys costs n log n, not n squared.
  std::vector<size_t> order(node_->entries());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return node_->key(a).Scalar() < node_->key(b).Scalar(); });
  std::vector<size_t> repeats;
  for (size_t i = 1; i < order.size(); ++i)
    if (node_->key(order[i]).Scalar() == node_->key(order[i - 1]).Scalar()) repeats.push_back(order[i]);
  std::sort(repeats.begin(), repeats.end());
  for (size_t i : repeats)
    diag_.Error(YamlPos(origin_, node_->key(i).Mark()), "field '" + node_->key(i).Scalar() + "' is given twice; keep one");
}

const YamlNode* YamlFields::Find(const std::string& key) const {
  if (!ok_) return nullptr;
  for (size_t i = 0; i < node_->entries(); ++i)
    if (node_->key(i).Scalar() == key) return &node_->key(i);
  return nullptr;
}

const YamlNode& YamlFields::Get(const std::string& key, bool required) {
  if (!ok_) return kUndefined;
  if (const YamlNode* k = Find(key)) {
    const YamlNode& value = *(k + 1);
    if (!value.CommentedOut().empty()) {
      diag_.Error(YamlPos(origin_, value.Mark()), "field '" + key + "' is empty: YAML reads '" + value.CommentedOut() +
                                                      "' as a comment, as it starts with ' #'; quote the value: " + key +
                                                      ": \"" + value.CommentedOut() + "\"");
      return kUndefined;
    }
    if (value.IsNull() && required) {
      diag_.Error(YamlPos(origin_, k->Mark()), "field '" + key + "' of " + what_ + " is empty; give it a value");
      return kUndefined;
    }
    return value;
  }
  if (required) diag_.Error(where_, "missing required field '" + key + "' in " + what_);
  return kUndefined;
}

SourcePos YamlFields::KeyPos(const std::string& key) const {
  const YamlNode* k = Find(key);
  return k ? YamlPos(origin_, k->Mark()) : where_;
}

SourcePos YamlFields::ValuePos(const std::string& key) const {
  const YamlNode* k = Find(key);
  if (!k) return where_;
  const YamlNode& value = *(k + 1);
  return YamlPos(origin_, value.IsNull() || value.Mark().line < 0 ? k->Mark() : value.Mark());
}

std::optional<std::string> YamlFields::Text(const std::string& key, bool required) {
  const YamlNode& n = Get(key, required);
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
  if (std::abs(v) > kLargestFigure) {
    diag_.Error(ValuePos(key), "field '" + key + "' is too large to be a figure (tracker takes up to a million million); check it");
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

const YamlNode& YamlFields::Node(const std::string& key) { return Get(key, false); }

void YamlFields::RejectUnknown(const std::vector<std::string>& allowed) {
  if (!ok_) return;
  for (size_t i = 0; i < node_->entries(); ++i) {
    const std::string& k = node_->key(i).Scalar();
    bool known = false;
    for (const auto& a : allowed) known = known || a == k;
    if (!known)
      diag_.Error(YamlPos(origin_, node_->key(i).Mark()), "unknown field '" + k + "' in " + what_ + DidYouMean(k, allowed));
  }
}

}  // namespace tracker
