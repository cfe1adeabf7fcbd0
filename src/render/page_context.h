// What the page types share: where each page lives, the views many pages
// show, and the contexts a page is rendered in. Each page type is one file
// in render/pages/, registered in render/pages.cc; this is their toolkit.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "assess/assess_site.h"
#include "assess/timeline.h"
#include "model/site.h"
#include "render/chart.h"
#include "render/markdown.h"
#include "render/output.h"
#include "render/summary.h"
#include "render/theme.h"
#include "render/view.h"

namespace tracker {

// The page that explains how statuses are judged, from site.yml's values.
inline constexpr const char* kMethodPage = "how-progress-is-judged.html";

// Paths of every page, in one place. For an Authority, or the summary of
// one kept from the last build.
struct Paths {
  template <class A> static std::string Dashboard(const A& a) { return a.slug + "/index.html"; }
  template <class A> static std::string Timeline(const A& a) { return a.slug + "/timeline.html"; }
  template <class A> static std::string Documents(const A& a) { return a.slug + "/documents/index.html"; }
  template <class A> static std::string Document(const A& a, const std::string& slug) { return a.slug + "/documents/" + slug + ".html"; }
  template <class A> static std::string Measures(const A& a) { return a.slug + "/measures/index.html"; }
  template <class A> static std::string Measure(const A& a, const std::string& id) { return a.slug + "/measures/" + id + ".html"; }
  template <class A> static std::string Kpis(const A& a) { return a.slug + "/kpis/index.html"; }
  template <class A> static std::string Kpi(const A& a, const std::string& id) { return a.slug + "/kpis/" + id + ".html"; }
  template <class A> static std::string Embed(const A& a, const std::string& id) { return a.slug + "/embed/" + id + ".html"; }
  template <class A> static std::string Changes(const A& a) { return a.slug + "/changes.html"; }
  template <class A> static std::string Compares(const A& a) { return a.slug + "/compares.html"; }
  template <class A> static std::string Meeting(const A& a, const tracker::Meeting& m) { return a.slug + "/meetings/" + m.date.Iso() + ".html"; }
  // The papers for the next meeting, and for each meeting held.
  template <class A> static std::string BoardPack(const A& a) { return a.slug + "/board-pack.html"; }
  template <class A> static std::string MeetingPack(const A& a, const tracker::Meeting& m) { return a.slug + "/meetings/" + m.date.Iso() + "-board-pack.html"; }
  // Newest first, kPerPage to a page, with GOV.UK pagination between them.
  static constexpr size_t kPerPage = 20;
  static size_t DocumentPages(const Authority& a) { return std::max<size_t>(1, (a.documents.size() + kPerPage - 1) / kPerPage); }
  static std::string DocumentsPage(const Authority& a, size_t page) {
    return page == 1 ? Documents(a) : a.slug + "/documents/page-" + std::to_string(page) + ".html";
  }
};

// ------------------------------------------------------------ small views
const char* StatusColour(Status s);
View StatusView(Status s);
// The same, made once for the whole run and shown by reference where a
// page lists many: read-only, so every render thread may share them.
const View& SharedStatusView(Status s);
View DateView(const Date& d);
// A date as the tables written by code show it: <time> with its ISO date.
void AppendTimeHtml(std::string* out, const Date& d);
// What decided a status, as a measure's history names it: "The figures".
const char* DecidedByWord(const StatusAt& h);
// "../" once for each folder `path` is in: the way from it to the root.
std::string RootFor(const std::string& path);
// A comparator's name in a table ("Statistical neighbours") and in a
// sentence ("statistical neighbours", "England").
std::string ComparatorLabel(const std::string& name);
std::string ComparatorInSentence(const std::string& name);
// What a comparator's figure in snapshot `s` is for, where it says: "2022
// to 2023, Department for Education"; empty where it does not.
std::string ComparatorDetail(const Snapshot& s, const std::string& name, const std::string& kpi);
// The Government Statistical Service symbols a table shows, explained.
View SymbolKey(const std::set<std::string>& codes);

// A list and whether it has items, as the templates test for it:
// `has_measures` beside `measures`.
inline void SetList(View& view, FieldName has, FieldName list, View items) {
  view[has] = !items.empty();
  view[list] = std::move(items);
}

template <class A>
View AuthorityView(const A& a) {
  return {{"slug", a.slug}, {"name", a.name}, {"short_name", a.short_name}, {"region", a.region}, {"ons_code", a.ons_code}};
}

// ------------------------------------------------------------ contexts
// What every page of one render task shares: the site, its assessment, the
// theme and where files go; collects the template errors.
class PageContext {
 public:
  PageContext(const Site& site, const SiteAssessment& assessment, const Theme& theme, const FileSink& sink)
      : site(site), assessment(assessment), theme(theme), sink_(sink) {}

  const Site& site;
  const SiteAssessment& assessment;
  const Theme& theme;
  std::vector<std::string> errors;
  // Set while rendering a page served from any address (the 404 page):
  // its links then start here, not from the page's own folder.
  std::string absolute_root;

  const Date& as_at() const { return assessment.as_at; }
  std::string Href(const std::string& from, const std::string& to) const {
    return (absolute_root.empty() ? RootFor(from) : absolute_root) + to;
  }
  View Breadcrumbs(const std::string& from, const std::vector<std::pair<std::string, std::string>>& trail) const;
  template <class A>
  View DocumentLink(const A& a, const std::string& slug, const std::string& title, const Date& date,
                    const std::string& type, const std::string& from) const {
    return {{"title", title}, {"href", Href(from, Paths::Document(a, slug))}, {"date", DateView(date)},
            {"type", DocumentTypeLabel(type)}};
  }
  // A page: `tmpl` inside `wrapper`, with what every page shows added to
  // `view`, handed to the sink (or its error kept).
  void Emit(const std::string& path, const std::string& tmpl, View view, const std::string& title,
            const std::string& description, const std::string& wrapper = "layout");
  // A partial written into `out`, for HTML several pages share.
  void Partial(const std::string& name, const View& view, std::string* out);
  // A file that is not a page.
  void Write(OutputFile f) const { sink_(f); }

 private:
  const FileSink& sink_;
};

// The site-wide pages: made from every authority's summary, so an authority
// that was not loaded this time is listed all the same.
struct SiteContext : PageContext {
  SiteContext(const PageContext& base, const std::vector<AuthoritySummary>& all, const std::vector<Download>& downloads)
      : PageContext(base), summaries(all), downloads(downloads) {}
  const std::vector<AuthoritySummary>& summaries;
  const std::vector<Download>& downloads;  // every download, the all-authorities files included
};

// One authority's pages: the authority, its assessment, and what several of
// its pages show, each made once and kept for the others.
class AuthorityContext : public PageContext {
 public:
  AuthorityContext(const PageContext& base, size_t i)
      : PageContext(base), a(base.site.authorities[i]), aa(base.assessment.authorities[i]) {}

  const Authority& a;
  const AuthorityAssessment& aa;

  // The view every authority page starts from: its navigation, with
  // `current` marked, and breadcrumbs from Home through `trail`.
  View Base(const std::string& path, const std::string& current,
            std::vector<std::pair<std::string, std::string>> trail) const;
  // Renders all the authority's Markdown in one batch (see RenderMarkdownAll);
  // Markdown() takes each from there once.
  void RenderMarkdownAhead();
  View Markdown(const std::string& md) const;
  View DocumentLink(const std::string& slug, const std::string& from) const;
  View DataLinks(const std::string& from) const;
  // Every KPI the authority reports or a measure uses, in kpis.json order.
  std::vector<const Kpi*> Kpis() const;
  // The authority's timeline (assess/timeline), built once for the pages
  // that show it: the dashboard, the timeline and every board pack.
  const std::vector<TimelineEntry>& Timeline() const;

  // Measures
  View MeasureRow(size_t i, const std::string& from) const;
  // The same as it stood at an earlier date `at`, with its status `s` then
  // (a board pack for a past meeting).
  View MeasureRowAt(size_t i, const MeasureStatus& s, const Date& at, const std::string& from) const;
  // What became of a measure's deadline, in words beside its date.
  View DeadlineOutcome(size_t i) const;
  View DeadlineOutcomeAt(size_t i, const MeasureStatus& s, const Date& at) const;
  View HistoryView(std::span<const StatusAt> history) const;
  View HistoryNewestFirst(std::span<const StatusAt> history) const;

  // Figures
  View ValueCell(const Kpi& kpi, const Value& v) const;
  std::string TrendText(const Kpi& k) const;
  View LatestFigures(const std::string& from) const;
  View Comparisons(const Kpi& k) const;
  View TimelineEntryView(const TimelineEntry& t, const std::string& from) const;

  // Official comparisons (render/official_views.cc).
  const OfficialComparison* Official(const Kpi& k) const;
  bool HasOfficial() const;  // any KPI has an official figure for this authority
  // A KPI page's year-by-year table, or an empty view where there is none.
  View OfficialTable(const Kpi& k) const;
  // The "How ... compares" page's rows, one a KPI, newest year each.
  View OfficialRows(const std::string& from) const;
  View OfficialSources() const;
  // The newest official figure of the first kCardFigures KPIs that have
  // one, for the home page's card.
  std::vector<AuthoritySummary::KeyFigure> KeyFigures() const;
  std::string OfficialSource(const OfficialComparison& c) const;
  std::string OfficialSentence(const Kpi& k, const OfficialComparison& c, const OfficialPoint& p) const;
  std::string NeighbourText() const;

  // The table of every figure of a KPI, as HTML (render/values_table.cc).
  struct ValuesTableHtml {
    std::string html;
    bool has_values = false;
  };
  const ValuesTableHtml& ValuesTable(const Kpi& k, const std::string& from);
  // The view the `_values_table` partial is given.
  View MakeKpiTable(const Kpi& k, const std::string& from);

  // Charts (render/kpi_chart.cc). A chart as the templates see it is
  // shown by reference: the DrawnChart must outlive the page's view.
  struct DrawnChart {
    std::string svg, title, desc;
  };
  static View ChartView(const DrawnChart& c);
  // The titles of the documents a KPI's figures come from, in order.
  const std::string& Sources(const Kpi& k) const;
  // A KPI's own chart, as its page and its embed show it.
  const DrawnChart& OwnChart(const Kpi& k);
  // A line over time, or small multiples for a breakdown; `m` adds the
  // measure's target and deadline. With `until`, only what was known by
  // then (a board pack for a past meeting).
  DrawnChart KpiChart(const Kpi& k, const Measure* m, const std::string& id,
                      std::optional<Date> until = std::nullopt) const;

 private:
  // One KPI's value and target in each of the authority's snapshots, null
  // where a snapshot gives none, up to the as-at date: looked up once, not
  // in each of the many loops over the snapshots.
  struct KpiColumn {
    std::vector<const Value*> values;
    std::vector<const double*> targets;
    mutable std::optional<std::string> sources, period;  // for its charts, made once
  };
  const KpiColumn& Column(const Kpi& k) const;
  struct DataHrefs {
    std::string csv, json, page;
  };
  DataHrefs DataLinkHrefs(const std::string& from) const;
  // A date's view, made once for the authority's pages: a measure's
  // history lists the same dates as the others' and the snapshots.
  const View& SharedDateView(const Date& d) const;

  // The values table's parts (render/values_table.cc).
  struct SnapshotCellsHtml {
    std::string date, source;
  };
  struct SnapshotRowParts {
    View date, source;
  };
  template <class Row>
  void ForEachFigure(const Kpi& k, Row&& row) const;
  void WriteValuesTable(const Kpi& k, const std::string& from, ValuesTableHtml* table);
  const std::vector<SnapshotCellsHtml>& SnapshotCells(const std::string& from);
  const std::vector<SnapshotRowParts>& SnapshotParts(const std::string& from);

  // The charts' parts (render/kpi_chart.cc).
  chart::LineSeries KpiSeries(const Kpi& k, const std::string& label) const;
  void AddOfficialSeries(const Kpi& k, chart::LineChart* c) const;
  std::string ChartDescription(const Kpi& k, const Measure* m, std::optional<Date> until) const;
  const std::string& Period(const Kpi& k) const;
  // The same, of the figures up to `until` only.
  std::string PeriodUntil(const Kpi& k, const Date& until) const;

  // Made once for the authority's pages. Only looked up, never walked, so
  // their order cannot reach the output.
  std::map<std::string, ValuesTableHtml> values_tables_;
  std::map<std::string, DrawnChart> kpi_charts_;
  mutable std::map<std::string, KpiColumn> columns_;
  std::map<std::string, std::vector<SnapshotRowParts>> snapshot_parts_;
  std::map<std::string, std::vector<SnapshotCellsHtml>> snapshot_cells_;
  mutable std::map<Date, View> date_views_;
  mutable std::optional<std::vector<TimelineEntry>> timeline_;
  // Rendered ahead by RenderMarkdownAhead, keyed by the source's address.
  mutable std::unordered_map<const std::string*, RenderedMarkdown> markdown_;
};

}  // namespace tracker
