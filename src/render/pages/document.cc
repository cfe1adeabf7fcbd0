// One document: its details and text, the events it names, the measures
// it set or assessed and the figures it reported.
#include "render/pages.h"

#include "render/format.h"

namespace tracker::pages {

std::vector<PageRef> DocumentPages(const AuthorityContext& c) {
  return PageForEach(c.a.documents, [&](const tracker::Document& d) { return Paths::Document(c.a, d.slug); });
}

void Document(AuthorityContext& c, const PageRef& page) {
  const Authority& a = c.a;
  const tracker::Document& d = a.documents[page.item];
  const std::string& path = page.path;
  View view = c.Base(path, Paths::Documents(a), {{a.short_name, Paths::Dashboard(a)}, {"Documents", Paths::Documents(a)}});
  view["document"] = {{"title", d.title}, {"type", DocumentTypeLabel(d.type)}, {"date", DateView(d.date)},
                      {"from", d.from}, {"to", d.to}, {"summary", d.summary},
                      {"source_url", d.source_url.empty() ? View() : View(d.source_url)}};
  view["body"] = c.Markdown(d.body);
  View events = View::EmptyList();
  for (const auto& e : d.events)
    events.push_back({{"when", e.label.empty() ? e.date.Long() : e.label}, {"date", DateView(e.date)},
                      {"title", e.title}, {"expected", e.expected}});
  SetList(view, "has_events", "events", std::move(events));
  View set = View::EmptyList(), assessed = View::EmptyList();
  for (size_t i = 0; i < a.measures.size(); ++i) {
    const tracker::Measure& m = a.measures[i];
    if (m.set_by == d.slug) set.push_back(c.MeasureRow(i, path));
    for (const auto& as : m.assessments)
      if (as.source == d.slug) {
        assessed.push_back({{"title", m.title}, {"href", c.Href(path, Paths::Measure(a, m.id))},
                            {"status", StatusView(as.status)}, {"note", as.note}});
        break;
      }
  }
  SetList(view, "has_measures_set", "measures_set", std::move(set));
  SetList(view, "has_measures_assessed", "measures_assessed", std::move(assessed));
  View snaps = View::EmptyList();
  for (const auto& s : a.snapshots)
    if (s.source == d.slug) snaps.push_back(DateView(s.as_at));
  SetList(view, "has_snapshots", "snapshots", std::move(snaps));
  c.Emit(path, "document", std::move(view), d.title,
         d.summary.empty() ? DocumentTypeLabel(d.type) + std::string(", ") + d.date.Long() : d.summary);
}

}  // namespace tracker::pages
