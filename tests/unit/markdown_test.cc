#include <doctest/doctest.h>

#include "render/markdown.h"
#include <cstdlib>
#include <thread>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

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

namespace {

// What cmark-gfm makes of `md` with its own allocator, tracker's options
// and extensions: what RenderMarkdown must make of a document without
// headings (which it gives ids).
std::string PlainCmark(const std::string& md) {
  cmark_gfm_core_extensions_ensure_registered();
  const int options = tracker::MarkdownOptions(false);
  cmark_parser* parser = cmark_parser_new(options);
  for (const char* ext : tracker::kMarkdownExtensions)
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(ext));
  cmark_parser_feed(parser, md.data(), md.size());
  cmark_node* doc = cmark_parser_finish(parser);
  char* html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
  std::string out = html;
  std::free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

// Documents of every size, from a few bytes to several arena chunks, with
// tables, lists, footnotes, links and one paragraph long enough that its
// buffers grow past a chunk.
std::string Document(int n) {
  std::string md;
  for (int i = 0; i < n; ++i) {
    md += "Paragraph " + std::to_string(i) + " with *emphasis*, a [link](https://example.org/" + std::to_string(i) +
          ") and a note.[^n" + std::to_string(i) + "]\n\n";
    md += "- item \"one\"\n- item ~~two~~\n  1. nested\n\n| a | b |\n|---|--:|\n| " + std::to_string(i) + " | x |\n\n";
    md += "[^n" + std::to_string(i) + "]: The note's text.\n\n";
  }
  return md;
}

}  // namespace

TEST_CASE("documents of every size render as cmark-gfm renders them, on several threads at once") {
  std::string long_paragraph(3 << 20, 'w');
  for (size_t i = 7; i < long_paragraph.size(); i += 8) long_paragraph[i] = ' ';
  const std::vector<std::string> docs = {"", "x", Document(1), Document(40), Document(4000), long_paragraph,
                                         Document(3) + "\n\n" + long_paragraph + "\n\n" + Document(3)};
  std::vector<std::string> expected;
  for (const auto& d : docs) expected.push_back(PlainCmark(d));
  std::vector<int> mismatches(3, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 2; ++round)
        for (size_t i = 0; i < docs.size(); ++i)
          if (tracker::RenderMarkdown(docs[(i + t) % docs.size()], false).html != expected[(i + t) % docs.size()])
            ++mismatches[t];
    });
  for (auto& t : threads) t.join();
  CHECK(mismatches == std::vector<int>{0, 0, 0});
  CHECK(expected[4].size() > (1 << 20));  // more than one chunk of the arena
}
