#include <doctest/doctest.h>

#include <map>

#include "render/mustache.h"

using namespace tracker;

namespace {
// Renders `text`, with `partial_texts` as its partials and, when given,
// `insert` standing for a variable.
std::string Render(const std::string& text, const View& view,
                   const std::map<std::string, std::string>& partial_texts = {},
                   const MustacheTemplate::Insert* insert = nullptr) {
  std::string error;
  auto t = MustacheTemplate::Compile(text, &error);
  REQUIRE_MESSAGE(t, error);
  std::map<std::string, std::unique_ptr<MustacheTemplate>> partials;
  for (const auto& [name, body] : partial_texts) partials[name] = MustacheTemplate::Compile(body, &error);
  std::string out;
  t->Render(view, [&](const std::string& n) -> const MustacheTemplate* {
    auto it = partials.find(n);
    return it == partials.end() ? nullptr : it->second.get();
  }, &out, nullptr, insert);
  return out;
}
std::string CompileError(const std::string& text) {
  std::string error;
  CHECK_FALSE(MustacheTemplate::Compile(text, &error));
  return error;
}
}  // namespace

TEST_CASE("variables are escaped, triple braces and & are not") {
  View v = {{"x", "<a href='y'>&\"</a>"}};
  CHECK(Render("{{x}}", v) == "&lt;a href=&apos;y&apos;&gt;&amp;&quot;&lt;/a&gt;");
  CHECK(Render("{{{x}}}|{{& x}}", v) == "<a href='y'>&\"</a>|<a href='y'>&\"</a>");
  CHECK(Render("[{{missing}}][{{n}}][{{b}}]", {{"n", 42}, {"b", true}}) == "[][42][]");
}

TEST_CASE("sections repeat lists, enter objects and hide false, null, empty text and empty lists") {
  View v = {{"list", View::ListOf({{{"n", "a"}}, {{"n", "b"}}})}, {"obj", {{"k", "v"}}}, {"no", false}, {"nil", nullptr},
            {"empty", ""}, {"none", View::EmptyList()}, {"names", View::ListOf({"x", "y"})}};
  CHECK(Render("{{#list}}<{{n}}>{{/list}}", v) == "<a><b>");
  CHECK(Render("{{#obj}}{{k}}{{/obj}}", v) == "v");
  CHECK(Render("{{#no}}1{{/no}}{{#nil}}2{{/nil}}{{#empty}}3{{/empty}}{{#none}}4{{/none}}", v) == "");
  CHECK(Render("{{^no}}1{{/no}}{{^nil}}2{{/nil}}{{^empty}}3{{/empty}}{{^none}}4{{/none}}{{^obj}}5{{/obj}}", v) == "1234");
  CHECK(Render("{{#names}}{{.}},{{/names}}", v) == "x,y,");
}

TEST_CASE("names resolve through the context stack and by dots") {
  View v = {{"site", {{"title", "T"}}}, {"outer", "O"}, {"rows", View::ListOf({{{"inner", "I"}}})}};
  CHECK(Render("{{site.title}}", v) == "T");
  CHECK(Render("{{#rows}}{{inner}}{{outer}}{{site.title}}{{/rows}}", v) == "IOT");
  CHECK(Render("{{site.missing}}{{nothing.at.all}}", v) == "");
}

TEST_CASE("standalone section lines leave no blank lines behind") {
  View v = {{"items", View::ListOf({"a", "b"})}};
  CHECK(Render("<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n", v) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
  CHECK(Render("a {{#items}}x{{/items}} b\n", v) == "a xx b\n");
  CHECK(Render("{{! a comment }}\nline\n", v) == "line\n");
}

TEST_CASE("partials render in the current context") {
  View v = {{"rows", View::ListOf({{{"status", "Met"}}})}, {"label", "L"}};
  CHECK(Render("{{#rows}}[{{> _tag}}]{{/rows}}", v, {{"_tag", "{{status}}/{{label}}"}}) == "[Met/L]");
}

TEST_CASE("syntax errors say what and where") {
  CHECK(CompileError("a\n{{#open}}\nb") == "line 2: section 'open' is never closed; add {{/open}}");
  CHECK(CompileError("{{#a}}{{/b}}") == "line 1: '{{/b}}' closes 'a', opened on line 1");
  CHECK(CompileError("x\ny {{name") == "line 2: '{{' is never closed with '}}'");
  CHECK(CompileError("{{/a}}") == "line 1: '{{/a}}' closes no open section");
}

namespace {
// Renders with an Insert standing for "content", which writes "[inner]".
std::string RenderInserting(const std::string& text, const View& view,
                            const std::map<std::string, std::string>& partial_texts = {}) {
  const MustacheTemplate::Insert insert{"content", [](std::string* out) { *out += "[inner]"; }};
  return Render(text, view, partial_texts, &insert);
}
bool OnlyRaw(const std::string& text, const std::map<std::string, std::string>& partial_texts = {}) {
  std::string error;
  auto t = MustacheTemplate::Compile(text, &error);
  REQUIRE_MESSAGE(t, error);
  std::map<std::string, std::unique_ptr<MustacheTemplate>> partials;
  for (const auto& [name, body] : partial_texts) partials[name] = MustacheTemplate::Compile(body, &error);
  return t->OnlyRaw("content", [&](const std::string& n) -> const MustacheTemplate* {
    auto it = partials.find(n);
    return it == partials.end() ? nullptr : it->second.get();
  });
}
}  // namespace

TEST_CASE("an insert writes a raw variable in place, wherever only the root view could supply it") {
  View view = {{"title", "T"}, {"items", View::ListOf({View{{"n", "1"}}, View{{"n", "2"}}})},
               {"box", {{"content", "own"}}}};
  CHECK(RenderInserting("<h1>{{title}}</h1>{{{content}}}<p>", view) == "<h1>T</h1>[inner]<p>");
  CHECK(RenderInserting("{{&content}}", view) == "[inner]");
  CHECK(RenderInserting("{{#items}}{{n}}{{{content}}}{{/items}}", view) == "1[inner]2[inner]");
  CHECK(RenderInserting("{{> _main}}", view, {{"_main", "<main>{{{content}}}</main>"}}) == "<main>[inner]</main>");
  // A context inside the root with a "content" of its own wins, as a lookup would.
  CHECK(RenderInserting("{{#box}}{{{content}}}{{/box}}", view) == "own");
  // Other names are looked up as always.
  CHECK(RenderInserting("{{{title}}}", view) == "T");
}

TEST_CASE("a layout takes its content in place only if it uses \"content\" as a raw variable alone") {
  CHECK(OnlyRaw("<main>{{{content}}}</main>"));
  CHECK(OnlyRaw("{{#page}}{{{content}}}{{/page}}{{&content}}"));
  CHECK(OnlyRaw("{{> _main}}", {{"_main", "{{{content}}}"}}));
  CHECK(OnlyRaw("no content at all"));
  CHECK_FALSE(OnlyRaw("{{content}}"));
  CHECK_FALSE(OnlyRaw("{{#content}}<main>{{{content}}}</main>{{/content}}"));
  CHECK_FALSE(OnlyRaw("{{^content}}empty{{/content}}"));
  CHECK_FALSE(OnlyRaw("{{{content.html}}}"));
  CHECK_FALSE(OnlyRaw("{{> _main}}", {{"_main", "{{#content}}x{{/content}}"}}));
}


TEST_CASE("sections nested past the limit are a compile error at their line, and many tags on one line compile") {
  std::string deep;
  for (int i = 0; i < 101; ++i) deep += "{{#a}}";
  CHECK(CompileError(deep) == "line 1: sections are nested more than 100 deep; close some before opening more");
  std::string ok;
  for (int i = 0; i < 100; ++i) ok += "{{#a}}";
  for (int i = 0; i < 100; ++i) ok += "{{/a}}";
  CHECK(Render(ok, View{{"a", true}}) == "");
  // 200,000 tags on one line: compiled in one pass over the line (the
  // benchmark would show a pass per tag).
  std::string wide;
  for (int i = 0; i < 200000; ++i) wide += "{{x}}";
  CHECK(Render(wide, View{{"x", "y"}}).size() == 200000);
}

TEST_CASE("a partial that includes itself without end is cut short and reported, not run for ever") {
  std::string error;
  auto twice = MustacheTemplate::Compile("{{> self}}{{> self}}", &error);
  REQUIRE(twice);
  std::string out, missing;
  twice->Render(View{}, [&](const std::string&) { return twice.get(); }, &out, &missing);
  CHECK(missing == "\nself");
  // A recursive partial that ends where its data does is fine.
  auto tree = MustacheTemplate::Compile("{{name}}({{#kids}}{{> node}}{{/kids}})", &error);
  REQUIRE(tree);
  View data{{"name", "a"}};
  data["kids"].push_back(View{{"name", "b"}, {"kids", View::EmptyList()}});
  out.clear();
  missing.clear();
  tree->Render(data, [&](const std::string&) { return tree.get(); }, &out, &missing);
  CHECK(out == "a(b())");
  CHECK(missing.empty());
}

TEST_CASE("sections over lists nested deep are cut short and reported, not run for ever") {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "{{#items}}";
  text += "x";
  for (int i = 0; i < 40; ++i) text += "{{/items}}";
  std::string error;
  auto t = MustacheTemplate::Compile(text, &error);
  REQUIRE(t);
  View data;
  for (int i = 0; i < 3; ++i) data["items"].push_back(View{{"i", i}});
  std::string out, missing;
  t->Render(data, nullptr, &out, &missing);  // 3^40 if not cut short
  CHECK(missing == "\n");
  CHECK(out.size() <= 10'000'000);
}
