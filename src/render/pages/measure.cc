// One measure: its status and why, what decided it, its history, the
// assessments of it, and its figures' table and chart.
#include "render/pages.h"

#include "render/explain.h"

namespace tracker::pages {

namespace {

// What decided the status, in words: "the figures, as at 21 September 2023".
std::string DecidedBy(const Authority& a, const tracker::Measure& m, const MeasureStatus& s) {
  std::string decided;
  if (s.decided_by == Decider::kFigures) return "the figures, as at " + s.figures->latest.date.Long();
  if (s.decided_by != Decider::kAssessment) return decided;
  decided = "an assessment of " + s.assessment->date.Long();
  if (const tracker::Document* d = a.FindDocument(s.assessment->source)) decided += " in \u201c" + d->title + "\u201d";
  if (s.latest_snapshot) {
    if (s.assessment->date.FirstDay() > s.latest_snapshot->LastDay())
      decided += ", which is newer than the latest figures (" + s.latest_snapshot->Long() + ")";
    else if (!m.target)
      decided += "; the figures have no target to judge them by";
    else
      decided += "; the figures give no number to judge";
  }
  return decided;
}

// A measure's status at each date, newest first, as HTML: from the
// `_status_history` partial, or written by code while it and `_status`
// are the bundled ones (byte for byte the same; a test holds the two
// ways to it). A measure's page had spent most of its time on this table.
void StatusHistory(AuthorityContext& c, std::span<const StatusAt> history, const std::string& from, std::string* out) {
  if (c.theme.status_history_by_code) {
    std::string& o = *out;
    o.reserve(1024 + history.size() * 340);
    o += "<h2 class=\"govuk-heading-l\" id=\"status-over-time\">Status over time</h2>\n"
         "<div class=\"tracker-table-scroll\" role=\"region\" aria-label=\"Status over time\" tabindex=\"0\">\n"
         "<table class=\"govuk-table\">\n"
         "  <caption class=\"govuk-table__caption govuk-table__caption--s\">The status this measure had at each "
         "date its figures or assessments changed, its deadline passed or its evidence went out of date, newest "
         "first</caption>\n"
         "  <thead class=\"govuk-table__head\">\n"
         "    <tr class=\"govuk-table__row\">\n"
         "      <th scope=\"col\" class=\"govuk-table__header\">Date</th>\n"
         "      <th scope=\"col\" class=\"govuk-table__header\">Status</th>\n"
         "      <th scope=\"col\" class=\"govuk-table__header\">Decided by</th>\n"
         "    </tr>\n"
         "  </thead>\n"
         "  <tbody class=\"govuk-table__body\">\n";
    for (auto h = history.rbegin(); h != history.rend(); ++h) {
      const Status st = h->status.status;
      o += "    <tr class=\"govuk-table__row\">\n"
           "      <th scope=\"row\" class=\"govuk-table__header\">";
      AppendTimeHtml(&o, h->date);
      o += "</th>\n"
           "      <td class=\"govuk-table__cell\"><strong class=\"govuk-tag ";
      AppendEscaped(&o, StatusColour(st));
      o += "\">";
      AppendEscaped(&o, StatusLabel(st));
      o += "</strong>\n</td>\n"
           "      <td class=\"govuk-table__cell\">The ";
      o += DecidedByWord(*h);
      o += "</td>\n    </tr>\n";
    }
    o += "  </tbody>\n</table>\n</div>\n";
  } else {
    c.Partial("_status_history", {{"history", c.HistoryNewestFirst(history)}, {"root", RootFor(from)}}, out);
  }
  // Printed on a line of its own, which brings its own line end.
  if (!out->empty() && out->back() == '\n') out->pop_back();
}

}  // namespace

std::vector<PageRef> MeasurePages(const AuthorityContext& c) {
  return PageForEach(c.a.measures, [&](const tracker::Measure& m) { return Paths::Measure(c.a, m.id); });
}

void Measure(AuthorityContext& c, const PageRef& page) {
  const Authority& a = c.a;
  const tracker::Measure& m = a.measures[page.item];
  const MeasureStatus& s = c.aa.measures[page.item];
  const std::vector<StatusAt>& history = c.aa.histories[page.item];
  const std::string& path = page.path;
  AuthorityContext::DrawnChart chart;  // declared first: the view shows it by reference
  View view = c.Base(path, Paths::Measures(a), {{a.short_name, Paths::Dashboard(a)}, {"Measures", Paths::Measures(a)}});
  view["measure"] = c.MeasureRow(page.item, path);
  const std::string decided = DecidedBy(a, m, s);
  view["measure"]["decided_by"] = decided.empty() ? View() : View(decided);
  if (s.status == Status::kOutOfDate)
    view["measure"]["out_of_date"] = {{"since", DateView(*s.stale_from)}, {"was", StatusView(*s.stale_status)}};
  if (s.decided_by == Decider::kFigures && s.figures->first_met) {
    const FigureJudgement& f = *s.figures;
    std::string held = *f.first_met == f.latest.date ? "" : f.held ? "; met at every figure since" : "; not met at every figure since";
    view["measure"]["first_met"] = f.first_met->Long() + held;
  }
  if (s.evidence)
    if (const OfstedJudgement* j = LaterOfstedJudgement(a, *s.evidence, c.as_at()))
      view["measure"]["later_ofsted"] = {{"judgement", j->judgement}, {"date", DateView(j->date)},
                                         {"source", c.DocumentLink(j->source, path)}};
  view["has_history"] = !history.empty();
  std::string status_history;
  if (!history.empty()) StatusHistory(c, history, path, &status_history);
  view["status_history"] = std::move(status_history);
  if (c.theme.history_field) view["history"] = c.HistoryNewestFirst(history);
  view["narrative"] = c.Markdown(m.body);
  view["set_by"] = m.set_by.empty() ? View() : c.DocumentLink(m.set_by, path);
  const tracker::Kpi* kpi = m.kpi.empty() ? nullptr : c.site.FindKpi(m.kpi);
  view["kpi"] = kpi ? View{{"label", kpi->label}, {"href", c.Href(path, Paths::Kpi(a, kpi->id))}} : View();
  View assessed = View::EmptyList();
  for (auto it = m.assessments.rbegin(); it != m.assessments.rend(); ++it)
    assessed.push_back({{"date", DateView(it->date)}, {"status", StatusView(it->status)}, {"note", it->note},
                        {"source", c.DocumentLink(it->source, path)}});
  SetList(view, "has_assessments", "assessments", std::move(assessed));
  if (kpi) {
    const auto& table = c.ValuesTable(*kpi, path);
    view["values_table"] = View::Ref(table.html);
    view["has_values"] = table.has_values;
    view["comparisons"] = c.Comparisons(*kpi);
    if (table.has_values) {
      chart = c.KpiChart(*kpi, &m, "chart-" + m.id);
      view["chart"] = AuthorityContext::ChartView(chart);
    }
  }
  c.Emit(path, "measure", std::move(view), m.title,
         m.summary.empty() ? ExplainStatus(a, m, kpi, s, c.as_at(), c.site.config.progress) : m.summary);
}

}  // namespace tracker::pages
