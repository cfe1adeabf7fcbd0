#include <doctest/doctest.h>

#include <yaml.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "load/front_matter.h"
#include "load/text.h"
#include "load/yaml.h"

using namespace tracker;
namespace fs = std::filesystem;

// tracker's own YAML reader held to libyaml, the reference C parser: on
// every front matter and site.yml among the fixtures and the bundled
// tracker, and on a few hundred generated ones, both must read the same
// tree. libyaml is used here only, never by tracker itself.
namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else out += c;
  }
  return out + "\"";
}

// Both trees written the same way: null, "text", [items], {key: value}.
std::string Canon(const YamlNode& n) {
  switch (n.kind()) {
    case YamlNode::Kind::kNull: return "null";
    case YamlNode::Kind::kScalar: return Quote(n.Scalar());
    case YamlNode::Kind::kSequence: {
      std::string out = "[";
      for (const auto& c : n) out += (out.size() > 1 ? "," : "") + Canon(c);
      return out + "]";
    }
    case YamlNode::Kind::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < n.entries(); ++i)
        out += (i ? "," : "") + Canon(n.key(i)) + ":" + Canon(n.value(i));
      return out + "}";
    }
    case YamlNode::Kind::kUndefined: break;
  }
  return "undefined";
}

std::string Canon(yaml_document_t* doc, yaml_node_t* n) {
  if (!n) return "null";
  switch (n->type) {
    case YAML_SCALAR_NODE: {
      std::string v(reinterpret_cast<const char*>(n->data.scalar.value), n->data.scalar.length);
      // The core schema's nulls, which libyaml leaves to its caller.
      if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL"))
        return "null";
      return Quote(v);
    }
    case YAML_SEQUENCE_NODE: {
      std::string out = "[";
      for (auto* i = n->data.sequence.items.start; i < n->data.sequence.items.top; ++i)
        out += (out.size() > 1 ? "," : "") + Canon(doc, yaml_document_get_node(doc, *i));
      return out + "]";
    }
    case YAML_MAPPING_NODE: {
      std::string out = "{";
      for (auto* p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; ++p)
        out += (out.size() > 1 ? "," : "") + Canon(doc, yaml_document_get_node(doc, p->key)) + ":" +
               Canon(doc, yaml_document_get_node(doc, p->value));
      return out + "}";
    }
    default: break;
  }
  return "?";
}

// libyaml's tree, or "error: ..." when it refuses the text.
std::string LibYaml(const std::string& text) {
  yaml_parser_t parser;
  yaml_document_t doc;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::string out;
  if (!yaml_parser_load(&parser, &doc)) {
    out = std::string("error: ") + (parser.problem ? parser.problem : "?");
  } else {
    yaml_node_t* root = yaml_document_get_root_node(&doc);
    out = root ? Canon(&doc, root) : "null";
    yaml_document_delete(&doc);
  }
  yaml_parser_delete(&parser);
  return out;
}

std::string Ours(const std::string& text) {
  YamlNode node;
  YamlError error;
  if (!ParseYamlText(text, &node, &error)) return "error: " + error.message;
  return Canon(node);
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Front matter in the subset the content model is written in, with a word
// list that exercises quoting, escapes, comments, block and flow styles.
class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::string FrontMatter() {
    std::string out;
    int fields = 1 + Pick(6);
    for (int i = 0; i < fields; ++i) Field(&out, "", "f" + std::to_string(i), 0);
    return out;
  }

 private:
  int Pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }

  std::string Plain() {
    static const char* kWords[] = {"Ofsted", "judged", "Inadequate", "2021-10", "90", "-3.5", "at-risk", "a b c",
                                   "North East", "it's", "50%", "x:y", "end.", "C#", "yes", "true", "1e3"};
    return kWords[Pick(17)];
  }
  std::string Scalar() {
    std::string w = Plain();
    switch (Pick(5)) {
      case 0: return "'" + Replace(w, "'", "''") + "'";
      case 1: return "\"" + w + (Pick(2) ? "\\t\\\"q\\\"" : "") + "\"";
      case 2: return w + " #" + " a comment";
      default: return w;
    }
  }
  static std::string Replace(std::string s, const std::string& from, const std::string& to) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
  }
  void Field(std::string* out, const std::string& indent, const std::string& key, int depth) {
    int kind = depth >= 2 ? Pick(3) : Pick(8);
    *out += indent + key + ":";
    switch (kind) {
      case 0: *out += " " + Scalar() + "\n"; break;
      case 1: *out += Pick(2) ? "\n" : " ~\n"; break;
      case 2: *out += " [" + Plain() + ", '" + Replace(Plain(), "'", "''") + "', \"" + Plain() + "\"]\n"; break;
      case 3: *out += " {op: \">=\", value: " + std::to_string(Pick(100)) + ", scope: " + Plain() + "}\n"; break;
      case 4: *out += std::string(" ") + (Pick(2) ? "|" : ">") + "\n" + indent + "  First line, " + Plain() + ".\n" + indent +
                      "  Second line.\n\n" + indent + "  After a blank.\n"; break;
      case 5: {  // a nested mapping
        *out += "\n";
        int n = 1 + Pick(3);
        for (int i = 0; i < n; ++i) Field(out, indent + "  ", "k" + std::to_string(i), depth + 1);
        break;
      }
      default: {  // a list, of scalars or of mappings, indented or level
        *out += "\n";
        std::string dash = Pick(2) ? indent + "  - " : indent + "- ";
        std::string more(dash.size(), ' ');
        int n = 1 + Pick(3);
        for (int i = 0; i < n; ++i) {
          if (Pick(2)) {
            *out += dash + Scalar() + "\n";
          } else {
            *out += dash + "date: 2021-0" + std::to_string(1 + Pick(9)) + "\n";
            *out += more + "title: " + Scalar() + "\n";
          }
        }
      }
    }
  }

  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("the YAML reader reads every fixture's front matter and site.yml as libyaml does") {
  int compared = 0;
  for (const fs::path root : {fs::path(TRACKER_TEST_DATA) / "fixtures", fs::path(TRACKER_DOCS).parent_path()}) {
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
      const std::string name = it->path().filename().string();
      if (it->is_directory() && (name == "build" || name == "node_modules" || name == "site" || name[0] == '.' ||
                                 (root.filename() != "fixtures" && name == "tests"))) {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file()) continue;
      const std::string ext = it->path().extension().string();
      if (ext != ".md" && name != "site.yml") continue;
      const std::string text = ReadAll(it->path());
      if (FindInvalidUtf8(text) != std::string::npos) continue;  // refused before any YAML is read
      std::string yaml = text;
      if (ext == ".md") {
        FrontMatter fm = SplitFrontMatter(text);
        if (!fm.present || !fm.closed) continue;
        yaml = std::string(fm.yaml);
      }
      const std::string ours = Ours(yaml);
      if (ours.rfind("error: ", 0) == 0) continue;  // refused on purpose: tests/fixtures/broken
      CAPTURE(it->path().string());
      CHECK(ours == LibYaml(yaml));
      ++compared;
    }
  }
  CHECK(compared >= 30);
}

TEST_CASE("the YAML reader reads 400 generated front matters as libyaml does") {
  for (unsigned seed = 1; seed <= 400; ++seed) {
    const std::string yaml = Generator(seed).FrontMatter();
    CAPTURE(yaml);
    CHECK(Ours(yaml) == LibYaml(yaml));
  }
}
