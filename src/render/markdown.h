// Markdown to HTML with cmark-gfm and its GFM extensions.
#pragma once
#include <set>
#include <span>
#include <string>
#include <vector>

namespace tracker {

struct Heading {
  int level = 2;
  std::string id;
  std::string text;
};

struct RenderedMarkdown {
  std::string html;
  std::vector<Heading> headings;
};

// Raw HTML and unsafe URLs are dropped unless `unsafe` is set. Each heading
// gets an id made from its text, unique within the document and never one of
// `reserved` (the ids the page layout uses).
RenderedMarkdown RenderMarkdown(const std::string& markdown, bool unsafe,
                                const std::set<std::string>& reserved = {});

// The same for each of several documents (an authority's, say), in order:
// quicker than one at a time when several threads render at once, as
// cmark-gfm can parse only one document at a time in a process.
std::vector<RenderedMarkdown> RenderMarkdownAll(std::span<const std::string* const> markdown, bool unsafe,
                                                const std::set<std::string>& reserved = {});

// The cmark-gfm options and extensions every document is rendered with:
// smart punctuation and footnotes, raw HTML only when `unsafe`. The
// benchmark's floor renders with the same, so it does the same work.
int MarkdownOptions(bool unsafe);
inline constexpr const char* kMarkdownExtensions[] = {"table", "autolink", "strikethrough", "tagfilter"};

// "Areas for improvement" -> "areas-for-improvement".
std::string HeadingId(const std::string& text);

}  // namespace tracker
