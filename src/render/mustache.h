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

#include "escape.h"
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

  // A raw variable ({{{name}}} or {{&name}}) written by `fill` when it is
  // reached, not looked up in the view: how a page's content goes straight
  // into its layout, not into a string of its own first.
  struct Insert {
    std::string name;
    std::function<void(std::string*)> fill;
  };

  // Appends the rendering of `view` to *out. Unknown partials render nothing
  // and are reported through *missing when it is given; a rendering that
  // runs away (a partial including itself without end, or past ten million
  // tags or 64 MB) is cut short and reported there too, as '\n' and the
  // partial's name if it was in one. Where `insert`
  // names a variable that only the root view could supply, it is filled in.
  void Render(const View& view, const PartialLookup& partials, std::string* out,
              std::string* missing = nullptr, const Insert* insert = nullptr) const;

  // Finds each partial this includes once, so rendering does not look
  // them up by name: `partials` must give templates that outlive this one.
  void LinkPartials(const PartialLookup& partials);

  // Whether `name` is used only as a raw variable of its own, here and in
  // the partials this includes: then an Insert may stand for it.
  bool OnlyRaw(const std::string& name, const PartialLookup& partials) const;

  struct Node;
  ~MustacheTemplate();
  // Never copied or moved: its nodes' lookup keys view their own names.
  MustacheTemplate(const MustacheTemplate&) = delete;
  MustacheTemplate& operator=(const MustacheTemplate&) = delete;
  const std::vector<Node>& nodes() const { return nodes_; }

 private:
  MustacheTemplate() = default;
  std::vector<Node> nodes_;
};


}  // namespace tracker
