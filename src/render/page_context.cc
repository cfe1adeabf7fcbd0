#include "render/page_context.h"

#include <algorithm>
#include <array>

#include "render/explain.h"
#include "render/format.h"

namespace tracker {

namespace {

// Ids the layout itself uses; Markdown headings never take them.
const std::set<std::string> kReservedIds = {"main-content", "content", "header", "footer", "navigation"};

}  // namespace

// ------------------------------------------------------------ small views
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

const View& SharedStatusView(Status s) {
  static const std::array<View, kStatusCount> views = {
      StatusView(Status::kMet),    StatusView(Status::kOnTrack),     StatusView(Status::kAtRisk),
      StatusView(Status::kOffTrack), StatusView(Status::kNoData), StatusView(Status::kNotShownMet),
      StatusView(Status::kOutOfDate)};
  return views[static_cast<size_t>(s)];
}

View DateView(const Date& d) { return {{"iso", d.Iso()}, {"long", d.Long()}}; }

void AppendTimeHtml(std::string* out, const Date& d) {
  *out += "<time datetime=\"";
  AppendEscaped(out, d.Iso());
  *out += "\">";
  AppendEscaped(out, d.Long());
  *out += "</time>";
}

const char* DecidedByWord(const StatusAt& h) {
  if (h.why == StatusAt::Why::kDeadline) return "deadline passing";
  if (h.why == StatusAt::Why::kAge) return "evidence going out of date";
  const Decider d = h.status.decided_by;
  return d == Decider::kFigures ? "figures" : d == Decider::kAssessment ? "assessment" : "nothing";
}

std::string RootFor(const std::string& path) {
  const auto depth = std::count(path.begin(), path.end(), '/');
  std::string r;
  r.reserve(3 * depth);
  for (int i = 0; i < depth; ++i) r.append("../", 3);
  return r;
}

std::string ComparatorLabel(const std::string& name) {
  if (name == "statistical_neighbours") return "Statistical neighbours";
  if (name == "england") return "England";
  std::string s = name;
  std::replace(s.begin(), s.end(), '_', ' ');
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string ComparatorInSentence(const std::string& name) {
  if (name == "england") return "England";
  return InSentence(ComparatorLabel(name));
}

std::string ComparatorDetail(const Snapshot& s, const std::string& name, const std::string& kpi) {
  auto by_name = s.comparator_periods.find(name);
  if (by_name == s.comparator_periods.end()) return "";
  auto p = by_name->second.find(kpi);
  if (p == by_name->second.end()) return "";
  std::string out = p->second.period;
  if (out.empty() && p->second.as_at) out = p->second.as_at->Long();
  if (!p->second.source.empty()) out += (out.empty() ? "" : ", ") + p->second.source;
  return out;
}

View SymbolKey(const std::set<std::string>& codes) {
  View key = View::EmptyList();
  for (const auto& code : codes)
    key.push_back({{"symbol", code}, {"meaning", SymbolMeaning(code)}, {"explanation", SymbolExplanation(code)}});
  return key;
}

// ------------------------------------------------------------ every page
View PageContext::Breadcrumbs(const std::string& from,
                              const std::vector<std::pair<std::string, std::string>>& trail) const {
  View list = View::EmptyList();
  for (const auto& [title, path] : trail) list.push_back({{"title", title}, {"href", Href(from, path)}});
  return list;
}

void PageContext::Emit(const std::string& path, const std::string& tmpl, View view, const std::string& title,
                       const std::string& description, const std::string& wrapper) {
  view["root"] = absolute_root.empty() ? RootFor(path) : absolute_root;
  const SiteConfig& cfg = site.config;
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
  view["lang"] = cfg.language;
  view["site"] = {{"title", cfg.title}, {"organisation", cfg.organisation}, {"home", Href(path, "index.html")}};
  view["page"] = {{"title", title}, {"description", description}, {"path", path},
                  {"canonical", cfg.base_url.empty() ? View() : View(cfg.base_url + path)}};
  view["as_at"] = DateView(assessment.as_at);
  // What every printed page says at its foot (the layout's print style).
  // The page's own address at the head of every printed page, so a paper
  // copy leads back to it and to the pages its links name.
  if (!cfg.base_url.empty()) view["print_address"] = EscapeCssString(cfg.base_url + path);
  if (!view.Find("print_running"))
    view["print_running"] = EscapeCssString(cfg.title + " \u00b7 as at " + assessment.as_at.Long());
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
  if (!RenderPage(theme, wrapper, tmpl, view, &page, &error)) {
    errors.push_back(error);
    return;
  }
  size = std::max(size, page.size());
  sink_({path, std::move(page)});
}

void PageContext::Partial(const std::string& name, const View& view, std::string* out) {
  std::string error;
  if (!RenderTemplate(theme, name, view, out, &error)) errors.push_back(error);
}

// ------------------------------------------------------------ an authority's
View AuthorityContext::Base(const std::string& path, const std::string& current,
                            std::vector<std::pair<std::string, std::string>> trail) const {
  trail.insert(trail.begin(), {"Home", "index.html"});
  View nav = View::EmptyList();
  const std::pair<const char*, std::string> items[] = {
      {"Dashboard", Paths::Dashboard(a)}, {"Timeline", Paths::Timeline(a)},
      {"Documents", Paths::Documents(a)}, {"Measures", Paths::Measures(a)},
      {"Figures", Paths::Kpis(a)}, {"How it compares", HasOfficial() ? Paths::Compares(a) : ""},
      {"What changed", Paths::Changes(a)}};
  for (const auto& [title, to] : items)
    if (!to.empty()) nav.push_back({{"title", title}, {"href", Href(path, to)}, {"current", to == current}});
  return {{"authority", AuthorityView(a)}, {"nav", std::move(nav)},
          // Where the DfE's figures for the authority are, when it has any:
          // a page without figures of its own says so rather than "none".
          {"compares", HasOfficial() ? View(Href(path, Paths::Compares(a))) : View()},
          {"breadcrumbs", Breadcrumbs(path, trail)}, {"data_links", DataLinks(path)},
          {"authority_feed", Href(path, a.slug + "/feed.xml")}};
}

void AuthorityContext::RenderMarkdownAhead() {
  std::vector<const std::string*> all;
  all.reserve(1 + a.documents.size() + a.measures.size());
  all.push_back(&a.intro);
  for (const auto& d : a.documents) all.push_back(&d.body);
  for (const auto& m : a.measures) all.push_back(&m.body);
  std::vector<RenderedMarkdown> done = RenderMarkdownAll(all, site.config.unsafe_html, kReservedIds);
  for (size_t i = 0; i < all.size(); ++i) markdown_.emplace(all[i], std::move(done[i]));
}

View AuthorityContext::Markdown(const std::string& md) const {
  RenderedMarkdown r;
  if (auto done = markdown_.find(&md); done != markdown_.end()) r = std::move(markdown_.extract(done).mapped());
  else r = RenderMarkdown(md, site.config.unsafe_html, kReservedIds);
  View headings = View::EmptyList();
  for (const auto& h : r.headings)
    if (h.level == 2) headings.push_back({{"id", h.id}, {"text", h.text}});
  const bool empty = r.html.empty();
  return {{"html", std::move(r.html)}, {"headings", std::move(headings)}, {"empty", empty}};
}

View AuthorityContext::DocumentLink(const std::string& slug, const std::string& from) const {
  const Document* d = a.FindDocument(slug);
  return d ? PageContext::DocumentLink(a, slug, d->title, d->date, d->type, from) : View();
}

AuthorityContext::DataHrefs AuthorityContext::DataLinkHrefs(const std::string& from) const {
  return {Href(from, "downloads/" + a.slug + ".csv"), Href(from, "downloads/" + a.slug + ".json"),
          Href(from, "data.html")};
}

View AuthorityContext::DataLinks(const std::string& from) const {
  DataHrefs h = DataLinkHrefs(from);
  return {{"csv", std::move(h.csv)}, {"json", std::move(h.json)}, {"page", std::move(h.page)}};
}

std::vector<const Kpi*> AuthorityContext::Kpis() const {
  std::vector<const Kpi*> out;
  for (const auto& k : site.kpis) {
    bool used = false;
    for (const auto& s : a.snapshots) used = used || s.values.count(k.id) || s.targets.count(k.id);
    for (const auto& m : a.measures) used = used || m.kpi == k.id;
    if (const OfficialComparison* c = Official(k)) used = used || !c->points.empty();
    if (used) out.push_back(&k);
  }
  return out;
}

const std::vector<TimelineEntry>& AuthorityContext::Timeline() const {
  if (!timeline_) timeline_ = BuildTimeline(a);
  return *timeline_;
}

const View& AuthorityContext::SharedDateView(const Date& d) const {
  auto it = date_views_.find(d);
  if (it == date_views_.end()) it = date_views_.emplace(d, DateView(d)).first;
  return it->second;
}

// ------------------------------------------------------------ measures
View AuthorityContext::HistoryView(std::span<const StatusAt> history) const {
  View list = View::EmptyList();
  for (const auto& h : history)
    list.push_back({{"date", View::Share(SharedDateView(h.date))},
                    {"status", View::Share(SharedStatusView(h.status.status))}, {"decided_by", DecidedByWord(h)}});
  return list;
}

View AuthorityContext::HistoryNewestFirst(std::span<const StatusAt> history) const {
  View list = HistoryView(history);
  std::reverse(list.items().begin(), list.items().end());
  return list;
}

// Never "missed" unless evidence dated at or after the deadline shows so.
View AuthorityContext::DeadlineOutcome(size_t i) const { return DeadlineOutcomeAt(i, aa.measures[i], as_at()); }

View AuthorityContext::DeadlineOutcomeAt(size_t i, const MeasureStatus& s, const Date& at) const {
  const Measure& m = a.measures[i];
  if (!m.deadline) return View();
  if (at.FirstDay() <= m.deadline->LastDay()) return View("not yet passed");
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

View AuthorityContext::MeasureRow(size_t i, const std::string& from) const {
  return MeasureRowAt(i, aa.measures[i], as_at(), from);
}

View AuthorityContext::MeasureRowAt(size_t i, const MeasureStatus& s, const Date& at, const std::string& from) const {
  const Measure& m = a.measures[i];
  const Kpi* kpi = m.kpi.empty() ? nullptr : site.FindKpi(m.kpi);
  View status = StatusView(s.status);
  if (s.evidence) status["evidence"] = DateView(*s.evidence);
  status["method_href"] = Href(from, kMethodPage);
  const ProgressMethod& pm = site.config.progress;
  View row = {{"id", m.id}, {"title", m.title}, {"summary", m.summary}, {"category", m.category},
              {"href", Href(from, Paths::Measure(a, m.id))}, {"status", std::move(status)},
              {"explanation", ExplainStatus(a, m, kpi, s, at, pm)},
              {"short_explanation", ExplainStatus(a, m, kpi, s, at, pm, false)},
              {"deadline_outcome", DeadlineOutcomeAt(i, s, at)},
              {"deadline", m.deadline ? DateView(*m.deadline) : View()},
              {"target", kpi && m.target ? View(FormatTargetLevel(*kpi, *m.target, s.figures ? s.figures->level : -1)) : View()}};
  row["latest"] = nullptr;
  if (kpi) {
    if (auto obs = LatestObservation(kpi->id, a.snapshots, at)) {
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

// ------------------------------------------------------------ figures
View AuthorityContext::ValueCell(const Kpi& kpi, const Value& v) const {
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

std::string AuthorityContext::TrendText(const Kpi& k) const {
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

View AuthorityContext::LatestFigures(const std::string& from) const {
  View rows = View::EmptyList();
  for (const Kpi* k : Kpis()) {
    const KpiColumn& col = Column(*k);
    size_t latest = a.snapshots.size();
    for (size_t i = 0; i < a.snapshots.size(); ++i)
      if (col.values[i]) latest = i;
    if (latest == a.snapshots.size()) continue;
    const Value& value = *col.values[latest];
    View row = {{"label", k->label}, {"href", Href(from, Paths::Kpi(a, k->id))},
                {"value", ValueCell(*k, value)}, {"date", DateView(a.snapshots[latest].as_at)},
                {"trend", TrendText(*k)}};
    if (k->breakdown.empty()) {
      std::optional<double> target;
      for (const double* t : col.targets)
        if (t) target = *t;
      row["sparkline"] = chart::RenderSparkline(*k, KpiSeries(*k, "").points, target);
    }
    // A breakdown KPI given as null or a symbol has no items to list: its
    // cell says so.
    if (const auto* b = std::get_if<Breakdown>(&value)) {
      View items = View::EmptyList();
      for (const auto& [item, sc] : *b) items.push_back({{"item", item}, {"value", FormatScalar(*k, sc)}});
      row["items"] = std::move(items);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// "246 per 10,000, 6 above statistical neighbours", from the newest
// snapshot that gives both the value and a comparator.
View AuthorityContext::Comparisons(const Kpi& k) const {
  View out = View::EmptyList();
  for (auto it = a.snapshots.rbegin(); it != a.snapshots.rend(); ++it) {
    if (it->as_at > as_at()) continue;
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
      const std::string detail = ComparatorDetail(*it, name, k.id);
      std::string rel = diff == 0 ? "the same as " + who + (detail.empty() ? "" : " (" + detail + ")")
                                  : gap + (diff > 0 ? " above " : " below ") + who + " (" + FormatValue(k, *other) +
                                        (detail.empty() ? "" : ", " + detail) + ")";
      out.push_back({{"text", FormatValue(k, *value) + ", " + rel}, {"date", DateView(it->as_at)}});
    }
    if (!out.empty()) break;
  }
  return out;
}

const AuthorityContext::KpiColumn& AuthorityContext::Column(const Kpi& k) const {
  auto [it, fresh] = columns_.try_emplace(k.id);
  KpiColumn& c = it->second;
  if (!fresh) return c;
  c.values.assign(a.snapshots.size(), nullptr);
  c.targets.assign(a.snapshots.size(), nullptr);
  for (size_t i = 0; i < a.snapshots.size(); ++i) {
    const Snapshot& snap = a.snapshots[i];
    if (snap.as_at > as_at()) continue;
    if (auto v = snap.values.find(k.id); v != snap.values.end()) c.values[i] = &v->second;
    // One target: the measure's, beside every figure it judges.
    if (const Target* t = TargetOf(a, k.id); t && c.values[i]) {
      // A relative target's value is the level in force at the figure's date.
      const int level = t->LevelAt(snap.as_at);
      if (!t->Relative()) c.targets[i] = &t->value;
      else if (level >= 0) c.targets[i] = &t->levels[level].value;
    }
  }
  return c;
}

// An expected event whose date has passed is flagged as not yet confirmed,
// and a deadline says what became of it.
View AuthorityContext::TimelineEntryView(const TimelineEntry& t, const std::string& from) const {
  std::string href;
  if (t.kind == TimelineEntry::Kind::kDocument) href = Href(from, Paths::Document(a, t.document));
  if (t.kind == TimelineEntry::Kind::kDeadline) href = Href(from, Paths::Measure(a, t.measure));
  // A meeting's page exists once its date has come.
  if (t.kind == TimelineEntry::Kind::kMeeting && t.date.FirstDay() <= as_at().FirstDay())
    for (const auto& m : a.meetings)
      if (m.date == t.date && m.title == t.title) href = Href(from, Paths::Meeting(a, m));
  View source;
  if (const Document* d = a.FindDocument(t.source))
    source = View{{"title", d->title}, {"href", Href(from, Paths::Document(a, d->slug))}};
  View outcome, status;
  if (t.kind == TimelineEntry::Kind::kDeadline)
    for (size_t i = 0; i < a.measures.size(); ++i)
      if (a.measures[i].id == t.measure) {
        outcome = DeadlineOutcome(i);
        status = StatusView(aa.measures[i].status);
      }
  const bool expected = t.kind == TimelineEntry::Kind::kExpected;
  const TimelineSymbol symbol = SymbolOf(t);
  return {{"date", DateView(t.date)}, {"when", t.label.empty() ? t.date.Long() : t.label}, {"title", t.title},
          {"kind", TimelineKindLabel(t)}, {"href", href.empty() ? View() : View(href)}, {"source", std::move(source)},
          {"expected", expected}, {"outcome", std::move(outcome)}, {"status", std::move(status)},
          {"symbol", {{"id", TimelineSymbolId(symbol)}, {"label", TimelineSymbolLabel(symbol)}}},
          {"unconfirmed", expected && t.date.LastDay() < as_at().FirstDay()},
          {"detail", t.detail}, {"credit", t.credit}};
}

}  // namespace tracker
