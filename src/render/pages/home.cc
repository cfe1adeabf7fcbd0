// The home page: a card for each authority with its statuses and the
// dates of their evidence, or, for a site of one authority, its dashboard.
#include "render/pages.h"

#include "render/format.h"

namespace tracker::pages {

namespace {

// How many of an authority's measures have each status, worst first, with
// the dates of the evidence they rest on as text.
View StatusCounts(const AuthoritySummary& a) {
  View statuses = View::EmptyList();
  for (size_t k : kStatusOrder) {
    if (!a.statuses[k]) continue;
    Date oldest, newest;
    for (const auto& j : a.judged)
      if (static_cast<size_t>(j.status) == k && j.evidence.valid()) {
        if (!oldest.valid() || j.evidence.FirstDay() < oldest.FirstDay()) oldest = j.evidence;
        if (!newest.valid() || j.evidence.FirstDay() > newest.FirstDay()) newest = j.evidence;
      }
    View status = StatusView(static_cast<Status>(k));
    if (newest.valid())
      status["evidence_range"] = oldest == newest ? newest.Long() : oldest.Long() + " to " + newest.Long();
    statuses.push_back({{"status", std::move(status)}, {"count", std::to_string(a.statuses[k])}});
  }
  return statuses;
}

}  // namespace

void Home(SiteContext& c, const std::string& path) {
  if (c.summaries.size() == 1 && c.site.authorities.size() == 1) {
    AuthorityContext one(c, 0);
    Dashboard(one, {path, 0});
    c.errors.insert(c.errors.end(), one.errors.begin(), one.errors.end());
    return;
  }
  View list = View::EmptyList();
  for (const AuthoritySummary& a : c.summaries) {
    const auto& d = a.latest_document;
    list.push_back({{"authority", AuthorityView(a)}, {"href", c.Href(path, Paths::Dashboard(a))},
                    {"measures", Plural(a.measures, "measure", "measures")},
                    {"documents", Plural(a.documents, "document", "documents")},
                    {"statuses", StatusCounts(a)},
                    {"latest_document", d ? c.DocumentLink(a, d->slug, d->title, d->date, d->type, path) : View()}});
  }
  View view = {{"breadcrumbs", View::EmptyList()}};
  SetList(view, "has_authorities", "authorities", std::move(list));
  c.Emit(path, "home", std::move(view), c.site.config.title,
         "Progress of councils' children's services under DfE improvement notices: documents, measures and figures.");
}

}  // namespace tracker::pages
