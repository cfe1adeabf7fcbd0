#include "render/render_site.h"

#include "parallel.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <mutex>
#include <set>
#include <span>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "assess/timeline.h"
#include "render/chart.h"
#include "render/explain.h"
#include "render/feeds.h"
#include "render/open_data.h"
#include "render/format.h"
#include "render/markdown.h"
#include "render/summary.h"

namespace tracker {

namespace {



// Ids the layout itself uses; Markdown headings never take them.
// How many of a measure's latest dates its row on the dashboard shows.
constexpr size_t kStripDates = 12;

// The page that explains how statuses are judged, from site.yml's values.
const char* const kMethodPage = "how-progress-is-judged.html";

const std::set<std::string> kReservedIds = {"main-content", "content", "header", "footer", "navigation"};


const char* StatusColour(Status s) {
  switch (s) {
    case Status::kMet: return "govuk-tag--green";
    case Status::kOnTrack: return "govuk-tag--turquoise";
    case Status::kAtRisk: return "govuk-tag--yellow";
    case Status::kOffTrack: return "govuk-tag--red";
    case Status::kNoData: return "govuk-tag--grey";
    case Status::kNotShownMet: return "govuk-tag--orange";
    case Status::kOutOfDate: return "govuk-tag--purple";
  }
  return "govuk-tag--grey";
}

View StatusView(Status s) {
  return {{"id", StatusId(s)}, {"label", StatusLabel(s)}, {"class", StatusColour(s)}};
}

// The same, made once for the whole run and shown by reference where a
// page lists many: read-only, so every render thread may share them.
const View& SharedStatusView(Status s) {
  static const std::array<View, kStatusCount> views = {
      StatusView(Status::kMet),    StatusView(Status::kOnTrack),     StatusView(Status::kAtRisk),
      StatusView(Status::kOffTrack), StatusView(Status::kNoData), StatusView(Status::kNotShownMet),
      StatusView(Status::kOutOfDate)};
  return views[static_cast<size_t>(s)];
}

View DateView(const Date& d) { return {{"iso", d.Iso()}, {"long", d.Long()}}; }

// A date as the tables written by code show it: <time> with its ISO date.
void AppendTimeHtml(std::string* out, const Date& d) {
  *out += "<time datetime=\"";
  AppendEscaped(out, d.Iso());
  *out += "\">";
  AppendEscaped(out, d.Long());
  *out += "</time>";
}

// What decided a status, as a measure's history names it: "The figures".
const char* DecidedByWord(const StatusAt& h) {
  if (h.why == StatusAt::Why::kDeadline) return "deadline passing";
  if (h.why == StatusAt::Why::kAge) return "evidence going out of date";
  const Decider d = h.status.decided_by;
  return d == Decider::kFigures ? "figures" : d == Decider::kAssessment ? "assessment" : "nothing";
}

int Depth(const std::string& path) { return static_cast<int>(std::count(path.begin(), path.end(), '/')); }

std::string RootFor(const std::string& path) {
  const int depth = Depth(path);
  std::string r;
  r.reserve(3 * depth);
  for (int i = 0; i < depth; ++i) r.append("../", 3);
  return r;
}

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
  template <class A> static std::string Changes(const A& a) { return a.slug + "/changes.html"; }
  template <class A> static std::string Meeting(const A& a, const tracker::Meeting& m) { return a.slug + "/meetings/" + m.date.Iso() + ".html"; }
};

class SiteRenderer {
 public:
  SiteRenderer(const Site& site, const SiteAssessment& assessment, const Theme& theme, const FileSink& sink)
      : site_(site), assessment_(assessment), theme_(theme), sink_(sink) {}

  // Where an authority's figures can be downloaded, for links under charts.
  struct DataHrefs {
    std::string csv, json, page;
  };
  DataHrefs DataLinkHrefs(const Authority& a, const std::string& from) const {
    return {Href(from, "downloads/" + a.slug + ".csv"), Href(from, "downloads/" + a.slug + ".json"),
            Href(from, "data.html")};
  }
  View DataLinks(const Authority& a, const std::string& from) const {
    DataHrefs h = DataLinkHrefs(a, from);
    return {{"csv", std::move(h.csv)}, {"json", std::move(h.json)}, {"page", std::move(h.page)}};
  }

  // The pages that list or sum up every authority, the open data, feeds,
  // sitemap and assets: made from the authorities' summaries alone, so an
  // authority that was not loaded is listed all the same.
  // `downloads` lists every download, the all-authorities files included;
  // those are joined elsewhere, beside these pages.
  void RenderSiteWide(const std::vector<AuthoritySummary>& all, const std::vector<Download>& downloads) {
    summaries_ = &all;
    downloads_ = downloads;
    RenderHome();
    RenderDataPage();
    RenderAccessibility();
    RenderMethod();
    RenderNotFound();
    sink_({"feed.xml", RenderAtomFeed(site_.config, SiteFeed(all), "feed.xml", "index.html", "", assessment_.as_at)});
    if (!site_.config.base_url.empty()) {
      std::vector<std::string> pages = {"index.html", "data.html", "accessibility.html", kMethodPage};
      for (const auto& s : all) pages.insert(pages.end(), s.pages.begin(), s.pages.end());
      std::sort(pages.begin(), pages.end());
      sink_({"sitemap.xml", RenderSitemap(site_.config.base_url, pages)});
    }
    sink_({"robots.txt", RenderRobots(site_.config.base_url)});
    for (const auto& [path, bytes] : theme_.assets) sink_({path, bytes});
  }

  // One authority's pages and feed.
  void RenderAuthorityPages(size_t i) {
    const Authority& a = site_.authorities[i];
    RenderAuthority(a, assessment_.authorities[i]);
    std::string self = a.slug + "/feed.xml";
    sink_({self, RenderAtomFeed(site_.config, FeedEntries(site_.config, a, assessment_.as_at, false), self,
                                Paths::Dashboard(a), a.name, assessment_.as_at)});
  }

  // What the site-wide files need of one authority.
  AuthoritySummary Summary(size_t i) const {
    const Authority& a = site_.authorities[i];
    AuthoritySummary s = Summarize(site_.config, a, assessment_.authorities[i], assessment_.as_at);
    s.pages = AuthorityPages(a);
    return s;
  }

  // The HTML pages of one authority, from the model alone.
  std::vector<std::string> AuthorityPages(const Authority& a) const {
    std::vector<std::string> out = {Paths::Dashboard(a), Paths::Timeline(a), Paths::Measures(a), Paths::Kpis(a),
                                    Paths::Changes(a)};
    const size_t pages = std::max<size_t>(1, (a.documents.size() + kPerPage - 1) / kPerPage);
    for (size_t p = 1; p <= pages; ++p) out.push_back(DocumentsPage(a, p));
    for (const auto& d : a.documents) out.push_back(Paths::Document(a, d.slug));
    for (const auto& m : a.measures) out.push_back(Paths::Measure(a, m.id));
    for (const Kpi* k : KpisOf(a)) out.push_back(Paths::Kpi(a, k->id));
    for (const auto& m : a.meetings)
      if (m.date.FirstDay() <= assessment_.as_at.FirstDay()) out.push_back(Paths::Meeting(a, m));
    return out;
  }

  std::vector<std::string> errors() const { return errors_; }

 private:
  // ------------------------------------------------------------ helpers
  std::string Href(const std::string& from, const std::string& to) const {
    return (absolute_root_.empty() ? RootFor(from) : absolute_root_) + to;
  }

  // An authority's Markdown, rendered in one batch before its pages (see
  // RenderMarkdownAll); Markdown() takes each from here once.
  void RenderMarkdownOf(const Authority& a) {
    std::vector<const std::string*> all;
    all.reserve(1 + a.documents.size() + a.measures.size());
    all.push_back(&a.intro);
    for (const auto& d : a.documents) all.push_back(&d.body);
    for (const auto& m : a.measures) all.push_back(&m.body);
    std::vector<RenderedMarkdown> done = RenderMarkdownAll(all, site_.config.unsafe_html, kReservedIds);
    for (size_t i = 0; i < all.size(); ++i) markdown_.emplace(all[i], std::move(done[i]));
  }

  View Markdown(const std::string& md) const {
    RenderedMarkdown r;
    if (auto done = markdown_.find(&md); done != markdown_.end()) r = std::move(markdown_.extract(done).mapped());
    else r = RenderMarkdown(md, site_.config.unsafe_html, kReservedIds);
    View headings = View::EmptyList();
    for (const auto& h : r.headings)
      if (h.level == 2) headings.push_back({{"id", h.id}, {"text", h.text}});
    const bool empty = r.html.empty();
    return {{"html", std::move(r.html)}, {"headings", std::move(headings)}, {"empty", empty}};
  }

  View Breadcrumbs(const std::string& from, std::vector<std::pair<std::string, std::string>> trail) const {
    View list = View::EmptyList();
    for (const auto& [title, path] : trail) list.push_back({{"title", title}, {"href", Href(from, path)}});
    return list;
  }

  View AuthorityNav(const Authority& a, const std::string& from, const std::string& current) const {
    View nav = View::EmptyList();
    const std::pair<const char*, std::string> items[] = {
        {"Dashboard", Paths::Dashboard(a)}, {"Timeline", Paths::Timeline(a)},
        {"Documents", Paths::Documents(a)}, {"Measures", Paths::Measures(a)},
        {"Figures", Paths::Kpis(a)}, {"What changed", Paths::Changes(a)}};
    for (const auto& [title, path] : items)
      nav.push_back({{"title", title}, {"href", Href(from, path)}, {"current", path == current}});
    return nav;
  }

  template <class A>
  View AuthorityView(const A& a) const {
    return {{"slug", a.slug}, {"name", a.name}, {"short_name", a.short_name},
            {"region", a.region}, {"ons_code", a.ons_code}};
  }

  template <class A>
  View DocumentLink(const A& a, const std::string& slug, const std::string& title, const Date& date,
                    const std::string& type, const std::string& from) const {
    return {{"title", title}, {"href", Href(from, Paths::Document(a, slug))}, {"date", DateView(date)},
            {"type", DocumentTypeLabel(type)}};
  }
  View DocumentLink(const Authority& a, const std::string& slug, const std::string& from) const {
    const Document* d = a.FindDocument(slug);
    return d ? DocumentLink(a, slug, d->title, d->date, d->type, from) : View();
  }

  void Emit(const std::string& path, const std::string& tmpl, View view, const std::string& title,
            const std::string& description, const std::string& wrapper = "layout") {
    view["root"] = absolute_root_.empty() ? RootFor(path) : absolute_root_;
    const SiteConfig& cfg = site_.config;
    view["config"] = {
        {"logo", cfg.logo.empty() ? View() : View(Href(path, cfg.logo))},
        {"brand_colour", cfg.brand_colour},
        {"phase", cfg.phase_tag.empty() ? View() : View{{"tag", cfg.phase_tag}, {"text", cfg.phase_text}}},
        {"licence", {{"name", cfg.licence_name}, {"url", cfg.licence_url.empty() ? View() : View(cfg.licence_url)}}},
        {"contact_email", cfg.contact_email}};
    view["links"]["accessibility"] = Href(path, "accessibility.html");
    view["links"]["data"] = Href(path, "data.html");
    view["links"]["feed"] = Href(path, "feed.xml");
    view["links"]["method"] = Href(path, kMethodPage);
    view["lang"] = site_.config.language;
    view["site"] = {{"title", site_.config.title}, {"organisation", site_.config.organisation},
                    {"home", Href(path, "index.html")}};
    view["page"] = {{"title", title}, {"description", description}, {"path", path},
                    {"canonical", site_.config.base_url.empty() ? View() : View(site_.config.base_url + path)}};
    view["as_at"] = DateView(assessment_.as_at);
    view["generator"] = std::string("tracker ") + TRACKER_VERSION;
    const View* crumbs = view.Find("breadcrumbs");
    view["has_breadcrumbs"] = crumbs && !crumbs->empty();
    // Room for the page at once, as large as the last of its kind on this
    // thread: growing a string a few kilobytes at a time copied every page
    // several times over. Only the capacity depends on it, never the bytes.
    thread_local std::map<std::string, size_t> sizes;
    size_t& size = sizes[tmpl];
    std::string page, error;
    page.reserve(size);
    if (!RenderPage(theme_, wrapper, tmpl, view, &page, &error)) {
      errors_.push_back(error);
      return;
    }
    size = std::max(size, page.size());
    sink_({path, std::move(page)});
  }

  // ------------------------------------------------------------ views
  // A date's view, made once for the authority's pages: a measure's
  // history lists the same dates as the others' and the snapshots.
  const View& SharedDateView(const Date& d) const {
    auto it = date_views_.find(d);
    if (it == date_views_.end()) it = date_views_.emplace(d, DateView(d)).first;
    return it->second;
  }

  View HistoryView(std::span<const StatusAt> history) const {
    View list = View::EmptyList();
    for (const auto& h : history)
      list.push_back({{"date", View::Share(SharedDateView(h.date))}, {"status", View::Share(SharedStatusView(h.status.status))},
                      {"decided_by", DecidedByWord(h)}});
    return list;
  }

  // A measure's page lists its history newest first.
  View HistoryNewestFirst(std::span<const StatusAt> history) const {
    View list = HistoryView(history);
    std::reverse(list.items().begin(), list.items().end());
    return list;
  }

  // What became of a measure's deadline, in words beside its date: never
  // "missed" unless evidence dated at or after it shows so.
  View DeadlineOutcome(const Measure& m, const MeasureStatus& s) const {
    if (!m.deadline) return View();
    if (assessment_.as_at.FirstDay() <= m.deadline->LastDay()) return View("not yet passed");
    const Status shown = s.status == Status::kOutOfDate ? *s.stale_status : s.status;
    if (shown == Status::kMet) {
      if (s.decided_by == Decider::kFigures && s.figures->first_met &&
          s.figures->first_met->FirstDay() > m.deadline->LastDay())
        return View("missed; met later, on " + s.figures->first_met->Long());
      return View("met");
    }
    if (s.reason == Reason::kDeadlineMissed) return View("missed");
    return View("passed; not shown to be met");
  }

  View MeasureRow(const Authority& a, const Measure& m, const MeasureStatus& s, const std::string& from) const {
    const Kpi* kpi = m.kpi.empty() ? nullptr : site_.FindKpi(m.kpi);
    View status = StatusView(s.status);
    if (s.evidence) status["evidence"] = DateView(*s.evidence);
    status["method_href"] = Href(from, kMethodPage);
    View row = {{"id", m.id}, {"title", m.title}, {"summary", m.summary}, {"category", m.category},
                {"href", Href(from, Paths::Measure(a, m.id))}, {"status", std::move(status)},
                {"explanation", ExplainStatus(a, m, kpi, s, assessment_.as_at, site_.config.progress)},
                {"short_explanation", ExplainStatus(a, m, kpi, s, assessment_.as_at, site_.config.progress, false)},
                {"deadline_outcome", DeadlineOutcome(m, s)},
                {"deadline", m.deadline ? DateView(*m.deadline) : View()},
                {"target", kpi && m.target ? View(FormatTarget(*kpi, *m.target)) : View()}};
    row["latest"] = nullptr;
    if (kpi) {
      if (auto obs = LatestObservation(kpi->id, a.snapshots, assessment_.as_at)) {
        std::string v;
        if (obs->value) v = FormatValue(*kpi, *obs->value);
        else {
          for (const auto& [item, x] : obs->items) v += (v.empty() ? "" : ", ") + item + " " + FormatValue(*kpi, x);
        }
        row["latest"] = {{"value", v}, {"date", DateView(obs->date)}};
      }
    }
    return row;
  }

  // Every KPI the authority reports or a measure uses, in kpis.View order.
  std::vector<const Kpi*> KpisOf(const Authority& a) const {
    std::vector<const Kpi*> out;
    for (const auto& k : site_.kpis) {
      bool used = false;
      for (const auto& s : a.snapshots) used = used || s.values.count(k.id) || s.targets.count(k.id);
      for (const auto& m : a.measures) used = used || m.kpi == k.id;
      if (used) out.push_back(&k);
    }
    return out;
  }

  View ValueCell(const Kpi& kpi, const Value& v) const {
    if (const auto* s = std::get_if<Scalar>(&v)) {
      View cell = {{"text", FormatScalar(kpi, *s)}, {"numeric", std::holds_alternative<double>(*s)}};
      if (const auto* sym = std::get_if<Symbol>(s)) cell["symbol"] = sym->code;
      return cell;
    }
    std::string text;
    for (const auto& [item, sc] : std::get<Breakdown>(v))
      text += (text.empty() ? "" : "; ") + item + ": " + FormatScalar(kpi, sc);
    return {{"text", text}, {"numeric", false}};
  }

  std::string TrendText(const AuthorityAssessment& aa, const Kpi& k) const {
    auto it = aa.trends.find(k.id);
    if (it != aa.trends.end()) return TrendLabel(it->second);
    auto items = aa.item_trends.find(k.id);
    if (items == aa.item_trends.end()) return TrendLabel(Trend::kUnknown);
    std::string out;
    bool known = false;
    for (const auto& [item, trend] : items->second) {
      out += (out.empty() ? "" : "; ") + item + ": " + InSentence(TrendLabel(trend));
      known = known || trend != Trend::kUnknown;
    }
    return known ? out : TrendLabel(Trend::kUnknown);
  }

  View LatestFigures(const Authority& a, const AuthorityAssessment& aa, const std::string& from) const {
    View rows = View::EmptyList();
    for (const Kpi* k : KpisOf(a)) {
      const KpiColumn& col = Column(a, *k);
      size_t latest = a.snapshots.size();
      for (size_t i = 0; i < a.snapshots.size(); ++i)
        if (col.values[i]) latest = i;
      if (latest == a.snapshots.size()) continue;
      const Value& value = *col.values[latest];
      View row = {{"label", k->label}, {"href", Href(from, Paths::Kpi(a, k->id))},
                  {"value", ValueCell(*k, value)}, {"date", DateView(a.snapshots[latest].as_at)},
                  {"trend", TrendText(aa, *k)}};
      if (k->breakdown.empty()) {
        std::optional<double> target;
        for (const double* t : col.targets)
          if (t) target = *t;
        row["sparkline"] = chart::RenderSparkline(*k, KpiSeries(a, *k, "").points, target);
      }
      if (!k->breakdown.empty()) {
        View items = View::EmptyList();
        for (const auto& [item, sc] : std::get<Breakdown>(value))
          items.push_back({{"item", item}, {"value", FormatScalar(*k, sc)}});
        row["items"] = std::move(items);
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  // A timeline entry as the pages show it, with links from `from`. An
  // expected event whose date has passed is flagged as not yet confirmed,
  // and a deadline says what became of it.
  View TimelineEntryView(const Authority& a, const AuthorityAssessment& aa, const TimelineEntry& t,
                         const std::string& from) const {
    std::string href;
    if (t.kind == TimelineEntry::Kind::kDocument) href = Href(from, Paths::Document(a, t.document));
    if (t.kind == TimelineEntry::Kind::kDeadline) href = Href(from, Paths::Measure(a, t.measure));
    View source;
    if (const Document* d = a.FindDocument(t.source))
      source = View{{"title", d->title}, {"href", Href(from, Paths::Document(a, d->slug))}};
    View outcome;
    if (t.kind == TimelineEntry::Kind::kDeadline)
      for (size_t i = 0; i < a.measures.size(); ++i)
        if (a.measures[i].id == t.measure) outcome = DeadlineOutcome(a.measures[i], aa.measures[i]);
    const bool expected = t.kind == TimelineEntry::Kind::kExpected;
    return {{"date", DateView(t.date)}, {"when", t.label.empty() ? t.date.Long() : t.label}, {"title", t.title},
            {"kind", TimelineKindLabel(t)}, {"href", href.empty() ? View() : View(href)}, {"source", std::move(source)},
            {"expected", expected}, {"outcome", std::move(outcome)},
            {"unconfirmed", expected && t.date.LastDay() < assessment_.as_at.FirstDay()}};
  }


  // ------------------------------------------------------------ pages
  void RenderHome() {
    const std::string path = "index.html";
    if (summaries_->size() == 1 && site_.authorities.size() == 1) {
      RenderDashboard(site_.authorities[0], assessment_.authorities[0], path);
      return;
    }
    View list = View::EmptyList();
    for (const AuthoritySummary& a : *summaries_) {
      View statuses = View::EmptyList();
      for (size_t k : kStatusOrder) {
        if (!a.statuses[k]) continue;
        // The dates of the evidence these statuses rest on, as text.
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
      const auto& d = a.latest_document;
      list.push_back({{"authority", AuthorityView(a)}, {"href", Href(path, Paths::Dashboard(a))},
                      {"measures", Plural(a.measures, "measure", "measures")},
                      {"documents", Plural(a.documents, "document", "documents")},
                      {"statuses", statuses},
                      {"latest_document", d ? DocumentLink(a, d->slug, d->title, d->date, d->type, path) : View()}});
    }
    const bool has_authorities = !list.empty();
    View view = {{"authorities", std::move(list)}, {"has_authorities", has_authorities}, {"breadcrumbs", View::EmptyList()}};
    Emit(path, "home", std::move(view), site_.config.title,
         "Progress of councils' children's services under DfE improvement notices: documents, measures and figures.");
  }

  void RenderAuthority(const Authority& a, const AuthorityAssessment& aa) {
    RenderMarkdownOf(a);
    RenderDashboard(a, aa, Paths::Dashboard(a));
    RenderTimeline(a, aa);
    RenderDocuments(a);
    for (const auto& d : a.documents) RenderDocument(a, aa, d);
    RenderMeasures(a, aa);
    for (size_t i = 0; i < a.measures.size(); ++i) RenderMeasure(a, a.measures[i], aa.measures[i], aa.histories[i]);
    RenderKpis(a, aa);
    RenderChanges(a, aa);
    for (const Kpi* k : KpisOf(a)) RenderEmbed(a, aa, *k);
    for (const Kpi* k : KpisOf(a)) RenderKpi(a, aa, *k);
  }

  View Base(const Authority& a, const std::string& path, const std::string& current,
            std::vector<std::pair<std::string, std::string>> trail) const {
    trail.insert(trail.begin(), {"Home", "index.html"});
    return {{"authority", AuthorityView(a)}, {"nav", AuthorityNav(a, path, current)},
            {"breadcrumbs", Breadcrumbs(path, trail)}, {"data_links", DataLinks(a, path)},
            {"authority_feed", Href(path, a.slug + "/feed.xml")}};
  }

  void RenderDashboard(const Authority& a, const AuthorityAssessment& aa, const std::string& path) {
    bool is_home = path == "index.html";
    View view = Base(a, path, Paths::Dashboard(a), {});
    if (is_home) view["breadcrumbs"] = View::EmptyList();
    view["intro"] = Markdown(a.intro);
    // Worst first, so what is slow to progress leads the page.
    std::vector<size_t> order(a.measures.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      return std::make_tuple(SeverityRank(aa.measures[x].status), a.measures[x].title) <
             std::make_tuple(SeverityRank(aa.measures[y].status), a.measures[y].title);
    });
    View measures = View::EmptyList();
    for (size_t i : order) {
      View row = MeasureRow(a, a.measures[i], aa.measures[i], path);
      // The latest dates only, as the sparklines show the latest figures:
      // years of monthly reports would stretch the table off the screen.
      // The measure's page has them all.
      const auto& history = aa.histories[i];
      const size_t shown = std::min(history.size(), kStripDates);
      row["history"] = HistoryView(std::span(history).last(shown));
      row["history_label"] = shown < history.size() ? "Status at the latest " + std::to_string(shown) + " of " +
                                                          std::to_string(history.size()) + " dates"
                                                    : std::string("Status at each date");
      // The strip's dates as text, not only in tooltips touch users never see.
      if (shown)
        row["history_range"] = shown == 1 ? history.back().date.Long()
                                          : history[history.size() - shown].date.Long() + " to " + history.back().date.Long();
      row["history_more"] = shown < history.size()
                                ? View{{"count", history.size()},
                                       {"href", Href(path, Paths::Measure(a, a.measures[i].id)) + "#status-over-time"}}
                                : View();
      measures.push_back(std::move(row));
    }
    view["has_measures"] = !measures.empty();
    view["measures"] = std::move(measures);
    View slow = View::EmptyList();
    for (size_t i : aa.slow) slow.push_back(MeasureRow(a, a.measures[i], aa.measures[i], path));
    view["has_slow"] = !slow.empty();
    view["slow"] = std::move(slow);
    View figures = LatestFigures(a, aa, path);
    view["has_figures"] = !figures.empty();
    view["figures"] = std::move(figures);
    View docs = View::EmptyList();
    for (auto it = a.documents.rbegin(); it != a.documents.rend() && docs.size() < 5; ++it)
      docs.push_back(DocumentLink(a, it->slug, path));
    view["has_documents"] = !docs.empty();
    view["documents"] = std::move(docs);
    View upcoming = View::EmptyList();
    for (const auto& t : BuildTimeline(a))
      if (t.date.LastDay() > assessment_.as_at.FirstDay()) upcoming.push_back(TimelineEntryView(a, aa, t, path));
    view["has_upcoming"] = !upcoming.empty();
    view["upcoming"] = std::move(upcoming);
    View ofsted = View::EmptyList();
    for (auto it = a.ofsted.rbegin(); it != a.ofsted.rend(); ++it)
      ofsted.push_back({{"date", DateView(it->date)}, {"judgement", it->judgement},
                        {"source", DocumentLink(a, it->source, path)}});
    view["has_ofsted"] = !ofsted.empty();
    view["ofsted"] = std::move(ofsted);
    view["links"] = {{"timeline", Href(path, Paths::Timeline(a))}, {"documents", Href(path, Paths::Documents(a))},
                     {"measures", Href(path, Paths::Measures(a))}, {"kpis", Href(path, Paths::Kpis(a))},
                     {"changes", Href(path, Paths::Changes(a))}};
    view["last_meeting"] = aa.changes.since ? View{{"title", aa.changes.since->title}, {"date", DateView(aa.changes.since->date)}} : View();
    Emit(path, "dashboard", std::move(view), a.name + ": improvement dashboard",
         "Measures, figures, documents and events of " + a.name + "'s children's services improvement.");
  }

  void RenderTimeline(const Authority& a, const AuthorityAssessment& aa) {
    const std::string path = Paths::Timeline(a);
    View view = Base(a, path, path, {{a.short_name, Paths::Dashboard(a)}});
    View years = View::EmptyList();
    for (const auto& t : BuildTimeline(a)) {
      std::string y = std::to_string(t.date.year);
      if (years.empty() || years.back()["year"].text() != y) years.push_back({{"year", y}, {"entries", View::EmptyList()}});
      years.back()["entries"].push_back(TimelineEntryView(a, aa, t, path));
    }
    view["has_years"] = !years.empty();
    view["years"] = std::move(years);
    Emit(path, "timeline", std::move(view), a.short_name + ": timeline", "Every dated event in " + a.name + "'s improvement journey.");
  }

  // Newest first, 20 to a page, with GOV.UK pagination between the pages.
  static constexpr size_t kPerPage = 20;
  static std::string DocumentsPage(const Authority& a, size_t page) {
    return page == 1 ? Paths::Documents(a) : a.slug + "/documents/page-" + std::to_string(page) + ".html";
  }

  void RenderDocuments(const Authority& a) {
    const size_t pages = std::max<size_t>(1, (a.documents.size() + kPerPage - 1) / kPerPage);
    for (size_t page = 1; page <= pages; ++page) {
      const std::string path = DocumentsPage(a, page);
      View view = Base(a, path, Paths::Documents(a), {{a.short_name, Paths::Dashboard(a)}});
      View docs = View::EmptyList();
      size_t first = (page - 1) * kPerPage;
      for (size_t i = first; i < std::min(first + kPerPage, a.documents.size()); ++i) {
        const Document& doc = a.documents[a.documents.size() - 1 - i];
        View d = DocumentLink(a, doc.slug, path);
        d["summary"] = doc.summary;
        d["from"] = doc.from;
        docs.push_back(std::move(d));
      }
      view["has_documents"] = !docs.empty();
      view["documents"] = std::move(docs);
      if (pages > 1) {
        View items = View::EmptyList();
        for (size_t p = 1; p <= pages; ++p)
          items.push_back({{"number", std::to_string(p)}, {"href", Href(path, DocumentsPage(a, p))}, {"current", p == page}});
        view["pagination"] = {
            {"items", items},
            {"previous", page > 1 ? View(Href(path, DocumentsPage(a, page - 1))) : View()},
            {"next", page < pages ? View(Href(path, DocumentsPage(a, page + 1))) : View()},
            {"summary", "Documents " + std::to_string(first + 1) + " to " +
                            std::to_string(std::min(first + kPerPage, a.documents.size())) + " of " +
                            std::to_string(a.documents.size())}};
      }
      std::string title = a.short_name + ": documents" + (page > 1 ? ", page " + std::to_string(page) : "");
      Emit(path, "documents", std::move(view), title, "Notices, letters and reports about " + a.name + "'s children's services.");
    }
  }

  void RenderDocument(const Authority& a, const AuthorityAssessment& aa, const Document& d) {
    const std::string path = Paths::Document(a, d.slug);
    View view = Base(a, path, Paths::Documents(a), {{a.short_name, Paths::Dashboard(a)}, {"Documents", Paths::Documents(a)}});
    view["document"] = {{"title", d.title}, {"type", DocumentTypeLabel(d.type)}, {"date", DateView(d.date)},
                        {"from", d.from}, {"to", d.to}, {"summary", d.summary},
                        {"source_url", d.source_url.empty() ? View() : View(d.source_url)}};
    view["body"] = Markdown(d.body);
    View events = View::EmptyList();
    for (const auto& e : d.events)
      events.push_back({{"when", e.label.empty() ? e.date.Long() : e.label}, {"date", DateView(e.date)}, {"title", e.title}, {"expected", e.expected}});
    view["has_events"] = !events.empty();
    view["events"] = std::move(events);
    View set = View::EmptyList(), assessed = View::EmptyList();
    for (size_t i = 0; i < a.measures.size(); ++i) {
      const Measure& m = a.measures[i];
      if (m.set_by == d.slug) set.push_back(MeasureRow(a, m, aa.measures[i], path));
      for (const auto& as : m.assessments)
        if (as.source == d.slug) {
          assessed.push_back({{"title", m.title}, {"href", Href(path, Paths::Measure(a, m.id))},
                              {"status", StatusView(as.status)}, {"note", as.note}});
          break;
        }
    }
    view["has_measures_set"] = !set.empty();
    view["measures_set"] = std::move(set);
    view["has_measures_assessed"] = !assessed.empty();
    view["measures_assessed"] = std::move(assessed);
    View snaps = View::EmptyList();
    for (const auto& s : a.snapshots)
      if (s.source == d.slug) snaps.push_back(DateView(s.as_at));
    view["has_snapshots"] = !snaps.empty();
    view["snapshots"] = std::move(snaps);
    Emit(path, "document", std::move(view), d.title, d.summary.empty() ? DocumentTypeLabel(d.type) + std::string(", ") + d.date.Long() : d.summary);
  }

  void RenderMeasures(const Authority& a, const AuthorityAssessment& aa) {
    const std::string path = Paths::Measures(a);
    View view = Base(a, path, path, {{a.short_name, Paths::Dashboard(a)}});
    // Grouped by category, in the order categories first appear.
    View groups = View::EmptyList();
    for (size_t i = 0; i < a.measures.size(); ++i) {
      const Measure& m = a.measures[i];
      std::string cat = m.category.empty() ? "Other measures" : m.category;
      auto it = std::find_if(groups.items().begin(), groups.items().end(),
                             [&](const View& g) { return g.Find("category")->text() == cat; });
      if (it == groups.items().end()) {
        groups.push_back({{"category", cat}, {"measures", View::EmptyList()}});
        it = groups.items().end() - 1;
      }
      (*it)["measures"].push_back(MeasureRow(a, m, aa.measures[i], path));
    }
    view["groups"] = groups;
    view["has_measures"] = !a.measures.empty();
    Emit(path, "measures", std::move(view), a.short_name + ": measures", "The measures " + a.name + " is held to, and their status.");
  }

  void RenderMeasure(const Authority& a, const Measure& m, const MeasureStatus& s, const std::vector<StatusAt>& history) {
    const std::string path = Paths::Measure(a, m.id);
    DrawnChart chart;  // declared first: the view shows it by reference
    View view = Base(a, path, Paths::Measures(a), {{a.short_name, Paths::Dashboard(a)}, {"Measures", Paths::Measures(a)}});
    view["measure"] = MeasureRow(a, m, s, path);
    std::string decided;
    if (s.decided_by == Decider::kFigures) {
      decided = "the figures, as at " + s.figures->latest.date.Long();
    } else if (s.decided_by == Decider::kAssessment) {
      decided = "an assessment of " + s.assessment->date.Long();
      if (const Document* d = a.FindDocument(s.assessment->source)) decided += " in \u201c" + d->title + "\u201d";
      if (s.latest_snapshot) {
        if (s.assessment->date.FirstDay() > s.latest_snapshot->LastDay())
          decided += ", which is newer than the latest figures (" + s.latest_snapshot->Long() + ")";
        else if (!m.target)
          decided += "; the figures have no target to judge them by";
        else
          decided += "; the figures give no number to judge";
      }
    }
    view["measure"]["decided_by"] = decided.empty() ? View() : View(decided);
    if (s.status == Status::kOutOfDate)
      view["measure"]["out_of_date"] = {{"since", DateView(*s.stale_from)}, {"was", StatusView(*s.stale_status)}};
    if (s.decided_by == Decider::kFigures && s.figures->first_met) {
      const FigureJudgement& f = *s.figures;
      std::string held = *f.first_met == f.latest.date ? "" : f.held ? "; met at every figure since" : "; not met at every figure since";
      view["measure"]["first_met"] = f.first_met->Long() + held;
    }
    if (s.evidence)
      if (const OfstedJudgement* j = LaterOfstedJudgement(a, *s.evidence, assessment_.as_at))
        view["measure"]["later_ofsted"] = {{"judgement", j->judgement}, {"date", DateView(j->date)},
                                           {"source", DocumentLink(a, j->source, path)}};
    view["has_history"] = !history.empty();
    std::string status_history;
    if (!history.empty()) StatusHistory(history, path, &status_history);
    view["status_history"] = std::move(status_history);
    if (theme_.history_field) view["history"] = HistoryNewestFirst(history);
    view["narrative"] = Markdown(m.body);
    view["set_by"] = m.set_by.empty() ? View() : DocumentLink(a, m.set_by, path);
    const Kpi* kpi = m.kpi.empty() ? nullptr : site_.FindKpi(m.kpi);
    view["kpi"] = kpi ? View{{"label", kpi->label}, {"href", Href(path, Paths::Kpi(a, kpi->id))}} : View();
    View assessed = View::EmptyList();
    for (auto it = m.assessments.rbegin(); it != m.assessments.rend(); ++it)
      assessed.push_back({{"date", DateView(it->date)}, {"status", StatusView(it->status)}, {"note", it->note},
                          {"source", DocumentLink(a, it->source, path)}});
    view["has_assessments"] = !assessed.empty();
    view["assessments"] = std::move(assessed);
    if (kpi) {
      const ValuesTableHtml& table = ValuesTable(a, *kpi, path);
      view["values_table"] = View::Ref(table.html);
      view["has_values"] = table.has_values;
      view["comparisons"] = Comparisons(a, *kpi);
      if (table.has_values) {
        chart = KpiChart(a, *kpi, &m, "chart-" + m.id);
        view["chart"] = ChartView(chart);
      }
    }
    Emit(path, "measure", std::move(view), m.title, m.summary.empty() ? ExplainStatus(a, m, kpi, s, assessment_.as_at, site_.config.progress) : m.summary);
  }

  // A measure's status at each date, newest first, as HTML: from the
  // `_status_history` partial, or written by code while it and `_status`
  // are the bundled ones (byte for byte the same; a test holds the two
  // ways to it). A measure's page had spent most of its time on this table.
  void StatusHistory(const std::vector<StatusAt>& history, const std::string& from, std::string* out) {
    if (theme_.status_history_by_code) {
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
      View view = {{"history", HistoryNewestFirst(history)}, {"root", RootFor(from)}};
      std::string error;
      if (!RenderTemplate(theme_, "_status_history", view, out, &error)) errors_.push_back(error);
    }
    // Printed on a line of its own, which brings its own line end.
    if (!out->empty() && out->back() == '\n') out->pop_back();
  }

  // The table of every figure of a KPI, as HTML: the KPI page, its embed
  // and the measures that use it show the same table, so it is rendered
  // once (for each depth of page) from the `_values_table` partial.
  struct ValuesTableHtml {
    std::string html;
    bool has_values = false;
  };
  const ValuesTableHtml& ValuesTable(const Authority& a, const Kpi& k, const std::string& from) {
    std::string key = k.id + "@" + RootFor(from);
    auto cached = values_tables_.find(key);
    if (cached != values_tables_.end()) return cached->second;
    ValuesTableHtml& table = values_tables_[key];
    thread_local size_t size = 0;  // room at once, as Emit makes for pages
    table.html.reserve(size);
    if (theme_.values_table_by_code) {
      WriteValuesTable(a, k, from, &table);
    } else {
      View values = MakeKpiTable(a, k, from);
      table.has_values = !values.Find("rows")->empty();
      View view = {{"values", std::move(values)}, {"data_links", DataLinks(a, from)}, {"root", RootFor(from)}};
      std::string error;
      if (!RenderTemplate(theme_, "_values_table", view, &table.html, &error)) errors_.push_back(error);
    }
    size = std::max(size, table.html.size());
    // Printed on a line of its own, which brings its own line end.
    if (!table.html.empty() && table.html.back() == '\n') table.html.pop_back();
    return table;
  }

  // Calls `row(i, snapshot, value, target)` for each snapshot, newest
  // first, that gives KPI `k` a value or a target: the rows of its table.
  template <class Row>
  void ForEachFigure(const Authority& a, const Kpi& k, Row&& row) const {
    const KpiColumn& col = Column(a, k);
    for (size_t i = a.snapshots.size(); i-- > 0;)
      if (col.values[i] || col.targets[i]) row(i, a.snapshots[i], col.values[i], col.targets[i]);
  }

  // The same table written by code, byte for byte what the bundled
  // `_values_table` and `_symbol_key` make of MakeKpiTable's view, without
  // a view for every row: a national site has thousands of these tables,
  // and they were an eighth of a clean build. Used only while the theme's
  // two templates are the bundled ones; a test holds the two ways to the
  // same bytes (tests/unit/render_site_test.cc), so a change to either
  // template must be made here too.
  void WriteValuesTable(const Authority& a, const Kpi& k, const std::string& from, ValuesTableHtml* table) {
    std::string& o = table->html;
    o += "<div class=\"tracker-table-scroll\" role=\"region\" aria-label=\"Every reported figure\" tabindex=\"0\">\n"
         "<table class=\"govuk-table\">\n"
         "  <caption class=\"govuk-table__caption govuk-table__caption--m\">Every reported figure, newest first</caption>\n"
         "  <thead class=\"govuk-table__head\">\n"
         "    <tr class=\"govuk-table__row\">\n"
         "      <th scope=\"col\" class=\"govuk-table__header\">As at</th>\n";
    if (k.breakdown.empty()) {
      o += "      <th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Value</th>\n";
    } else {
      o += "      <th scope=\"col\" class=\"govuk-table__header\">Value by ";
      AppendEscaped(&o, k.breakdown);
      o += "</th>\n";
    }
    o += "      <th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Target</th>\n"
         "      <th scope=\"col\" class=\"govuk-table__header\">Comparators</th>\n"
         "      <th scope=\"col\" class=\"govuk-table__header\">Source and notes</th>\n"
         "    </tr>\n"
         "  </thead>\n"
         "  <tbody class=\"govuk-table__body\">\n";
    std::set<std::string> symbols;
    const auto& cells = SnapshotCells(a, from);
    ForEachFigure(a, k, [&](size_t i, const Snapshot& s, const Value* v, const double* t) {
      table->has_values = true;
      o += "    <tr class=\"govuk-table__row\">\n"
           "      <th scope=\"row\" class=\"govuk-table__header\">";
      o += cells[i].date;
      o += "</th>\n      <td class=\"govuk-table__cell";
      const Scalar* sc = v ? std::get_if<Scalar>(v) : nullptr;
      if (sc && std::holds_alternative<double>(*sc)) o += " govuk-table__cell--numeric";
      o += "\">";
      if (sc) {
        AppendEscaped(&o, FormatScalar(k, *sc));
        if (const auto* sym = std::get_if<Symbol>(sc)) symbols.insert(sym->code);
      } else if (const auto* b = v ? std::get_if<Breakdown>(v) : nullptr) {
        for (const auto& [item, isc] : *b) {
          o += "<span class=\"tracker-item\">";
          AppendEscaped(&o, item);
          o += ": ";
          AppendEscaped(&o, FormatScalar(k, isc));
          o += "</span>";
          if (const auto* sym = std::get_if<Symbol>(&isc)) symbols.insert(sym->code);
        }
      } else {
        o += "not reported";
      }
      o += "</td>\n      <td class=\"govuk-table__cell govuk-table__cell--numeric\">";
      if (t) AppendEscaped(&o, FormatValue(k, *t));
      else o += "None";
      o += "</td>\n      <td class=\"govuk-table__cell\">";
      for (const auto& [name, values] : s.comparators) {
        auto c = values.find(k.id);
        if (c == values.end()) continue;
        o += "<span class=\"tracker-item\">";
        AppendEscaped(&o, ComparatorLabel(name));
        o += ": ";
        AppendEscaped(&o, FormatScalar(k, c->second));
        o += "</span>";
      }
      o += "</td>\n      <td class=\"govuk-table__cell govuk-body-s\">";
      o += cells[i].source;
      if (auto n = s.notes.find(k.id); n != s.notes.end() && !n->second.empty()) {
        o += "<br>";
        AppendEscaped(&o, n->second);
      }
      o += "</td>\n    </tr>\n";
    });
    o += "  </tbody>\n</table>\n</div>\n";
    if (!symbols.empty()) {
      o += "<div class=\"govuk-body-s tracker-symbol-key\">\n"
           "  <p class=\"govuk-body-s\">Where the table shows words instead of a figure, they follow the Government "
           "Statistical Service symbols:</p>\n"
           "  <dl>\n";
      for (const auto& code : symbols) {
        o += "    <dt>";
        AppendEscaped(&o, SymbolMeaning(code));
        o += " (";
        AppendEscaped(&o, code);
        o += ")</dt><dd>";
        AppendEscaped(&o, SymbolExplanation(code));
        o += "</dd>\n";
      }
      o += "  </dl>\n</div>\n";
    }
    const DataHrefs links = DataLinkHrefs(a, from);
    o += "<p class=\"govuk-body-s tracker-download\">These figures come from the open data: <a class=\"govuk-link\" "
         "href=\"";
    AppendEscaped(&o, links.csv);
    o += "\">download them as CSV</a> or <a class=\"govuk-link\" href=\"";
    AppendEscaped(&o, links.json);
    o += "\">JSON</a> (<a class=\"govuk-link\" href=\"";
    AppendEscaped(&o, links.page);
    o += "\">about the data</a>).</p>";
  }

  // A snapshot's date cell and source link as every KPI's table writes
  // them, escaped: made once for the pages at one depth.
  struct SnapshotCellsHtml {
    std::string date, source;
  };
  const std::vector<SnapshotCellsHtml>& SnapshotCells(const Authority& a, const std::string& from) {
    auto& cells = snapshot_cells_[RootFor(from)];
    if (!cells.empty() || a.snapshots.empty()) return cells;
    for (const Snapshot& s : a.snapshots) {
      SnapshotCellsHtml c;
      AppendTimeHtml(&c.date, s.as_at);
      if (const Document* d = a.FindDocument(s.source)) {
        c.source = "<a class=\"govuk-link\" href=\"";
        AppendEscaped(&c.source, Href(from, Paths::Document(a, s.source)));
        c.source += "\">";
        AppendEscaped(&c.source, d->title);
        c.source += "</a>";
      }
      cells.push_back(std::move(c));
    }
    return cells;
  }

  // What a row of every KPI's table shows of its snapshot, the same for
  // every KPI: made once for the pages at one depth, and shared.
  struct SnapshotRowParts {
    View date, source;
  };
  const std::vector<SnapshotRowParts>& SnapshotParts(const Authority& a, const std::string& from) {
    auto& parts = snapshot_parts_[RootFor(from)];
    if (parts.empty())
      for (const Snapshot& s : a.snapshots)
        parts.push_back({View::Share(SharedDateView(s.as_at)), DocumentLink(a, s.source, from)});
    return parts;
  }

  View MakeKpiTable(const Authority& a, const Kpi& k, const std::string& from) {
    View rows = View::EmptyList();
    std::set<std::string> symbols;
    const auto& parts = SnapshotParts(a, from);
    ForEachFigure(a, k, [&](size_t i, const Snapshot& s, const Value* v, const double* t) {
      View row = {{"date", View::Share(parts[i].date)}};
      if (v) {
        row["value"] = ValueCell(k, *v);
        if (const auto* sc = std::get_if<Scalar>(v))
          if (const auto* sym = std::get_if<Symbol>(sc)) symbols.insert(sym->code);
        if (const auto* b = std::get_if<Breakdown>(v)) {
          View items = View::EmptyList();
          for (const auto& [item, sc] : *b) {
            items.push_back({{"item", item}, {"value", FormatScalar(k, sc)}});
            if (const auto* sym = std::get_if<Symbol>(&sc)) symbols.insert(sym->code);
          }
          row["items"] = std::move(items);
        }
      } else {
        row["value"] = {{"text", "not reported"}, {"numeric", false}};
      }
      row["target"] = t ? View(FormatValue(k, *t)) : View();
      View comps = View::EmptyList();
      for (const auto& [name, values] : s.comparators) {
        auto c = values.find(k.id);
        if (c != values.end()) comps.push_back({{"name", ComparatorLabel(name)}, {"value", FormatScalar(k, c->second)}});
      }
      row["comparators"] = std::move(comps);
      auto n = s.notes.find(k.id);
      row["note"] = n == s.notes.end() ? "" : n->second;
      row["source"] = View::Share(parts[i].source);
      rows.push_back(std::move(row));
    });
    View key = SymbolKey(symbols);
    return {{"rows", rows}, {"symbols", key}, {"has_symbols", !key.empty()},
            {"has_breakdown", !k.breakdown.empty()}, {"breakdown", k.breakdown}};
  }

  // "246 per 10,000, 6 above statistical neighbours", from the newest
  // snapshot that gives both the value and a comparator.
  View Comparisons(const Authority& a, const Kpi& k) const {
    View out = View::EmptyList();
    for (auto it = a.snapshots.rbegin(); it != a.snapshots.rend(); ++it) {
      if (it->as_at > assessment_.as_at) continue;
      auto v = it->values.find(k.id);
      if (v == it->values.end()) continue;
      const auto* sc = std::get_if<Scalar>(&v->second);
      const double* value = sc ? std::get_if<double>(sc) : nullptr;
      if (!value) continue;
      for (const auto& [name, values] : it->comparators) {
        auto c = values.find(k.id);
        if (c == values.end()) continue;
        const double* other = std::get_if<double>(&c->second);
        if (!other) continue;
        double diff = *value - *other;
        std::string who = ComparatorInSentence(name);
        std::string gap = FormatAmount(k, diff);
        std::string rel = diff == 0 ? "the same as " + who
                                    : gap + (diff > 0 ? " above " : " below ") + who + " (" + FormatValue(k, *other) + ")";
        out.push_back({{"text", FormatValue(k, *value) + ", " + rel}, {"date", DateView(it->as_at)}});
      }
      if (!out.empty()) break;
    }
    return out;
  }

  // One KPI's value and target in each of the authority's snapshots, null
  // where a snapshot gives none, up to the as-at date: looked up once, not
  // in each of the many loops over the snapshots.
  struct KpiColumn {
    std::vector<const Value*> values;
    std::vector<const double*> targets;
    mutable std::optional<std::string> sources, period;  // for its charts, made once
  };
  const KpiColumn& Column(const Authority& a, const Kpi& k) const {
    auto [it, fresh] = columns_.try_emplace(k.id);
    KpiColumn& c = it->second;
    if (!fresh) return c;
    c.values.assign(a.snapshots.size(), nullptr);
    c.targets.assign(a.snapshots.size(), nullptr);
    for (size_t i = 0; i < a.snapshots.size(); ++i) {
      const Snapshot& snap = a.snapshots[i];
      if (snap.as_at > assessment_.as_at) continue;
      if (auto v = snap.values.find(k.id); v != snap.values.end()) c.values[i] = &v->second;
      // One target: the measure's, beside every figure it judges.
      if (const Target* t = TargetOf(a, k.id); t && c.values[i]) c.targets[i] = &t->value;
    }
    return c;
  }

  // ---------------------------------------------------------- charts
  chart::LineSeries KpiSeries(const Authority& a, const Kpi& k, const std::string& label) const {
    chart::LineSeries s;
    s.label = label;
    const KpiColumn& col = Column(a, k);
    for (size_t i = 0; i < a.snapshots.size(); ++i) {
      const Value* v = col.values[i];
      if (!v) continue;
      const Snapshot& snap = a.snapshots[i];
      chart::LinePoint p{snap.as_at, std::nullopt, ""};
      if (const auto* sc = std::get_if<Scalar>(v)) {
        if (const double* d = std::get_if<double>(sc)) p.value = *d;
        if (const auto* sym = std::get_if<Symbol>(sc)) p.symbol = sym->code;
      }
      s.points.push_back(p);
    }
    return s;
  }

  const std::string& Sources(const Authority& a, const Kpi& k) const {
    const KpiColumn& col = Column(a, k);
    if (col.sources) return *col.sources;
    std::vector<std::string> titles;
    for (size_t i = 0; i < a.snapshots.size(); ++i) {
      if (!col.values[i]) continue;
      const Document* d = a.FindDocument(a.snapshots[i].source);
      std::string t = d ? d->title : "figures reported by the council";
      if (std::find(titles.begin(), titles.end(), t) == titles.end()) titles.push_back(t);
    }
    std::string out;
    for (size_t i = 0; i < titles.size(); ++i) out += (i ? "; " : "") + titles[i];
    return *(col.sources = std::move(out));
  }

  const std::string& Period(const Authority& a, const Kpi& k) const {
    const KpiColumn& col = Column(a, k);
    if (col.period) return *col.period;
    std::optional<Date> first, last;
    for (size_t i = 0; i < a.snapshots.size(); ++i)
      if (col.values[i]) {
        if (!first) first = a.snapshots[i].as_at;
        last = a.snapshots[i].as_at;
      }
    if (!first) return *(col.period = "no figures yet");
    return *(col.period = *first == *last ? first->Long() : first->Long() + " to " + last->Long());
  }

  // The chart for a KPI: a line over time, or bars by item for a breakdown.
  // `m` adds the measure's target and deadline.
  struct DrawnChart {
    std::string svg, title, desc;
  };
  // A chart as the templates see it, shown by reference: `c` must outlive
  // the page's view.
  static View ChartView(const DrawnChart& c) {
    return {{"svg", View::Ref(c.svg)}, {"title", View::Ref(c.title)}, {"desc", View::Ref(c.desc)}};
  }

  // A KPI's own chart, as its page shows it; its embed shows the same one.
  const DrawnChart& OwnChart(const Authority& a, const Kpi& k) {
    auto cached = kpi_charts_.find(k.id);
    if (cached != kpi_charts_.end()) return cached->second;
    return kpi_charts_[k.id] = KpiChart(a, k, nullptr, "chart-" + k.id);
  }

  DrawnChart KpiChart(const Authority& a, const Kpi& k, const Measure* m, const std::string& id) const {
    const std::string sources = Sources(a, k);
    std::string desc = (m && m->title != k.label ? m->title + ": " : "") + k.label + ", " + a.name + ", " + Period(a, k) +
                       ". Source: " + (sources.empty() ? "none" : sources) + ".";
    std::optional<Target> target;
    if (m && m->target) target = m->target;
    if (!k.breakdown.empty()) {
      chart::BarChart c;
      c.id = id;
      c.kpi = k;
      c.desc = desc;
      for (auto it = a.snapshots.rbegin(); it != a.snapshots.rend() && c.groups.size() < 3; ++it) {
        if (it->as_at > assessment_.as_at) continue;
        auto v = it->values.find(k.id);
        if (v == it->values.end()) continue;
        chart::BarGroup g{it->as_at, {}};
        if (const auto* b = std::get_if<Breakdown>(&v->second))
          for (const auto& [item, sc] : *b) {
            chart::Bar bar{item, std::nullopt, ""};
            if (const double* d = std::get_if<double>(&sc)) bar.value = *d;
            if (const auto* sym = std::get_if<Symbol>(&sc)) bar.symbol = sym->code;
            g.bars.push_back(bar);
          }
        c.groups.push_back(g);
      }
      if (target) {
        c.target = target->value;
        c.target_label = "Target: " + FormatTarget(k, *target);
      }
      c.title = BreakdownTitle(k, c, target);
      return {chart::RenderBarChart(c), c.title, c.desc};
    }
    chart::LineChart c;
    c.id = id;
    c.kpi = k;
    c.desc = desc;
    c.main = KpiSeries(a, k, a.short_name);
    // Comparators, one series each, in name order.
    std::set<std::string> names;
    for (const auto& snap : a.snapshots)
      for (const auto& [name, values] : snap.comparators)
        if (values.count(k.id) && snap.as_at <= assessment_.as_at) names.insert(name);
    for (const auto& name : names) {
      chart::LineSeries cs;
      cs.label = ComparatorLabel(name);
      for (const auto& snap : a.snapshots) {
        if (snap.as_at > assessment_.as_at) continue;
        auto cv = snap.comparators.find(name);
        if (cv == snap.comparators.end() || !cv->second.count(k.id)) continue;
        chart::LinePoint p{snap.as_at, std::nullopt, ""};
        const Scalar& sc = cv->second.at(k.id);
        if (const double* d = std::get_if<double>(&sc)) p.value = *d;
        cs.points.push_back(p);
      }
      c.comparators.push_back(cs);
    }
    if (target) {
      c.target.push_back({c.main.points.empty() ? assessment_.as_at : c.main.points.front().date, target->value});
      c.target_label = "Target " + FormatTargetValue(k, target->op, target->value);
    } else {
      // Targets the snapshots give, as steps when they change.
      const KpiColumn& col = Column(a, k);
      for (size_t i = 0; i < a.snapshots.size(); ++i) {
        const double* t = col.targets[i];
        if (!t) continue;
        if (c.target.empty() || c.target.back().value != *t) c.target.push_back({a.snapshots[i].as_at, *t});
      }
      if (!c.target.empty()) c.target_label = "Target " + FormatValue(k, c.target.back().value);
    }
    if (m && m->deadline) c.deadline = m->deadline;
    c.as_at = assessment_.as_at;
    std::optional<Target> title_target = target;
    if (!title_target && !c.target.empty())
      title_target = Target{k.direction == Direction::kLowerIsBetter ? "<=" : ">=", c.target.back().value, "all", {}};
    c.title = chart::FindingTitle(k, c.main.points, title_target);
    return {chart::RenderLineChart(c), c.title, c.desc};
  }

  static std::string BreakdownTitle(const Kpi& k, const chart::BarChart& c, const std::optional<Target>& target) {
    if (c.groups.empty()) return "No figures for " + InSentence(k.label) + " have been reported";
    const chart::Bar* lo = nullptr;
    const chart::Bar* hi = nullptr;
    int meeting = 0, total = 0;
    for (const auto& b : c.groups.front().bars) {
      if (!b.value) continue;
      ++total;
      if (!lo || *b.value < *lo->value) lo = &b;
      if (!hi || *b.value > *hi->value) hi = &b;
      if (target && MeetsTarget(*b.value, *target)) ++meeting;
    }
    if (!lo) return k.label + ": no figures could be published for " + c.groups.front().date.Long();
    std::string t = k.label + " ranged from " + FormatValue(k, *lo->value) + " (" + lo->label + ") to " +
                    FormatValue(k, *hi->value) + " (" + hi->label + ") on " + c.groups.front().date.Long();
    if (target) t += "; " + std::to_string(meeting) + " of " + std::to_string(total) + " met the target";
    return t;
  }

  static View SymbolKey(const std::set<std::string>& codes) {
    View key = View::EmptyList();
    for (const auto& code : codes)
      key.push_back({{"symbol", code}, {"meaning", SymbolMeaning(code)}, {"explanation", SymbolExplanation(code)}});
    return key;
  }

  static std::string ComparatorInSentence(const std::string& name) {
    if (name == "england") return "England";
    return InSentence(ComparatorLabel(name));
  }

  static std::string ComparatorLabel(const std::string& name) {
    if (name == "statistical_neighbours") return "Statistical neighbours";
    if (name == "england") return "England";
    std::string s = name;
    std::replace(s.begin(), s.end(), '_', ' ');
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
  }

  // "What changed" since the last meeting, and one page for each meeting.
  void RenderChanges(const Authority& a, const AuthorityAssessment& aa) {
    const std::string path = Paths::Changes(a);
    RenderChangesPage(a, aa, aa.changes, path, true);
    for (const Changes& c : aa.meetings) RenderChangesPage(a, aa, c, Paths::Meeting(a, *c.until), false);
  }

  void RenderChangesPage(const Authority& a, const AuthorityAssessment& aa, const Changes& c, const std::string& path,
                         bool latest) {
    View view = Base(a, path, Paths::Changes(a), {{a.short_name, Paths::Dashboard(a)}});
    if (!latest) view["breadcrumbs"].push_back({{"title", "What changed"}, {"href", Href(path, Paths::Changes(a))}});
    std::string heading = latest ? "What changed" : c.until->title;
    std::string lead;
    if (latest && c.since)
      lead = "What changed in " + a.name + "'s figures, measures and documents since the " + c.since->title + " on " +
             c.since->date.Long() + ", up to " + c.to->Long() + ".";
    else if (!latest)
      lead = c.from ? "What " + a.name + " could report to the " + c.until->title + " on " + c.until->date.Long() +
                          ": what changed since " + (c.since ? "the " + c.since->title + " on " + c.since->date.Long()
                                                             : "the figures of " + c.from->Long()) + "."
                    : "This is the first meeting recorded, and there are no figures from before it to compare.";
    else if (c.from)
      lead = "How " + a.name + "'s figures, measures and documents changed between " + c.from->Long() + " and " +
             c.to->Long() + ". No meeting is recorded, so these are the dates of the two newest snapshots.";
    view["heading"] = heading;
    view["lead"] = lead;
    View meetings = View::EmptyList();
    for (const Changes& m : aa.meetings)
      meetings.push_back({{"title", m.until->title}, {"date", DateView(m.until->date)},
                          {"href", Href(path, Paths::Meeting(a, *m.until))}, {"current", m.until == c.until && !latest},
                          {"source", DocumentLink(a, m.until->source, path)}});
    std::reverse(meetings.items().begin(), meetings.items().end());
    view["has_meetings"] = !meetings.empty();
    view["meetings"] = std::move(meetings);
    view["from"] = c.from ? DateView(*c.from) : View();
    view["to"] = c.to ? DateView(*c.to) : View();
    View kpis = View::EmptyList();
    std::set<std::string> symbols;
    for (const auto& ch : c.kpis) {
      auto text = [&](const std::optional<Scalar>& v) {
        if (v && std::holds_alternative<Symbol>(*v)) symbols.insert(std::get<Symbol>(*v).code);
        return v ? FormatScalar(*ch.kpi, *v) : std::string("not in this snapshot");
      };
      View row = {{"label", ch.kpi->label + (ch.item.empty() ? "" : ", " + ch.item)},
                  {"href", Href(path, Paths::Kpi(a, ch.kpi->id))},
                  {"before", text(ch.before)}, {"after", text(ch.after)}};
      if (ch.change) {
        row["change"] = *ch.change == 0 ? "No change" : (*ch.change > 0 ? "Up " : "Down ") + FormatAmount(*ch.kpi, *ch.change);
      } else {
        row["change"] = "Cannot compare";
      }
      row["verdict"] = !ch.change ? "" : ch.better > 0 ? "Better" : ch.better < 0 ? "Worse"
                     : *ch.change == 0 ? "Same" : "Neither better nor worse";
      kpis.push_back(std::move(row));
    }
    view["has_kpis"] = !kpis.empty();
    view["kpis"] = std::move(kpis);
    view["values"] = {{"symbols", SymbolKey(symbols)}, {"has_symbols", !symbols.empty()}};
    View measures = View::EmptyList();
    for (const auto& mc : c.measures) {
      const Measure& m = a.measures[mc.measure];
      const char* why = mc.now.decided_by == Decider::kFigures ? "figures" : mc.now.decided_by == Decider::kAssessment ? "a document" : "";
      if (mc.now.status == Status::kOutOfDate) why = "time: its evidence went out of date";
      else if (mc.now.reason == Reason::kDeadlineNotShown || mc.now.reason == Reason::kDeadlineMissed) why = "its deadline passing";
      measures.push_back({{"title", m.title}, {"href", Href(path, Paths::Measure(a, m.id))},
                          {"before", {{"status", StatusView(mc.before)}}}, {"after", {{"status", StatusView(mc.after)}}},
                          {"why", why},
                          {"explanation", ExplainStatus(a, m, m.kpi.empty() ? nullptr : site_.FindKpi(m.kpi),
                                                        mc.now, *c.to, site_.config.progress, false)}});
    }
    View snapshots = View::EmptyList();
    for (const Date& d : c.snapshots) snapshots.push_back(DateView(d));
    view["has_snapshots"] = !snapshots.empty();
    view["snapshots"] = std::move(snapshots);
    View deadlines = View::EmptyList();
    for (size_t i : c.deadlines) {
      const Measure& m = a.measures[i];
      deadlines.push_back({{"title", m.title}, {"href", Href(path, Paths::Measure(a, m.id))},
                           {"date", DateView(*m.deadline)}, {"outcome", DeadlineOutcome(m, aa.measures[i])}});
    }
    view["has_deadlines"] = !deadlines.empty();
    view["deadlines"] = std::move(deadlines);
    view["has_measures"] = !measures.empty();
    view["measures"] = std::move(measures);
    View between = View::EmptyList();
    for (const auto& item : c.between)
      between.push_back({{"date", DateView(item.date)}, {"title", item.title},
                         {"href", item.document.empty() ? View() : View(Href(path, Paths::Document(a, item.document)))}});
    view["has_between"] = !between.empty();
    view["between"] = std::move(between);
    Emit(path, "changes", std::move(view), a.short_name + ": " + (latest ? std::string("what changed") : c.until->title + ", " + c.until->date.Long()),
         latest ? "What changed in " + a.name + "'s figures, measures and documents since the last meeting or snapshot."
                : "What changed in " + a.name + "'s figures, measures and documents before the " + c.until->title + ".");
  }

  // One figure and its table as a small page of its own, for a council's
  // CMS to embed in an iframe.
  void RenderEmbed(const Authority& a, const AuthorityAssessment& aa, const Kpi& k) {
    const std::string path = a.slug + "/embed/" + k.id + ".html";
    View view = {{"authority", AuthorityView(a)}, {"data_links", DataLinks(a, path)},
                 {"kpi", {{"label", k.label}, {"href", Href(path, Paths::Kpi(a, k.id))}}},
                 {"trend", TrendText(aa, k)}};
    const ValuesTableHtml& table = ValuesTable(a, k, path);
    view["values_table"] = View::Ref(table.html);
    view["has_values"] = table.has_values;
    if (table.has_values) {
      const DrawnChart& own = OwnChart(a, k);
      view["chart"] = ChartView(own);
      view["chart"]["svg"] = chart::WithId(own.svg, "chart-" + k.id, "embed-" + k.id);
    }
    Emit(path, "embed", std::move(view), k.label + ", " + a.short_name, k.description.empty() ? k.label : k.description, "embed_layout");
  }

  void RenderKpis(const Authority& a, const AuthorityAssessment& aa) {
    const std::string path = Paths::Kpis(a);
    View view = Base(a, path, path, {{a.short_name, Paths::Dashboard(a)}});
    View figures = LatestFigures(a, aa, path);
    view["has_figures"] = !figures.empty();
    view["figures"] = std::move(figures);
    Emit(path, "kpis", std::move(view), a.short_name + ": figures", "The latest performance figures reported for " + a.name + ".");
  }

  void RenderKpi(const Authority& a, const AuthorityAssessment& aa, const Kpi& k) {
    const std::string path = Paths::Kpi(a, k.id);
    View view = Base(a, path, Paths::Kpis(a), {{a.short_name, Paths::Dashboard(a)}, {"Figures", Paths::Kpis(a)}});
    view["kpi"] = {{"label", k.label}, {"description", k.description}, {"unit", UnitPhrase(k.unit)},
                   {"direction", k.direction == Direction::kHigherIsBetter ? "Higher is better"
                                 : k.direction == Direction::kLowerIsBetter ? "Lower is better" : "Neither higher nor lower is better in itself"},
                   {"breakdown", k.breakdown}};
    const ValuesTableHtml& table = ValuesTable(a, k, path);
    view["values_table"] = View::Ref(table.html);
    view["has_values"] = table.has_values;
    view["comparisons"] = Comparisons(a, k);
    view["trend"] = TrendText(aa, k);
    if (table.has_values) view["chart"] = ChartView(OwnChart(a, k));
    View measures = View::EmptyList();
    for (size_t i = 0; i < a.measures.size(); ++i)
      if (a.measures[i].kpi == k.id) measures.push_back(MeasureRow(a, a.measures[i], aa.measures[i], path));
    view["has_measures"] = !measures.empty();
    view["measures"] = std::move(measures);
    Emit(path, "kpi", std::move(view), k.label + ", " + a.short_name, k.description.empty() ? k.label : k.description);
  }

  // ------------------------------------------------------------ site pages
  static std::string Size(size_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " bytes";
    return FormatNumber(bytes / 1024.0, bytes < 10 * 1024 ? 1 : 0) + " KB";
  }

  void RenderDataPage() {
    const std::string path = "data.html";
    View files = View::EmptyList();
    nlohmann::json ld_dist = nlohmann::json::array();
    for (const auto& d : downloads_) {
      std::string who = "All authorities";
      for (const auto& a : *summaries_)
        if (a.slug == d.authority) who = a.name;
      files.push_back({{"title", d.title}, {"href", Href(path, d.path)}, {"format", d.format}, {"size", Size(d.bytes)},
                       {"rows", FormatNumber(static_cast<double>(d.rows), 0)}, {"authority", who},
                       {"file", d.path.substr(d.path.rfind('/') + 1)}});
      if (d.format != "CSV metadata")
        ld_dist.push_back({{"@type", "DataDownload"}, {"encodingFormat", d.format == "CSV" ? "text/csv" : "application/json"},
                           {"contentUrl", site_.config.base_url.empty() ? d.path : site_.config.base_url + d.path},
                           {"name", d.title}});
    }
    nlohmann::json dataset = {{"@context", "https://schema.org"}, {"@type", "Dataset"},
                    {"name", site_.config.title + ": performance figures"},
                    {"description", "Every performance figure reported by the councils in this tracker, by date, "
                                    "indicator and breakdown, with targets and the status of the measures that use them."},
                    {"license", site_.config.licence_url.empty() ? site_.config.licence_name : site_.config.licence_url},
                    {"creator", {{"@type", "Organization"}, {"name", site_.config.organisation.empty() ? site_.config.title : site_.config.organisation}}},
                    {"dateModified", assessment_.as_at.Iso()}, {"distribution", ld_dist}};
    if (!site_.config.base_url.empty()) dataset["url"] = site_.config.base_url + path;
    // JSON-LD sits inside <script>: markup characters are written as JSON
    // escapes so content can never close the element.
    std::string ld;
    for (char ch : dataset.dump(1)) {
      if (ch == '<') ld += "\\u003c";
      else if (ch == '>') ld += "\\u003e";
      else if (ch == '&') ld += "\\u0026";
      else ld += ch;
    }
    View view = {{"breadcrumbs", Breadcrumbs(path, {{"Home", "index.html"}})}, {"files", files},
                 {"columns", OpenDataColumns()}, {"json_ld", ld}};
    Emit(path, "data", std::move(view), "Download the data", "Every figure in this tracker as open data: CSV and JSON.");
  }

  void RenderAccessibility() {
    const std::string path = "accessibility.html";
    const SiteConfig& c = site_.config;
    bool default_theme = true;
    for (const auto& [name, origin] : theme_.template_paths)
      default_theme = default_theme && origin.rfind("(built-in)", 0) == 0;
    View view = {{"breadcrumbs", Breadcrumbs(path, {{"Home", "index.html"}})},
                 {"address", c.base_url.empty() ? c.title : c.base_url},
                 {"compliance", c.compliance},
                 {"fully", c.compliance == "fully"}, {"partially", c.compliance == "partially"}, {"not_compliant", c.compliance == "not"},
                 {"known_issues", c.known_issues}, {"has_known_issues", !c.known_issues.empty()},
                 {"phone", c.contact_phone},
                 {"prepared", c.statement_prepared ? DateView(*c.statement_prepared) : View()},
                 {"reviewed", c.statement_reviewed ? DateView(*c.statement_reviewed) : View()},
                 {"tested", c.last_tested ? DateView(*c.last_tested) : View()},
                 {"default_theme", default_theme}, {"version", TRACKER_VERSION},
                 {"organisation", c.organisation.empty() ? c.title : c.organisation}};
    Emit(path, "accessibility", std::move(view), "Accessibility statement", "How accessible this website is, and how to report a problem.");
  }

  // "How progress is judged": the rules in plain words, with the thresholds
  // this site's build uses, from site.yml.
  void RenderMethod() {
    const std::string path = kMethodPage;
    const ProgressMethod& pm = site_.config.progress;
    auto ratio = [](double r) { std::string s; AppendPlainNumber(&s, r, 4); return s; };
    auto pct = [](double r) { std::string s; AppendPlainNumber(&s, r * 100, 2); return s + "%"; };
    View statuses = View::EmptyList();
    for (size_t k : kStatusOrder) statuses.push_back({{"status", StatusView(static_cast<Status>(k))}});
    View view = {{"breadcrumbs", Breadcrumbs(path, {{"Home", "index.html"}})},
                 {"on_track", ratio(pm.on_track)}, {"on_track_pct", pct(pm.on_track)},
                 {"at_risk", ratio(pm.at_risk)}, {"at_risk_pct", pct(pm.at_risk)},
                 {"window", std::to_string(site_.config.trend_window)},
                 {"confidence", std::to_string(pm.confidence)},
                 {"assessment_months", Plural(static_cast<size_t>(pm.assessment_months), "month", "months")},
                 {"figure_periods", std::to_string(pm.figure_periods)},
                 {"figure_months", Plural(static_cast<size_t>(pm.figure_periods), "month", "months")},
                 {"figure_quarters", Plural(static_cast<size_t>(pm.figure_periods), "quarter", "quarters")},
                 {"figure_years", Plural(static_cast<size_t>(pm.figure_periods), "year", "years")},
                 {"statuses", std::move(statuses)}};
    Emit(path, "method", std::move(view), "How progress is judged",
         "How each measure's status is decided from its figures, its deadline and the documents, with the thresholds this site uses.");
  }

  void RenderNotFound() {
    // Served for any missing address, so its links cannot be relative: they
    // use the site's address, or the site root when there is none.
    std::string base = site_.config.base_url;
    absolute_root_ = base.empty() ? "/" : base.substr(base.find('/', base.find("//") + 2));
    View view = {{"breadcrumbs", View::EmptyList()}, {"home_href", Href("404.html", "index.html")}};
    Emit("404.html", "not_found", std::move(view), "Page not found", "The page you asked for is not here.");
    absolute_root_.clear();
  }

  std::vector<Download> downloads_;
  const std::vector<AuthoritySummary>* summaries_ = nullptr;  // while rendering the site-wide files
  std::map<std::string, ValuesTableHtml> values_tables_;
  std::map<std::string, DrawnChart> kpi_charts_;
  mutable std::map<std::string, KpiColumn> columns_;
  std::map<std::string, std::vector<SnapshotRowParts>> snapshot_parts_;
  std::map<std::string, std::vector<SnapshotCellsHtml>> snapshot_cells_;
  mutable std::map<Date, View> date_views_;  // a cache: see SharedDateView
  // Rendered ahead by RenderMarkdownOf, keyed by the source's address: only
  // looked up, never walked, so their order cannot reach the output.
  mutable std::unordered_map<const std::string*, RenderedMarkdown> markdown_;
  std::string absolute_root_;  // set while rendering a page served from any address
  const Site& site_;
  const SiteAssessment& assessment_;
  const Theme& theme_;
  const FileSink& sink_;
  std::vector<std::string> errors_;
};

}  // namespace

void RenderAuthority(const Site& site, const SiteAssessment& assessment, size_t i, const Theme& theme, bool pages,
                     const FileSink& sink, const std::function<void(AuthoritySummary)>& summary_ready,
                     std::vector<std::string>* errors) {
  const Authority& a = site.authorities[i];
  // The open data first: the summary lists its files and counts its rows.
  AuthorityData data = RenderAuthorityData(site, a, assessment.authorities[i], assessment.as_at);
  for (const auto& f : data.files) sink(f);
  SiteRenderer r(site, assessment, theme, sink);
  AuthoritySummary summary = r.Summary(i);
  summary.downloads = std::move(data.downloads);
  summary.rows = data.rows;
  summary_ready(std::move(summary));
  if (pages) r.RenderAuthorityPages(i);
  const auto e = r.errors();
  errors->insert(errors->end(), e.begin(), e.end());
}

SiteWideFiles::SiteWideFiles(const Site& site, const SiteAssessment& assessment, const Theme& theme,
                             const std::vector<AuthoritySummary>& summaries)
    : site_(site), assessment_(assessment), theme_(theme), summaries_(summaries) {
  // The all-authorities files are joined from each authority's, the JSON
  // first as the largest.
  std::vector<std::vector<Download>> each;
  for (const auto& sum : summaries) each.push_back(sum.downloads);
  RenderAllData(each, &joined_, &downloads_);
  std::sort(joined_.begin(), joined_.end(), [](const OutputFile& x, const OutputFile& y) {
    return x.path.compare(x.path.size() - 5, 5, ".json") == 0 && y.path.compare(y.path.size() - 5, 5, ".json") != 0;
  });
}

void SiteWideFiles::Render(size_t task, const FileSink& sink) {
  // The largest joined file first, then the pages, then the other joined
  // files: taken in this order, the pages are made while the large copy
  // runs, not after it.
  const size_t pages = joined_.empty() ? 0 : 1;
  if (task != pages) {
    sink(joined_[task < pages ? task : task - 1]);
    return;
  }
  SiteRenderer r(site_, assessment_, theme_, sink);
  r.RenderSiteWide(summaries_, downloads_);
  errors_ = r.errors();
}

void SiteWideFiles::RenderAll(int jobs, const FileSink& sink) {
  ParallelFor(tasks(), std::max(1, jobs), [&](size_t i) { Render(i, sink); });
}

std::vector<std::string> RenderSiteWide(const Site& site, const SiteAssessment& assessment, const Theme& theme,
                                        const std::vector<AuthoritySummary>& summaries, int jobs,
                                        const FileSink& sink) {
  SiteWideFiles files(site, assessment, theme, summaries);
  files.RenderAll(jobs, sink);
  return files.errors();
}

RenderOutcome RenderSite(const Site& site, const SiteAssessment& assessment, const Theme& theme,
                         const RenderOptions& options, const FileSink& sink) {
  // Authorities are independent: workers take them one at a time, and each
  // hands files to the sink as they are made, so memory holds one
  // authority's pages per worker, not the site.
  const size_t n = site.authorities.size();
  std::vector<AuthoritySummary> summaries(n);
  std::vector<std::vector<std::string>> errors(n + 1);
  ParallelFor(n, std::max(1, options.jobs), [&](size_t i) {
    RenderAuthority(site, assessment, i, theme, !options.reuse.count(site.authorities[i].slug), sink,
                    [&](AuthoritySummary s) { summaries[i] = std::move(s); }, &errors[i]);
  });
  // The authorities not loaded this time come from their summaries.
  summaries.insert(summaries.end(), options.others.begin(), options.others.end());
  std::sort(summaries.begin(), summaries.end(),
            [](const AuthoritySummary& x, const AuthoritySummary& y) { return x.slug < y.slug; });
  errors[n] = RenderSiteWide(site, assessment, theme, summaries, options.jobs, sink);
  // Errors in authority order, whatever order the work was done in.
  RenderOutcome out;
  for (const auto& e : errors) out.errors.insert(out.errors.end(), e.begin(), e.end());
  out.summaries = std::move(summaries);
  return out;
}

RenderResult RenderSite(const Site& site, const SiteAssessment& assessment, const Theme& theme) {
  RenderResult result;
  std::mutex mu;
  std::map<std::string, std::string> made;
  FileSink sink = [&](const OutputFile& f) {
    std::lock_guard<std::mutex> lock(mu);
    std::string& bytes = made[f.path];
    bytes = f.bytes;
    for (const Piece& p : f.pieces) bytes += p.from.empty() ? p.bytes : made.at(p.from).substr(p.offset, p.length);
  };
  result.errors = RenderSite(site, assessment, theme, RenderOptions{}, sink).errors;
  for (auto& [path, bytes] : made) result.files.push_back({path, std::move(bytes)});
  return result;
}

}  // namespace tracker
