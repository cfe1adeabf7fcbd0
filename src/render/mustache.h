// A Mustache template engine that renders straight from views (view.h).
// Templates are compiled once; rendering walks the view in place, without
// copying it, which the benchmark showed matters (docs/performance.md).
// Supports variables ({{name}}, {{{name}}}, {{&name}}), dotted names and
// {{.}}, sections and inverted sections, comments and partials ({{> name}}),
// with standalone tag lines removed as the Mustache spec says.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <string_view>

#include "render/view.h"

namespace tracker {

class MustacheTemplate;
// Finds a partial by name; nullptr when there is none.
using PartialLookup = std::function<const MustacheTemplate*(const std::string&)>;

class MustacheTemplate {
 public:
  // Compiles `text`; on a syntax error returns nullptr and sets *error to
  // "line N: what is wrong".
  static std::unique_ptr<MustacheTemplate> Compile(const std::string& text, std::string* error);

  // Appends the rendering of `view` to *out. Unknown partials render nothing
  // and are reported through *missing when it is given.
  void Render(const View& view, const PartialLookup& partials, std::string* out,
              std::string* missing = nullptr) const;

  struct Node;
  ~MustacheTemplate();
  const std::vector<Node>& nodes() const { return nodes_; }

 private:
  std::vector<Node> nodes_;
};

// What Mustache escapes in {{name}}: & < > " '.
void AppendEscaped(std::string* out, std::string_view text);

}  // namespace tracker
