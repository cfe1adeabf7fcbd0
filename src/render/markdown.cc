#include "render/markdown.h"

#include <cstdlib>
#include <mutex>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "render/escape.h"

namespace tracker {

std::string HeadingId(const std::string& text) {
  std::string id;
  bool dash = false;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !id.empty()) id += '-';
      id += static_cast<char>(c);
      dash = false;
    } else if (c >= 'A' && c <= 'Z') {
      if (dash && !id.empty()) id += '-';
      id += static_cast<char>(c - 'A' + 'a');
      dash = false;
    } else if (c == '\'' || c >= 0x80) {
      // Apostrophes join words ("council's"); other scripts are left out.
    } else {
      dash = true;
    }
  }
  return id.empty() ? "section" : id;
}

namespace {

std::string PlainText(cmark_node* node) {
  std::string out;
  cmark_iter* iter = cmark_iter_new(node);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(iter);
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
      const char* lit = cmark_node_get_literal(n);
      if (lit) out += lit;
    } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
      out += ' ';
    }
  }
  cmark_iter_free(iter);
  return out;
}

// The headings, in document order, found by walking the blocks only: the
// inlines inside paragraphs, most of a document's nodes, cannot hold one.
void CollectHeadings(cmark_node* parent, std::vector<cmark_node*>* out) {
  for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
    const int type = cmark_node_get_type(n);
    if (type == CMARK_NODE_HEADING) out->push_back(n);
    else if ((type & CMARK_NODE_TYPE_MASK) != CMARK_NODE_TYPE_INLINE && type != CMARK_NODE_PARAGRAPH)
      CollectHeadings(n, out);
  }
}

cmark_syntax_extension* Extension(const char* name) {
  return cmark_find_syntax_extension(name);
}

}  // namespace

int MarkdownOptions(bool unsafe) {
  return CMARK_OPT_DEFAULT | CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | (unsafe ? CMARK_OPT_UNSAFE : 0);
}

RenderedMarkdown RenderMarkdown(const std::string& markdown, bool unsafe,
                                const std::set<std::string>& reserved) {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });

  const int options = MarkdownOptions(unsafe);
  cmark_parser* parser = cmark_parser_new(options);
  for (const char* ext : kMarkdownExtensions)
    if (auto* e = Extension(ext)) cmark_parser_attach_syntax_extension(parser, e);
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);

  RenderedMarkdown out;
  std::set<std::string> used = reserved;
  // Headings become custom blocks holding their own HTML with an id, so the
  // ids survive cmark's safe mode, which drops raw HTML.
  std::vector<cmark_node*> headings;
  CollectHeadings(doc, &headings);

  cmark_llist* exts = cmark_parser_get_syntax_extensions(parser);
  for (cmark_node* h : headings) {
    Heading info;
    info.level = cmark_node_get_heading_level(h);
    info.text = PlainText(h);
    std::string base = HeadingId(info.text);
    std::string id = base;
    for (int n = 2; used.count(id); ++n) id = base + "-" + std::to_string(n);
    used.insert(id);
    info.id = id;
    char* html = cmark_render_html(h, options, exts);
    std::string s = html;
    std::free(html);
    std::string open = "<h" + std::to_string(info.level);
    if (s.compare(0, open.size(), open) == 0)
      s.insert(open.size(), " id=\"" + EscapeXml(id) + "\"");
    cmark_node* block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(block, s.c_str());
    cmark_node_set_on_exit(block, "");
    cmark_node_replace(h, block);
    cmark_node_free(h);
    out.headings.push_back(std::move(info));
  }

  char* html = cmark_render_html(doc, options, exts);
  out.html = html;
  std::free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

}  // namespace tracker
