#include <doctest/doctest.h>

#include "render/markdown.h"

using namespace tracker;

TEST_CASE("headings get stable, unique ids from their text") {
  auto r = RenderMarkdown("## Areas for improvement\n\ntext\n\n## Areas for improvement\n\n### The council's plan: 2023\n", false);
  CHECK(r.html.find("<h2 id=\"areas-for-improvement\">Areas for improvement</h2>") != std::string::npos);
  CHECK(r.html.find("<h2 id=\"areas-for-improvement-2\">") != std::string::npos);
  CHECK(r.html.find("<h3 id=\"the-councils-plan-2023\">") != std::string::npos);
  REQUIRE(r.headings.size() == 3);
  CHECK(r.headings[2].level == 3);
}

TEST_CASE("heading ids never take an id the layout uses") {
  auto r = RenderMarkdown("# Main content\n", false, {"main-content"});
  CHECK(r.html.find("id=\"main-content-2\"") != std::string::npos);
}

TEST_CASE("heading ids come from the text, not from markup") {
  CHECK(HeadingId("5.2. Children's Social Care *performance* update") == "5-2-childrens-social-care-performance-update");
  CHECK(HeadingId("???") == "section");
}

TEST_CASE("GFM tables, strikethrough and autolinks render") {
  auto r = RenderMarkdown("| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~old~~ see https://www.example.org\n", false);
  CHECK(r.html.find("<table>") != std::string::npos);
  CHECK(r.html.find("<del>old</del>") != std::string::npos);
  CHECK(r.html.find("<a href=\"https://www.example.org\">") != std::string::npos);
}

TEST_CASE("raw HTML and unsafe URLs are dropped by default") {
  auto r = RenderMarkdown("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>b</b>\n", false);
  CHECK(r.html.find("<script") == std::string::npos);
  CHECK(r.html.find("javascript:") == std::string::npos);
  CHECK(r.html.find("<b>") == std::string::npos);
}

TEST_CASE("raw HTML passes when the site opts in, but tagfilter still disarms scripts") {
  auto r = RenderMarkdown("<b>bold</b> <script>x</script>\n", true);
  CHECK(r.html.find("<b>bold</b>") != std::string::npos);
  CHECK(r.html.find("<script>") == std::string::npos);
  CHECK(r.html.find("&lt;script>") != std::string::npos);
}

TEST_CASE("empty Markdown gives empty HTML") {
  CHECK(RenderMarkdown("", false).html.empty());
}

TEST_CASE("headings inside quotes and lists get ids too, in document order") {
  auto r = RenderMarkdown("# Top\n\n> ## Quoted\n\n- item\n\n  ### In a list\n\nText with # no heading\n\n## Top\n", false);
  REQUIRE(r.headings.size() == 4);
  CHECK(r.headings[0].id == "top");
  CHECK(r.headings[1].id == "quoted");
  CHECK(r.headings[2].id == "in-a-list");
  CHECK(r.headings[3].id == "top-2");
  CHECK(r.html.find("<h2 id=\"quoted\">") != std::string::npos);
  CHECK(r.html.find("<h3 id=\"in-a-list\">") != std::string::npos);
}
