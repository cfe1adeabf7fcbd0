// An authority's documents, newest first, Paths::kPerPage to a page, with
// GOV.UK pagination between the pages.
#include "render/pages.h"

#include "render/format.h"

namespace tracker::pages {

std::vector<PageRef> DocumentListPages(const AuthorityContext& c) {
  std::vector<PageRef> out;
  for (size_t p = 1; p <= Paths::DocumentPages(c.a); ++p) out.push_back({Paths::DocumentsPage(c.a, p), p});
  return out;
}

void DocumentList(AuthorityContext& c, const PageRef& page) {
  const Authority& a = c.a;
  const std::string& path = page.path;
  const size_t pages = Paths::DocumentPages(a), n = page.item, per = Paths::kPerPage;
  View view = c.Base(path, Paths::Documents(a), {{a.short_name, Paths::Dashboard(a)}});
  View docs = View::EmptyList();
  const size_t first = (n - 1) * per, end = std::min(first + per, a.documents.size());
  for (size_t i = first; i < end; ++i) {
    const tracker::Document& doc = a.documents[a.documents.size() - 1 - i];
    View d = c.DocumentLink(doc.slug, path);
    d["summary"] = doc.summary;
    d["from"] = doc.from;
    docs.push_back(std::move(d));
  }
  SetList(view, "has_documents", "documents", std::move(docs));
  if (pages > 1) {
    View items = View::EmptyList();
    for (size_t p = 1; p <= pages; ++p)
      items.push_back({{"number", std::to_string(p)}, {"href", c.Href(path, Paths::DocumentsPage(a, p))}, {"current", p == n}});
    view["pagination"] = {
        {"items", items},
        {"previous", n > 1 ? View(c.Href(path, Paths::DocumentsPage(a, n - 1))) : View()},
        {"next", n < pages ? View(c.Href(path, Paths::DocumentsPage(a, n + 1))) : View()},
        {"summary", "Documents " + std::to_string(first + 1) + " to " + std::to_string(end) + " of " +
                        std::to_string(a.documents.size())}};
  }
  std::string title = a.short_name + ": documents" + (n > 1 ? ", page " + std::to_string(n) : "");
  c.Emit(path, "documents", std::move(view), title, "Notices, letters and reports about " + a.name + "'s children's services.");
}

}  // namespace tracker::pages
