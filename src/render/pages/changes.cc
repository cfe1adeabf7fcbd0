// "What changed" since the last meeting, and one page for each meeting
// with what the council could report to it: one template, two page types.
#include "render/pages.h"

#include <algorithm>

#include "render/explain.h"
#include "render/format.h"

namespace tracker::pages {

namespace {

// The sentence under the heading: what is compared with what.
std::string Lead(const Authority& a, const tracker::Changes& c, bool latest) {
  if (latest && c.since)
    return "What changed in " + a.name + "'s figures, measures and documents since the " + c.since->title + " on " +
           c.since->date.Long() + ", up to " + c.to->Long() + ".";
  if (!latest)
    return c.from ? "What " + a.name + " could report to the " + c.until->title + " on " + c.until->date.Long() +
                        ": what changed since " +
                        (c.since ? "the " + c.since->title + " on " + c.since->date.Long()
                                 : "the figures of " + c.from->Long()) + "."
                  : "This is the first meeting recorded, and there are no figures from before it to compare.";
  if (c.from)
    return "How " + a.name + "'s figures, measures and documents changed between " + c.from->Long() + " and " +
           c.to->Long() + ". No meeting is recorded, so these are the dates of the two newest snapshots.";
  return "";
}

// Each figure that changed, with its symbols gathered for the key.
View KpiRows(const AuthorityContext& ac, const tracker::Changes& c, const std::string& path,
             std::set<std::string>* symbols) {
  View kpis = View::EmptyList();
  for (const auto& ch : c.kpis) {
    auto text = [&](const std::optional<Scalar>& v) {
      if (v && std::holds_alternative<Symbol>(*v)) symbols->insert(std::get<Symbol>(*v).code);
      return v ? FormatScalar(*ch.kpi, *v) : std::string("not in this snapshot");
    };
    View row = {{"label", ch.kpi->label + (ch.item.empty() ? "" : ", " + ch.item)},
                {"href", ac.Href(path, Paths::Kpi(ac.a, ch.kpi->id))},
                {"before", text(ch.before)}, {"after", text(ch.after)}};
    if (ch.change)
      row["change"] = *ch.change == 0 ? "No change" : (*ch.change > 0 ? "Up " : "Down ") + FormatAmount(*ch.kpi, *ch.change);
    else
      row["change"] = "Cannot compare";
    row["verdict"] = !ch.change ? "" : ch.better > 0 ? "Better" : ch.better < 0 ? "Worse"
                   : *ch.change == 0 ? "Same" : "Neither better nor worse";
    kpis.push_back(std::move(row));
  }
  return kpis;
}

// Each measure whose status changed, and what changed it.
View MeasureRows(const AuthorityContext& ac, const tracker::Changes& c, const std::string& path) {
  View measures = View::EmptyList();
  for (const auto& mc : c.measures) {
    const tracker::Measure& m = ac.a.measures[mc.measure];
    const char* why = mc.now.decided_by == Decider::kFigures      ? "figures"
                      : mc.now.decided_by == Decider::kAssessment ? "a document" : "";
    if (mc.now.status == Status::kOutOfDate) why = "time: its evidence went out of date";
    else if (mc.now.reason == Reason::kDeadlineNotShown || mc.now.reason == Reason::kDeadlineMissed)
      why = "its deadline passing";
    const tracker::Kpi* kpi = m.kpi.empty() ? nullptr : ac.site.FindKpi(m.kpi);
    measures.push_back({{"title", m.title}, {"href", ac.Href(path, Paths::Measure(ac.a, m.id))},
                        {"before", {{"status", StatusView(mc.before)}}}, {"after", {{"status", StatusView(mc.after)}}},
                        {"why", why},
                        {"explanation", ExplainStatus(ac.a, m, kpi, mc.now, *c.to, ac.site.config.progress, false)}});
  }
  return measures;
}

}  // namespace

void AddChanges(const AuthorityContext& ac, const tracker::Changes& c, const std::string& path, View& view) {
  const Authority& a = ac.a;
  view["from"] = c.from ? DateView(*c.from) : View();
  view["to"] = c.to ? DateView(*c.to) : View();
  std::set<std::string> symbols;
  SetList(view, "has_kpis", "kpis", KpiRows(ac, c, path, &symbols));
  view["values"] = {{"symbols", SymbolKey(symbols)}, {"has_symbols", !symbols.empty()}};
  View snapshots = View::EmptyList();
  for (const Date& d : c.snapshots) snapshots.push_back(DateView(d));
  SetList(view, "has_snapshots", "snapshots", std::move(snapshots));
  View deadlines = View::EmptyList();
  for (size_t i : c.deadlines) {
    const tracker::Measure& m = a.measures[i];
    deadlines.push_back({{"title", m.title}, {"href", ac.Href(path, Paths::Measure(a, m.id))},
                         {"date", DateView(*m.deadline)}, {"outcome", ac.DeadlineOutcome(i)}});
  }
  SetList(view, "has_deadlines", "deadlines", std::move(deadlines));
  SetList(view, "has_measures", "measures", MeasureRows(ac, c, path));
  View between = View::EmptyList();
  for (const auto& item : c.between)
    between.push_back({{"date", DateView(item.date)}, {"title", item.title},
                       {"href", item.document.empty() ? View() : View(ac.Href(path, Paths::Document(a, item.document)))}});
  SetList(view, "has_between", "between", std::move(between));
}

namespace {

void Render(AuthorityContext& ac, const tracker::Changes& c, const std::string& path, bool latest) {
  const Authority& a = ac.a;
  View view = ac.Base(path, Paths::Changes(a), {{a.short_name, Paths::Dashboard(a)}});
  if (!latest) view["breadcrumbs"].push_back({{"title", "What changed"}, {"href", ac.Href(path, Paths::Changes(a))}});
  view["heading"] = latest ? "What changed" : c.until->title;
  view["lead"] = Lead(a, c, latest);
  AddChanges(ac, c, path, view);
  View meetings = View::EmptyList();
  for (auto m = ac.aa.meetings.rbegin(); m != ac.aa.meetings.rend(); ++m)
    meetings.push_back({{"title", m->until->title}, {"date", DateView(m->until->date)},
                        {"href", ac.Href(path, Paths::Meeting(a, *m->until))}, {"current", m->until == c.until && !latest},
                        {"source", ac.DocumentLink(m->until->source, path)}});
  SetList(view, "has_meetings", "meetings", std::move(meetings));
  view["board_pack"] = ac.Href(path, latest ? Paths::BoardPack(a) : Paths::MeetingPack(a, *c.until));
  view["until"] = !latest;
  ac.Emit(path, "changes", std::move(view),
          a.short_name + ": " + (latest ? std::string("what changed") : c.until->title + ", " + c.until->date.Long()),
          latest ? "What changed in " + a.name + "'s figures, measures and documents since the last meeting or snapshot."
                 : "What changed in " + a.name + "'s figures, measures and documents before the " + c.until->title + ".");
}

}  // namespace

void Changes(AuthorityContext& c, const PageRef& page) { Render(c, c.aa.changes, page.path, true); }

std::vector<PageRef> MeetingPages(const AuthorityContext& c) {
  return PageForEach(c.aa.meetings, [&](const tracker::Changes& m) { return Paths::Meeting(c.a, *m.until); });
}

void Meeting(AuthorityContext& c, const PageRef& page) { Render(c, c.aa.meetings[page.item], page.path, false); }

}  // namespace tracker::pages
