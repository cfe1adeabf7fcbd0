// The home page: a card for each authority with its statuses and the
// dates of their evidence, or, for a site of one authority, its dashboard.
#include "render/pages.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "render/format.h"

namespace tracker::pages {

namespace {

// Above this many authorities, the home page has an A to Z and regions.
constexpr size_t kIndexFrom = 12;

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
  const bool index = c.summaries.size() > kIndexFrom;
  auto card = [&](const AuthoritySummary& a) {
    const auto& d = a.latest_document;
    View figures = View::EmptyList();
    for (const auto& f : a.key_figures) figures.push_back({{"label", f.label}, {"value", f.value}, {"period", f.period}});
    View view = {{"authority", AuthorityView(a)}, {"href", c.Href(path, Paths::Dashboard(a))},
                 {"level", index ? "4" : "3"},  // under a region's heading, or the list's
                 {"has_measures", a.measures > 0},
                 {"has_documents", a.documents > 0},
                 {"measures", Plural(a.measures, "measure", "measures")},
                 {"documents", Plural(a.documents, "document", "documents")},
                 {"statuses", StatusCounts(a)},
                 {"latest_document", d ? c.DocumentLink(a, d->slug, d->title, d->date, d->type, path) : View()},
                 {"ofsted", a.latest_ofsted ? View{{"judgement", a.latest_ofsted->judgement},
                                                   {"date", DateView(a.latest_ofsted->date)}}
                                            : View()}};
    SetList(view, "has_figures", "figures", std::move(figures));
    return view;
  };
  View list = View::EmptyList();
  for (const AuthoritySummary& a : c.summaries) list.push_back(card(a));
  View view = {{"breadcrumbs", View::EmptyList()}, {"description", c.site.config.description}};
  // A national tracker: an A to Z of names to find one by, without
  // JavaScript, then the cards by region.
  if (index) {
    std::vector<const AuthoritySummary*> by_name;
    for (const auto& a : c.summaries) by_name.push_back(&a);
    std::stable_sort(by_name.begin(), by_name.end(),
                     [](const AuthoritySummary* x, const AuthoritySummary* y) { return x->name < y->name; });
    View letters = View::EmptyList();
    for (const AuthoritySummary* a : by_name) {
      const std::string letter(1, static_cast<char>(std::toupper(static_cast<unsigned char>(a->name.empty() ? '?' : a->name[0]))));
      if (letters.empty() || letters.back()["letter"].text() != letter)
        letters.push_back({{"letter", letter}, {"id", "letter-" + std::string(1, static_cast<char>(std::tolower(letter[0])))},
                           {"names", View::EmptyList()}});
      letters.back()["names"].push_back({{"name", a->name}, {"href", c.Href(path, Paths::Dashboard(*a))}});
    }
    std::map<std::string, std::vector<const AuthoritySummary*>> regions;
    for (const auto& a : c.summaries) regions[a.region.empty() ? "Other" : a.region].push_back(&a);
    View by_region = View::EmptyList();
    for (const auto& [name, members] : regions) {
      View cards = View::EmptyList();
      for (const AuthoritySummary* a : members) cards.push_back(card(*a));
      by_region.push_back({{"region", name}, {"id", "region-" + SlugFor(name)}, {"count", Plural(members.size(), "council", "councils")},
                           {"authorities", std::move(cards)}});
    }
    view["index"] = {{"letters", std::move(letters)}, {"regions", std::move(by_region)}};
  }
  SetList(view, "has_authorities", "authorities", std::move(list));
  c.Emit(path, "home", std::move(view), c.site.config.title,
         "Progress of councils' children's services under DfE improvement notices: documents, measures and figures.");
}

}  // namespace tracker::pages
