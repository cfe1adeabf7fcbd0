// A reader for the YAML that front matter and site.yml are written in: block
// mappings and lists, plain, quoted and block (| and >) scalars, flow lists
// and mappings ([a, b], {op: ">=", value: 10}) and comments. Anchors,
// aliases, tags and complex keys are refused with a clear error, as is
// anything nested deeper than any content model needs.
//
// Our own rather than a general library because every front matter of a
// national site goes through it (yaml-cpp was a twentieth of a whole build)
// and because it is fed whatever authors write: it keeps every position,
// never throws out of Parse, and bounds its recursion.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tracker {

// Zero-based line and byte column in the text given to ParseYamlText.
struct YamlMark {
  int line = -1;
  int column = -1;
};

class YamlNode {
 public:
  enum class Kind { kUndefined, kNull, kScalar, kSequence, kMap };

  YamlNode() = default;  // undefined: what a missing field reads as
  YamlNode(Kind kind, YamlMark mark) : kind_(kind), mark_(mark) {}

  explicit operator bool() const { return kind_ != Kind::kUndefined; }
  Kind kind() const { return kind_; }
  bool IsNull() const { return kind_ == Kind::kNull; }
  bool IsScalar() const { return kind_ == Kind::kScalar; }
  bool IsSequence() const { return kind_ == Kind::kSequence; }
  bool IsMap() const { return kind_ == Kind::kMap; }
  const std::string& Scalar() const { return scalar_; }
  // A null value whose line went on with a comment touching its '#'
  // ("colour: #1d70b8"): that text, as the author likely meant it as the value.
  const std::string& CommentedOut() const { static const std::string none; return IsNull() ? scalar_ : none; }
  YamlMark Mark() const { return mark_; }

  // A list's items; a mapping's keys and values, alternating.
  const std::vector<YamlNode>& children() const { return children_; }
  std::vector<YamlNode>::const_iterator begin() const { return children_.begin(); }
  std::vector<YamlNode>::const_iterator end() const { return children_.end(); }
  size_t entries() const { return children_.size() / 2; }
  const YamlNode& key(size_t i) const { return children_[2 * i]; }
  const YamlNode& value(size_t i) const { return children_[2 * i + 1]; }

  std::string& scalar() { return scalar_; }
  std::vector<YamlNode>& children() { return children_; }

 private:
  Kind kind_ = Kind::kUndefined;
  YamlMark mark_;
  std::string scalar_;
  std::vector<YamlNode> children_;
};

struct YamlError {
  YamlMark mark;
  std::string message;  // what is wrong and how to fix it
};

// Parses one YAML document. An empty text is a null node. On an error,
// returns false and fills `error` with the first one.
bool ParseYamlText(std::string_view text, YamlNode* out, YamlError* error);

}  // namespace tracker
