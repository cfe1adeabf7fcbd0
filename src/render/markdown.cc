#include "render/markdown.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <map>
#include <mutex>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "escape.h"

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
// A loop, not recursion: a line of 300,000 '>' nests as deep as that.
void CollectHeadings(cmark_node* doc, std::vector<cmark_node*>* out) {
  cmark_node* n = cmark_node_first_child(doc);
  while (n) {
    const int type = cmark_node_get_type(n);
    if (type == CMARK_NODE_HEADING) out->push_back(n);
    cmark_node* child = nullptr;
    if (type != CMARK_NODE_HEADING && type != CMARK_NODE_PARAGRAPH &&
        (type & CMARK_NODE_TYPE_MASK) != CMARK_NODE_TYPE_INLINE)
      child = cmark_node_first_child(n);
    if (child) {
      n = child;
      continue;
    }
    // Next in document order: the next sibling of this node or of the
    // nearest parent that has one.
    while (n && n != doc && !cmark_node_next(n)) n = cmark_node_parent(n);
    n = (n && n != doc) ? cmark_node_next(n) : nullptr;
  }
}

cmark_syntax_extension* Extension(const char* name) {
  return cmark_find_syntax_extension(name);
}

// cmark-gfm allocates every node, buffer and list of a document one by one
// and frees them one by one: through the general allocator that was a tenth
// of a clean build's instructions. Each rendering thread gives it an arena
// instead: allocation moves a pointer, freeing does nothing, and the whole
// is let go at once when the document is done. cmark's allocator takes no
// context, so the arena is the thread's own.
class Arena {
 public:
  static Arena& Mine() {
    thread_local Arena arena;
    return arena;
  }
  void* Calloc(size_t count, size_t size) {
    if (size != 0 && count > (SIZE_MAX - kHeader) / size) return nullptr;
    void* p = Allocate(count * size);
    if (p) std::memset(p, 0, count * size);
    return p;
  }
  void* Realloc(void* old, size_t size) {
    if (!old) return Allocate(size);
    char* at = static_cast<char*>(old);
    const size_t had = SizeOf(at);
    // The newest block grows where it is: cmark's buffers grow one at a time.
    if (at + Round(had) == next_ && static_cast<size_t>(end_ - at) >= Round(size)) {
      next_ = at + Round(size);
      SetSize(at, size);
      return at;
    }
    void* p = Allocate(size);
    if (p) std::memcpy(p, at, std::min(had, size));
    return p;
  }
  // Lets go of every block at once. The first chunk is kept for the next
  // document when it is of the usual size, so between documents a thread
  // holds one chunk, whatever size the largest document needed.
  void Reset() {
    if (!chunks_.empty() && chunks_[0].second != kChunk) chunks_.clear();
    if (chunks_.size() > 1) chunks_.resize(1);
    next_ = chunks_.empty() ? nullptr : chunks_[0].first.get();
    end_ = chunks_.empty() ? nullptr : next_ + kChunk;
  }

 private:
  static constexpr size_t kHeader = 16, kChunk = size_t{1} << 20;
  static size_t Round(size_t n) { return (n + 15) & ~size_t{15}; }
  static size_t SizeOf(const char* p) {
    size_t n;
    std::memcpy(&n, p - kHeader, sizeof n);
    return n;
  }
  static void SetSize(char* p, size_t n) { std::memcpy(p - kHeader, &n, sizeof n); }
  void* Allocate(size_t size) {
    if (size > SIZE_MAX - 2 * kHeader - 15) return nullptr;
    const size_t need = kHeader + Round(size);
    if (static_cast<size_t>(end_ - next_) < need) {
      const size_t bytes = std::max(kChunk, need);
      std::unique_ptr<char[]> chunk(new (std::nothrow) char[bytes]);
      if (!chunk) return nullptr;
      next_ = chunk.get();
      end_ = next_ + bytes;
      chunks_.emplace_back(std::move(chunk), bytes);
    }
    char* p = next_ + kHeader;
    SetSize(p, size);
    next_ += need;
    return p;
  }
  std::vector<std::pair<std::unique_ptr<char[]>, size_t>> chunks_;  // with their sizes
  char* next_ = nullptr;
  char* end_ = nullptr;
};

// Under a sanitizer every node is cmark's own allocation, so overflows and
// leaks in the trees are seen; the arena would hide them.
#if defined(TRACKER_SANITIZED)
constexpr bool kUseArena = false;
#else
constexpr bool kUseArena = true;
#endif

cmark_mem* ArenaAllocator() {
  if (!kUseArena) return cmark_get_default_mem_allocator();
  static cmark_mem mem = {
      [](size_t count, size_t size) { return Arena::Mine().Calloc(count, size); },
      [](void* p, size_t size) { return Arena::Mine().Realloc(p, size); },
      [](void*) {},
  };
  return &mem;
}

}  // namespace

int MarkdownOptions(bool unsafe) {
  return CMARK_OPT_DEFAULT | CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | (unsafe ? CMARK_OPT_UNSAFE : 0);
}

namespace {

struct Parsed {
  cmark_parser* parser;
  cmark_node* doc;
};

// cmark-gfm marks the characters its inline extensions look for (the '~'
// of strikethrough, the ':' and 'w' of autolinks) in one table for the
// whole process, and every parse sets them as it starts its inline pass
// and clears them as it ends it, tables' cells too. Two parses at once
// would clear them under each other, and a document's ~~struck~~ text or
// links would now and then come out plain: so one parse at a time, under
// this lock. Rendering a tree to HTML reads no such table, and runs on
// every core.
std::mutex& ParseLock() {
  static std::mutex parsing;
  return parsing;
}

Parsed Parse(const std::string& markdown, int options, cmark_mem* mem) {
  cmark_parser* parser = cmark_parser_new_with_mem(options, mem);
  for (const char* ext : kMarkdownExtensions)
    if (auto* e = Extension(ext)) cmark_parser_attach_syntax_extension(parser, e);
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  return {parser, cmark_parser_finish(parser)};
}

// cmark's HTML as a string, its own buffer let go (a no-op in the arena).
std::string Take(char* html, cmark_mem* mem) {
  std::string out = html ? html : "";
  mem->free(html);
  return out;
}

RenderedMarkdown Render(const Parsed& parsed, int options, cmark_mem* mem, const std::set<std::string>& reserved) {
  RenderedMarkdown out;
  std::set<std::string> used = reserved;
  std::map<std::string, int> next_number;
  // Headings become custom blocks holding their own HTML with an id, so the
  // ids survive cmark's safe mode, which drops raw HTML.
  std::vector<cmark_node*> headings;
  CollectHeadings(parsed.doc, &headings);

  cmark_llist* exts = cmark_parser_get_syntax_extensions(parsed.parser);
  for (cmark_node* h : headings) {
    Heading info;
    info.level = cmark_node_get_heading_level(h);
    info.text = PlainText(h);
    std::string base = HeadingId(info.text);
    // Each base remembers the last number it gave, so 20,000 headings of
    // one name take linear time, not a search from 2 each.
    std::string id = base;
    int& n = next_number[base];
    while (used.count(id)) id = base + "-" + std::to_string(n = std::max(n, 1) + 1);
    used.insert(id);
    info.id = id;
    std::string s = Take(cmark_render_html_with_mem(h, options, exts, mem), mem);
    std::string open = "<h" + std::to_string(info.level);
    if (s.compare(0, open.size(), open) == 0)
      s.insert(open.size(), " id=\"" + EscapeXml(id) + "\"");
    cmark_node* block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem);
    cmark_node_set_on_enter(block, s.c_str());
    cmark_node_set_on_exit(block, "");
    cmark_node_replace(h, block);
    cmark_node_free(h);
    out.headings.push_back(std::move(info));
  }
  out.html = Take(cmark_render_html_with_mem(parsed.doc, options, exts, mem), mem);
  return out;
}

}  // namespace

RenderedMarkdown RenderMarkdown(const std::string& markdown, bool unsafe, const std::set<std::string>& reserved) {
  const std::string* one[] = {&markdown};
  return std::move(RenderMarkdownAll(one, unsafe, reserved).front());
}

std::vector<RenderedMarkdown> RenderMarkdownAll(std::span<const std::string* const> markdown, bool unsafe,
                                                const std::set<std::string>& reserved) {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
  const int options = MarkdownOptions(unsafe);
  cmark_mem* mem = ArenaAllocator();
  // Parsed a batch at a time under one hold of the lock, then rendered:
  // two workers each parsing an authority's documents in one go, then
  // spending several times as long on the rest of its pages, fall into
  // turns and seldom wait for each other, where parsing each document as
  // its page came up had them queue for the lock at every page. A batch
  // stops at a megabyte, as its trees stay in memory until rendered, and
  // the tree of dense Markdown takes hundreds of bytes for each byte.
  constexpr size_t kBatchBytes = size_t{1} << 20;
  std::vector<RenderedMarkdown> out;
  out.reserve(markdown.size());
  std::vector<Parsed> parsed;
  for (size_t begin = 0; begin < markdown.size();) {
    size_t end = begin, bytes = 0;
    while (end < markdown.size() && (end == begin || bytes + markdown[end]->size() <= kBatchBytes))
      bytes += markdown[end++]->size();
    parsed.clear();
    {
      std::lock_guard<std::mutex> lock(ParseLock());
      for (size_t i = begin; i < end; ++i) parsed.push_back(Parse(*markdown[i], options, mem));
    }
    for (const Parsed& p : parsed) {
      out.push_back(Render(p, options, mem, reserved));
      if (!kUseArena) {
        cmark_node_free(p.doc);
        cmark_parser_free(p.parser);
      }
    }
    // Every block was the arena's (freeing is a no-op), so the trees and
    // parsers need no walk to free them: the arena lets them go at once.
    Arena::Mine().Reset();
    begin = end;
  }
  return out;
}

}  // namespace tracker
