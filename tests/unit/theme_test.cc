#include <doctest/doctest.h>

#include "load/load_theme.h"
#include "render/theme.h"

using namespace tracker;

TEST_CASE("the built-in default theme has every page template") {
  Diagnostics diag;
  SourceTree tree;
  Theme theme = CompileTheme(LoadTheme(tree, SiteConfig{}, diag), diag);
  CHECK_FALSE(diag.HasErrors());
  for (const char* name : {"layout", "home", "dashboard", "timeline", "documents", "document", "measures",
                           "measure", "kpis", "kpi", "_header", "_footer", "_breadcrumbs", "_status"})
    CHECK_MESSAGE(theme.templates.count(name), name);
  CHECK(theme.assets.count("assets/tracker.css"));
}

TEST_CASE("a site's own template overrides the built-in one of the same name") {
  Diagnostics diag;
  SourceTree tree;
  tree.files["themes/default/templates/_footer.html"] = "<footer>Our council</footer>";
  Theme theme = CompileTheme(LoadTheme(tree, SiteConfig{}, diag), diag);
  CHECK(theme.templates.at("_footer") == "<footer>Our council</footer>");
  CHECK(theme.template_paths.at("_footer") == "themes/default/templates/_footer.html");
  CHECK(theme.template_paths.at("_header").rfind("(built-in)", 0) == 0);
}

TEST_CASE("site.yml can pick another theme, which falls back to the default per file") {
  Diagnostics diag;
  SourceTree tree;
  tree.files["themes/council/templates/home.html"] = "<h1>{{site.title}}</h1>";
  SiteConfig config;
  config.theme = "council";
  Theme theme = CompileTheme(LoadTheme(tree, config, diag), diag);
  CHECK_FALSE(diag.HasErrors());
  CHECK(theme.templates.at("home") == "<h1>{{site.title}}</h1>");
  CHECK(theme.templates.count("measure"));
}

TEST_CASE("an unknown theme and a broken template are errors") {
  Diagnostics diag;
  SourceTree tree;
  tree.files["themes/default/templates/home.html"] = "{{#open}} never closed";
  SiteConfig config;
  (void)CompileTheme(LoadTheme(tree, config, diag), diag);
  CHECK(diag.errors() == 1);
  config.theme = "missing";
  Diagnostics diag2;
  (void)CompileTheme(LoadTheme(SourceTree{}, config, diag2), diag2);
  CHECK(diag2.errors() == 1);
}

TEST_CASE("templates escape what they print unless told the value is HTML") {
  ThemeFiles files;
  files.templates["t"] = "{{text}}|{{{html}}}|{{> _p}}";
  files.templates["_p"] = "[{{text}}]";
  files.template_paths["t"] = "t.html";
  files.template_paths["_p"] = "_p.html";
  Diagnostics diag;
  Theme theme = CompileTheme(files, diag);
  std::string out, error;
  REQUIRE(RenderTemplate(theme, "t", {{"text", "<b>&"}, {"html", "<i>ok</i>"}}, &out, &error));
  CHECK(out == "&lt;b&gt;&amp;|<i>ok</i>|[&lt;b&gt;&amp;]");
}

TEST_CASE("null and false values hide sections, lists repeat them") {
  ThemeFiles files;
  files.templates["t"] = "{{#a}}A{{/a}}{{^a}}not a{{/a}}{{#items}}<{{.}}>{{/items}}";
  files.template_paths["t"] = "t.html";
  Diagnostics diag;
  Theme theme = CompileTheme(files, diag);
  std::string out, error;
  REQUIRE(RenderTemplate(theme, "t", {{"a", nullptr}, {"items", View::ListOf({"x", "y"})}}, &out, &error));
  CHECK(out == "not a<x><y>");
}

TEST_CASE("a template error names the file and line") {
  ThemeFiles files;
  files.templates["home"] = "<h1>\n{{#list}}\n<li>{{/lists}}\n";
  files.template_paths["home"] = "themes/default/templates/home.html";
  Diagnostics diag;
  Theme theme = CompileTheme(files, diag);
  auto d = diag.Sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].pos.path == "themes/default/templates/home.html");
  CHECK(d[0].pos.line == 3);
  CHECK(d[0].message == "template error: '{{/lists}}' closes 'list', opened on line 2");
}

TEST_CASE("a page is its layout around its template, whichever way the layout uses its content") {
  Diagnostics diag;
  SourceTree tree;
  tree.files["themes/default/templates/home.html"] = "<p>{{site.title}}</p>";
  // Written in place: the layout prints {{{content}}} only.
  tree.files["themes/default/templates/layout.html"] = "<body>{{{content}}}</body>";
  // Rendered first and looked up: this layout also tests it.
  tree.files["themes/default/templates/plain.html"] =
      "{{#content}}<main>{{{content}}}</main>{{/content}}{{^content}}none{{/content}}";
  Theme theme = CompileTheme(LoadTheme(tree, SiteConfig{}, diag), diag);
  REQUIRE_FALSE(diag.HasErrors());
  std::string page, error;
  View view = {{"site", {{"title", "Town"}}}};
  REQUIRE(RenderPage(theme, "layout", "home", view, &page, &error));
  CHECK(page == "<body><p>Town</p></body>");
  View again = {{"site", {{"title", "Town"}}}};
  REQUIRE(RenderPage(theme, "plain", "home", again, &page, &error));
  CHECK(page == "<main><p>Town</p></main>");
  // A missing partial in either template is an error that names it.
  tree.files["themes/default/templates/home.html"] = "{{> _nowhere}}";
  Theme broken = CompileTheme(LoadTheme(tree, SiteConfig{}, diag), diag);
  View third = {{"site", {{"title", "Town"}}}};
  CHECK_FALSE(RenderPage(broken, "layout", "home", third, &page, &error));
  CHECK(error.find("_nowhere") != std::string::npos);
}
