#include "render/mustache.h"

#include "escape.h"

namespace tracker {

struct MustacheTemplate::Node {
  enum Kind { kText, kVar, kRaw, kSection, kInverted, kPartial } kind = kText;
  std::string text;               // literal text, or the tag's name
  std::vector<std::string> path;  // the name split on '.', empty for "."
  std::vector<FieldKey> keys;     // views of `path`: made once the tree is whole (KeysIn)
  std::vector<Node> children;     // for sections
  const MustacheTemplate* partial = nullptr;  // a partial's template, once linked
};

MustacheTemplate::~MustacheTemplate() = default;

namespace {

using Node = MustacheTemplate::Node;

constexpr size_t kMaxSectionDepth = 100;
// What one rendering may do. Sections over lists inside sections over lists,
// or a partial that includes itself twice, take time exponential in their
// depth: a rendering that passes these is cut short and reported. A real
// page renders thousands of tags and a few megabytes.
constexpr int kMaxDepth = 400;                          // nodes within nodes, partials included
constexpr size_t kMaxNodesRendered = 10'000'000;        // tags and texts, in one rendering
constexpr size_t kMaxBytesRendered = size_t{64} << 20;  // output of one rendering
thread_local size_t t_nodes_rendered = 0;

// Marks the rendering as cut short, naming the partial it was in if any.
void RanAway(std::string* missing, const std::string& partial) {
  if (missing && (missing->empty() || (*missing)[0] != '\n')) *missing = "\n" + partial;
}

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::vector<std::string> SplitName(const std::string& name) {
  std::vector<std::string> parts;
  if (name == ".") return parts;
  size_t start = 0;
  for (;;) {
    size_t dot = name.find('.', start);
    parts.push_back(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

int LineAt(const std::string& t, size_t pos) {
  int line = 1;
  for (size_t i = 0; i < pos && i < t.size(); ++i) line += t[i] == '\n';
  return line;
}

// Lookup through the context stack: the innermost context that has the
// first name wins, then the rest of the dotted name descends from there.
const View* Lookup(const std::vector<const View*>& stack, const std::vector<FieldKey>& path) {
  if (path.empty()) return stack.back();
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    const View* v = (*it)->Find(path[0]);
    if (!v) continue;
    for (size_t i = 1; i < path.size() && v; ++i) v = v->Find(path[i]);
    return v;
  }
  return nullptr;
}

bool Truthy(const View* v) { return v && v->Truthy(); }

using Insert = MustacheTemplate::Insert;

void RenderNodes(const std::vector<Node>& nodes, std::vector<const View*>& stack,
                 const PartialLookup& partials, std::string* out, std::string* missing, int depth,
                 const Insert* insert);

// Whether `insert` stands for this raw variable: it names it, and no
// context inside the root has a field of that name to take its place.
bool Inserts(const Node& n, const std::vector<const View*>& stack, const Insert* insert) {
  if (!insert || n.path.size() != 1 || n.path[0] != insert->name) return false;
  for (size_t i = 1; i < stack.size(); ++i)
    if (stack[i]->Find(insert->name)) return false;
  return true;
}

void RenderNode(const Node& n, std::vector<const View*>& stack, const PartialLookup& partials,
                std::string* out, std::string* missing, int depth, const Insert* insert) {
  switch (n.kind) {
    case Node::kText: *out += n.text; return;
    case Node::kVar:
      if (const View* v = Lookup(stack, n.keys)) v->AppendTo(out, true);
      return;
    case Node::kRaw:
      if (Inserts(n, stack, insert))
        insert->fill(out);
      else if (const View* v = Lookup(stack, n.keys))
        v->AppendTo(out, false);
      return;
    case Node::kInverted:
      if (!Truthy(Lookup(stack, n.keys))) RenderNodes(n.children, stack, partials, out, missing, depth, insert);
      return;
    case Node::kSection: {
      const View* v = Lookup(stack, n.keys);
      if (!Truthy(v)) return;
      if (v->is_list()) {
        for (const auto& item : v->items()) {
          stack.push_back(&item);
          RenderNodes(n.children, stack, partials, out, missing, depth, insert);
          stack.pop_back();
        }
      } else {
        stack.push_back(v);
        RenderNodes(n.children, stack, partials, out, missing, depth, insert);
        stack.pop_back();
      }
      return;
    }
    case Node::kPartial: {
      const MustacheTemplate* p = n.partial ? n.partial : partials ? partials(n.text) : nullptr;
      if (!p) {
        if (missing && missing->empty()) *missing = n.text;
        return;
      }
      // A partial that includes itself must stop by a section running out
      // of data. One that does not would recurse until the stack ran out, or
      // (included twice over) take exponential time: both are cut short
      // and reported.
      if (depth > kMaxDepth) {
        RanAway(missing, n.text);
        return;
      }
      // Partials render in the current context stack.
      RenderNodes(p->nodes(), stack, partials, out, missing, depth, insert);
      return;
    }
  }
}

void RenderNodes(const std::vector<Node>& nodes, std::vector<const View*>& stack,
                 const PartialLookup& partials, std::string* out, std::string* missing, int depth,
                 const Insert* insert) {
  for (const auto& n : nodes) {
    if (++t_nodes_rendered > kMaxNodesRendered || out->size() > kMaxBytesRendered) {
      RanAway(missing, "");
      return;
    }
    RenderNode(n, stack, partials, out, missing, depth + 1, insert);
  }
}

Node MakeNode(Node::Kind kind, std::string text, std::vector<std::string> path = {}) {
  Node n;
  n.kind = kind;
  n.text = std::move(text);
  n.path = std::move(path);
  return n;
}

// Made once the tree is whole, as the keys view the path's strings, which
// move while it grows.
void KeysIn(std::vector<Node>& nodes) {
  for (auto& n : nodes) {
    n.keys.clear();
    for (const auto& part : n.path) n.keys.emplace_back(part);
    KeysIn(n.children);
  }
}

void LinkIn(std::vector<Node>& nodes, const PartialLookup& partials) {
  for (auto& n : nodes) {
    if (n.kind == Node::kPartial) n.partial = partials(n.text);
    LinkIn(n.children, partials);
  }
}

bool OnlyRawIn(const std::vector<Node>& nodes, const std::string& name, const PartialLookup& partials, int depth) {
  for (const auto& n : nodes) {
    if (n.kind == Node::kPartial) {
      const MustacheTemplate* p = partials ? partials(n.text) : nullptr;
      if (p && (depth > 200 || !OnlyRawIn(p->nodes(), name, partials, depth + 1))) return false;
      continue;
    }
    const bool names = !n.path.empty() && n.path[0] == name;
    if (n.kind != Node::kText && names && !(n.kind == Node::kRaw && n.path.size() == 1)) return false;
    if (!OnlyRawIn(n.children, name, partials, depth)) return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<MustacheTemplate> MustacheTemplate::Compile(const std::string& t, std::string* error) {
  auto tmpl = std::unique_ptr<MustacheTemplate>(new MustacheTemplate());
  std::vector<std::vector<Node>*> open = {&tmpl->nodes_};
  std::vector<std::pair<std::string, size_t>> names;  // open sections, for errors
  size_t pos = 0, scanned = 0, line_begin = 0, next_newline = 0;
  while (pos < t.size()) {
    size_t tag = t.find("{{", pos);
    if (tag == std::string::npos) {
      open.back()->push_back(MakeNode(Node::kText, t.substr(pos)));
      break;
    }
    bool triple = t.compare(tag, 3, "{{{") == 0;
    size_t close = t.find(triple ? "}}}" : "}}", tag + (triple ? 3 : 2));
    if (close == std::string::npos) {
      *error = "line " + std::to_string(LineAt(t, tag)) + ": '{{' is never closed with '}}'";
      return nullptr;
    }
    std::string inner = t.substr(tag + (triple ? 3 : 2), close - tag - (triple ? 3 : 2));
    size_t end = close + (triple ? 3 : 2);
    char sigil = triple ? '{' : inner.empty() ? ' ' : inner[0];
    bool standalone_kind = sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!' || sigil == '>';
    // A section, comment or partial tag alone on its line takes the line
    // with it, so templates can be laid out freely.
    // Both found from where the last tag's search stopped, so a line of
    // many tags is scanned once, not once a tag.
    for (; scanned < tag; ++scanned)
      if (t[scanned] == '\n') line_begin = scanned + 1;
    const size_t line_start = line_begin;
    if (next_newline != std::string::npos && next_newline < end) next_newline = t.find('\n', end);
    const size_t line_end = next_newline;
    size_t after = t.find_first_not_of(" \t", end);
    // A line may end "\r\n", as a template saved on Windows does.
    const bool at_end = line_end == std::string::npos
                            ? after == std::string::npos
                            : after == line_end || (t[after] == '\r' && after + 1 == line_end);
    bool alone = standalone_kind && line_start >= pos && t.find_first_not_of(" \t", line_start) == tag && at_end;
    size_t text_end = alone ? line_start : tag;
    if (text_end > pos) open.back()->push_back(MakeNode(Node::kText, t.substr(pos, text_end - pos)));
    pos = alone ? (line_end == std::string::npos ? t.size() : line_end + 1) : end;

    bool has_sigil = !triple && std::string("#^/!>&=").find(sigil) != std::string::npos;
    std::string name = Trim(has_sigil ? inner.substr(1) : inner);
    switch (sigil) {
      case '!':
        break;
      case '#':
      case '^': {
        // Rendering walks sections by recursion: a limit far above any
        // page's needs keeps a hostile theme from overflowing the stack.
        if (names.size() >= kMaxSectionDepth) {
          *error = "line " + std::to_string(LineAt(t, tag)) + ": sections are nested more than " +
                   std::to_string(kMaxSectionDepth) + " deep; close some before opening more";
          return nullptr;
        }
        open.back()->push_back(MakeNode(sigil == '#' ? Node::kSection : Node::kInverted, name, SplitName(name)));
        open.push_back(&open.back()->back().children);
        names.emplace_back(name, tag);
        break;
      }
      case '/':
        if (names.empty() || names.back().first != name) {
          *error = "line " + std::to_string(LineAt(t, tag)) + ": '{{/" + name + "}}' closes " +
                   (names.empty() ? "no open section" : "'" + names.back().first + "', opened on line " +
                                                            std::to_string(LineAt(t, names.back().second)));
          return nullptr;
        }
        names.pop_back();
        open.pop_back();
        break;
      case '>':
        open.back()->push_back(MakeNode(Node::kPartial, name));
        break;
      case '{':
      case '&':
        open.back()->push_back(MakeNode(Node::kRaw, name, SplitName(name)));
        break;
      case '=':
        *error = "line " + std::to_string(LineAt(t, tag)) + ": changing delimiters is not supported";
        return nullptr;
      default:
        open.back()->push_back(MakeNode(Node::kVar, name, SplitName(name)));
    }
  }
  if (!names.empty()) {
    *error = "line " + std::to_string(LineAt(t, names.back().second)) + ": section '" + names.back().first +
             "' is never closed; add {{/" + names.back().first + "}}";
    return nullptr;
  }
  KeysIn(tmpl->nodes_);
  return tmpl;
}

void MustacheTemplate::Render(const View& view, const PartialLookup& partials, std::string* out,
                              std::string* missing, const Insert* insert) const {
  std::vector<const View*> stack = {&view};
  // Counted for each rendering; a page's content, rendered inside its
  // layout's (through an Insert), has a count of its own.
  const size_t outer = t_nodes_rendered;
  t_nodes_rendered = 0;
  RenderNodes(nodes_, stack, partials, out, missing, 0, insert);
  t_nodes_rendered = outer;
}

void MustacheTemplate::LinkPartials(const PartialLookup& partials) { LinkIn(nodes_, partials); }

bool MustacheTemplate::OnlyRaw(const std::string& name, const PartialLookup& partials) const {
  return OnlyRawIn(nodes_, name, partials, 0);
}

}  // namespace tracker
