#include <doctest/doctest.h>

#include "load/yaml.h"

using namespace tracker;

namespace {

// A compact picture of a node: scalars quoted, null as ~, lists in [],
// mappings in {}.
std::string Show(const YamlNode& n) {
  switch (n.kind()) {
    case YamlNode::Kind::kUndefined: return "?";
    case YamlNode::Kind::kNull: return "~";
    case YamlNode::Kind::kScalar: return "'" + n.Scalar() + "'";
    case YamlNode::Kind::kSequence: {
      std::string s = "[";
      for (const auto& item : n) s += (s.size() > 1 ? "," : "") + Show(item);
      return s + "]";
    }
    case YamlNode::Kind::kMap: {
      std::string s = "{";
      for (size_t i = 0; i < n.entries(); ++i) s += (i ? "," : "") + Show(n.key(i)) + ":" + Show(n.value(i));
      return s + "}";
    }
  }
  return "";
}

std::string Parse(std::string_view text) {
  YamlNode node;
  YamlError error;
  if (!ParseYamlText(text, &node, &error))
    return "error " + std::to_string(error.mark.line) + ":" + std::to_string(error.mark.column) + " " + error.message;
  return Show(node);
}

}  // namespace

TEST_CASE("yaml: the block mappings and lists of front matter") {
  CHECK(Parse("title: A letter\ntype: dfe-letter\n") == "{'title':'A letter','type':'dfe-letter'}");
  CHECK(Parse("a:\n  b:\n    c: 1\n  d: 2\ne: 3\n") == "{'a':{'b':{'c':'1'},'d':'2'},'e':'3'}");
  // A list may sit level with its field or be indented under it.
  CHECK(Parse("events:\n- date: 2021\n  title: x\n- date: 2022\nname: z\n") ==
        "{'events':[{'date':'2021','title':'x'},{'date':'2022'}],'name':'z'}");
  CHECK(Parse("events:\n  - date: 2021\n    title: x\n") == "{'events':[{'date':'2021','title':'x'}]}");
  CHECK(Parse("a:\n- - x\n  - y\n- z\n") == "{'a':[['x','y'],'z']}");
  CHECK(Parse("a:\n-\n- x\n") == "{'a':[~,'x']}");
  CHECK(Parse("- a\n- b\n") == "['a','b']");
}

TEST_CASE("yaml: scalars, plain, quoted and folded") {
  CHECK(Parse("a: x:y\nb: 10:30\nu: https://a.b/c?d=e#f\n") == "{'a':'x:y','b':'10:30','u':'https://a.b/c?d=e#f'}");
  CHECK(Parse("title: The 'quoted' word\n") == "{'title':'The 'quoted' word'}");
  CHECK(Parse("a:   spaced   \n") == "{'a':'spaced'}");
  // A plain value folds the more-indented lines after it.
  CHECK(Parse("a: foo\n  bar\n\n  baz\nb: 2\n") == "{'a':'foo bar\nbaz','b':'2'}");
  CHECK(Parse("a: 'it''s'\n") == "{'a':'it's'}");
  CHECK(Parse("a: 'multi\n  line'\n") == "{'a':'multi line'}");
  CHECK(Parse("a: \"x\\ty \\u00e9 \\\"q\\\" \\\\ \\x41\"\n") == "{'a':'x\ty \xC3\xA9 \"q\" \\ A'}");
  CHECK(Parse("a: \"x\n  y\n\n  z\"\n") == "{'a':'x y\nz'}");
  CHECK(Parse("a: \"joined\\\n  here\"\n") == "{'a':'joinedhere'}");
  CHECK(Parse("\"a b\": 1\n'c': 2\n") == "{'a b':'1','c':'2'}");
  CHECK(Parse("a: caf\xC3\xA9 \xE2\x9C\x93\n") == "{'a':'caf\xC3\xA9 \xE2\x9C\x93'}");
}

TEST_CASE("yaml: null, empty and comments") {
  CHECK(Parse("a:\nb: ~\nc: null\nd: ''\ne: \"\"\n") == "{'a':~,'b':~,'c':~,'d':'','e':''}");
  CHECK(Parse("# top\na: 1 # c\n# mid\nb: x#y\n") == "{'a':'1','b':'x#y'}");
  CHECK(Parse("a: 'x' # comment\n") == "{'a':'x'}");
  CHECK(Parse("") == "~");
  CHECK(Parse("# only\n# comments\n") == "~");
  CHECK(Parse("---\na: 1\n...\n") == "{'a':'1'}");
  CHECK(Parse("a: 1\n---\n") == "{'a':'1'}");
  CHECK(Parse("a: 1\r\nb: two words\r\nc:\r\n  - x\r\n") == "{'a':'1','b':'two words','c':['x']}");
}

TEST_CASE("yaml: block scalars keep or fold their lines") {
  CHECK(Parse("a: |\n  l1\n  l2\n\nb: >-\n  f1\n  f2\n\n  f3\n") == "{'a':'l1\nl2\n','b':'f1 f2\nf3'}");
  CHECK(Parse("a: |+\n  x\n\n\nb: 1\n") == "{'a':'x\n\n\n','b':'1'}");
  CHECK(Parse("a: |-\n  x\n   y\n\nb: 1\n") == "{'a':'x\n y','b':'1'}");
  CHECK(Parse("a: >\n  p1\n    code\n  p2\n\n  p3\n") == "{'a':'p1\n  code\np2\np3\n'}");
  CHECK(Parse("a: |\n  text\n  # not a comment\nb: 1\n") == "{'a':'text\n# not a comment\n','b':'1'}");
  CHECK(Parse("a: >\n\n  after a blank\n") == "{'a':'\nafter a blank\n'}");
  CHECK(Parse("a: |\n  no final break") == "{'a':'no final break'}");
  CHECK(Parse("a: |\n") == "{'a':''}");
  CHECK(Parse("a:\n  - date: 2021\n    note: >\n      folded\n      text\n  - date: 2022\n") ==
        "{'a':[{'date':'2021','note':'folded text\n'},{'date':'2022'}]}");
}

TEST_CASE("yaml: flow lists and mappings") {
  CHECK(Parse("a: [x, \"y\", 'z', 1]\nb: {op: \">=\", value: 10}\n") ==
        "{'a':['x','y','z','1'],'b':{'op':'>=','value':'10'}}");
  CHECK(Parse("a: [\n  x,\n  y\n]\nb: 2\n") == "{'a':['x','y'],'b':'2'}");
  CHECK(Parse("a: {x: 1, y: [1, 2, {z: 3}]}\n") == "{'a':{'x':'1','y':['1','2',{'z':'3'}]}}");
  CHECK(Parse("a: []\nb: {}\nc: [x, ]\n") == "{'a':[],'b':{},'c':['x']}");
  CHECK(Parse("a: [x, # a comment\n  y]\n") == "{'a':['x','y']}");
}

TEST_CASE("yaml: positions are zero-based lines and byte columns") {
  YamlNode n;
  YamlError e;
  REQUIRE(ParseYamlText("title: x\nevents:\n  - date: 2021\n    title: \"q\"\n", &n, &e));
  CHECK(n.key(0).Mark().line == 0);
  CHECK(n.value(0).Mark().column == 7);
  const YamlNode& events = n.value(1);
  CHECK(events.Mark().line == 2);
  CHECK(events.Mark().column == 2);
  const YamlNode& item = *events.begin();
  CHECK(item.Mark().line == 2);
  CHECK(item.Mark().column == 4);  // the item's first field
  CHECK(item.value(1).Mark().line == 3);
  CHECK(item.value(1).Mark().column == 11);  // the opening quote
}

TEST_CASE("yaml: mistakes are reported where they are, with what to do") {
  CHECK(Parse("a: b: c\n") == "error 0:4 a ': ' inside a value, which YAML reads as another field; put the value in quotes");
  CHECK(Parse("title: Bad\n  type: other\n").starts_with("error 1:6 this field is indented under the value above"));
  CHECK(Parse("a: \"x\"\n  b: 1\n").starts_with("error 1:2 this line is indented more than the field above it"));
  CHECK(Parse("a: \"unterminated\n") == "error 0:3 this value has no closing double quote; add one where the value ends");
  CHECK(Parse("a: 'it's'\n").starts_with("error 0:7 unexpected text after the closing quote; inside single quotes write a quote twice"));
  CHECK(Parse("a: \"\"x\"\n") == "error 0:5 unexpected text after the closing quote; inside double quotes write a quote as \\\", or put the value in single quotes");
  CHECK(Parse("a: 1\n\tb: 2\n") == "error 1:0 a tab in the indentation; YAML is indented with spaces only");
  CHECK(Parse("a: 1\nb - 2\n").starts_with("error 1:0 expected 'field: value' here"));
  CHECK(Parse("a: 1\n- b\n").starts_with("error 1:0 a list item where a field was expected"));
  CHECK(Parse("a: - x\n").starts_with("error 0:3 a list cannot start on the same line as its field"));
  CHECK(Parse(": x\n") == "error 0:0 a field needs a name before its ':'");
  CHECK(Parse("a: [a, b\n") == "error 0:3 this list has no closing ']'; add one");
  CHECK(Parse("a: {x: 1 y: 2}\n").starts_with("error 0:"));
  CHECK(Parse("a: [k: v]\n").starts_with("error 0:5 a 'key: value' pair inside a list"));
  CHECK(Parse("a: \"\\q\"\n").starts_with("error 0:4 unknown escape '\\q'"));
  CHECK(Parse("a: \"\\u12\"\n").starts_with("error 0:8 a '\\u' escape needs 4 hexadecimal digits"));
  CHECK(Parse("a: &x 1\n").starts_with("error 0:3 anchors ('&name') are not supported"));
  CHECK(Parse("a: *x\n").starts_with("error 0:3 aliases ('*name') are not supported"));
  CHECK(Parse("a: !tag 1\n").starts_with("error 0:3 tags ('!name') are not supported"));
  CHECK(Parse("? a\n: b\n").starts_with("error 0:0 complex keys"));
  CHECK(Parse("a: 1\n---\nb: 2\n").starts_with("error 1:0 a second YAML document starts here"));
  CHECK(Parse("a: ,x\n") == "error 0:3 a value cannot start with ','; put it in quotes");
}

TEST_CASE("yaml: hostile nesting is refused, not followed down the stack") {
  std::string deep_flow(100000, '[');
  CHECK(Parse("a: " + deep_flow + "\n").find("nested too deeply") != std::string::npos);
  std::string deep_block;
  for (int i = 0; i < 5000; ++i) deep_block += std::string(i, ' ') + "k:\n";
  CHECK(Parse(deep_block).find("nested too deeply") != std::string::npos);
  std::string deep_list;
  for (int i = 0; i < 5000; ++i) deep_list += "- ";
  CHECK(Parse(deep_list + "x\n").find("nested too deeply") != std::string::npos);
}
