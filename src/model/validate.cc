#include "model/validate.h"

#include <cstdio>
#include <map>

namespace tracker {

namespace {

std::string PosText(const SourcePos& p) {
  return p.path + (p.line ? ":" + std::to_string(p.line) + ":" + std::to_string(p.col) : "");
}

// A number as written: 90, 12.5.
std::string FormatPlain(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// A target as its measure writes it: "<= 25", "<= england".
std::string TargetText(const Target& t) {
  return t.op + " " + (t.Relative() ? t.relative_to : FormatPlain(t.value));
}

int ImprovementSignOf(Direction d) {
  return d == Direction::kHigherIsBetter ? 1 : d == Direction::kLowerIsBetter ? -1 : 0;
}

std::vector<std::string> DocumentSlugs(const Authority& a) {
  std::vector<std::string> v;
  for (const auto& d : a.documents) v.push_back(d.slug);
  return v;
}

void CheckDocumentRef(const Authority& a, const std::string& slug, const SourcePos& pos,
                      const char* field, Diagnostics& diag) {
  if (slug.empty() || a.FindDocument(slug)) return;
  diag.Error(pos, std::string("unknown document '") + slug + "' in '" + field + "'" +
             DidYouMean(slug, DocumentSlugs(a)) + "; use the file name of a document in content/" +
             a.slug + "/documents/ without .md");
}

// ASCII letters lowered, never by the locale.
std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool SameMonth(const Date& x, const Date& y) {
  return x.year == y.year && (!x.month || !y.month || x.month == y.month);
}

// What the timeline adds by itself that `e` repeats, if anything: an
// Ofsted judgement (the event names Ofsted and the judgement, in its
// month), a measure's deadline (the event says "deadline", in its month),
// a document or a meeting (the event has its title, in its month).
std::string RepeatsAutomatic(const Authority& a, const Event& e) {
  const std::string title = Lower(e.title);
  for (const auto& j : a.ofsted)
    if (SameMonth(e.date, j.date) && title.find("ofsted") != std::string::npos &&
        title.find(Lower(j.judgement)) != std::string::npos)
      return "the Ofsted judgement of " + j.date.Long() + " (" + j.judgement + "), which it adds from _authority.md's ofsted";
  for (const auto& m : a.measures)
    if (m.deadline && SameMonth(e.date, *m.deadline) && title.find("deadline") != std::string::npos)
      return "the deadline of measure '" + m.id + "' (" + m.deadline->Long() + "), which it adds from the measure";
  for (const auto& d : a.documents)
    if (SameMonth(e.date, d.date) && title == Lower(d.title))
      return "the document '" + d.slug + "', which it lists by itself";
  for (const auto& m : a.meetings)
    if (SameMonth(e.date, m.date) && title == Lower(m.title))
      return "the " + m.title + " of " + m.date.Long() + ", which it adds from _authority.md's meetings";
  return "";
}

// Each event: its source exists, a season label names its date's year, and
// it does not repeat what the timeline adds by itself.
void CheckEvents(const Authority& a, const std::vector<Event>& events, Diagnostics& diag) {
  for (const auto& e : events) {
    CheckDocumentRef(a, e.source, e.source_pos, "source", diag);
    if (auto season = SeasonStart(e.label); season && season->year != e.date.year)
      diag.Error(e.pos, "the label '" + e.label + "' is in " + std::to_string(season->year) + " but the date is " +
                            e.date.Iso() + "; make them agree");
    if (std::string what = RepeatsAutomatic(a, e); !what.empty())
      diag.Error(e.pos, "this event repeats " + what + "; the timeline would show it twice, so remove the event "
                        "(docs/content-model.md, \"Events\")");
  }
}

}  // namespace

void ValidateAuthority(const std::vector<Kpi>& kpis, const Authority& a, Diagnostics& diag) {
  std::vector<std::string> kpi_ids;
  for (const auto& k : kpis) kpi_ids.push_back(k.id);
  auto find_kpi = [&](const std::string& id) -> const Kpi* {
    for (const auto& k : kpis)
      if (k.id == id) return &k;
    return nullptr;
  };
  {
    CheckEvents(a, a.events, diag);
    for (const auto& j : a.ofsted) CheckDocumentRef(a, j.source, j.source_pos, "source", diag);
    for (const auto& d : a.documents) CheckEvents(a, d.events, diag);

    for (const auto& m : a.measures) {
      CheckDocumentRef(a, m.set_by, m.set_by_pos, "set_by", diag);
      for (const auto& as : m.assessments) CheckDocumentRef(a, as.source, as.source_pos, "source", diag);
      const Kpi* kpi = nullptr;
      if (!m.kpi.empty()) {
        kpi = find_kpi(m.kpi);
        if (!kpi && !kpis.empty())
          diag.Error(m.kpi_pos, "unknown KPI '" + m.kpi + "'" + DidYouMean(m.kpi, kpi_ids) +
                     "; KPIs are defined in data/kpis.json");
      }
      if (m.target) {
        if (m.kpi.empty())
          diag.Error(m.target->pos, "a target needs a KPI to measure it: add 'kpi:' to the measure");
        if (m.target->Relative()) {
          // The comparator's figure comes from the KPI's official series.
          if (kpi && !kpi->official)
            diag.Error(m.target->pos, std::string("the target is relative to ") + RelativeName(m.target->relative_to) +
                       ", but KPI '" + kpi->id + "' (" + PosText(kpi->pos) + ") names no official series to take it from; " +
                       "add an \"official\" block to the KPI in data/kpis.json (docs/official-statistics.md), or give the target a value");
          if (kpi && !kpi->breakdown.empty())
            diag.Error(m.target->pos, "a relative target needs a KPI without a breakdown; '" + kpi->id + "' has one");
        } else if (kpi && kpi->unit == Unit::kPercent && (m.target->value < 0 || m.target->value > 100))
          diag.Error(m.target->pos, "target is a percent outside 0 to 100");
        else if (kpi && NegativeNotAllowed(*kpi, m.target->value))
          diag.Error(m.target->pos, "target is below zero, which a " + std::string(UnitId(kpi->unit)) + " cannot be");
        else if (kpi && ((kpi->unit == Unit::kPercent && m.target->op == ">" && m.target->value >= 100) ||
                         (m.target->op == "<" && m.target->value <= 0 && kpi->unit != Unit::kNumber)))
          diag.Error(m.target->pos, "no " + std::string(UnitId(kpi->unit)) + " can meet the target '" + m.target->op +
                     " " + FormatPlain(m.target->value) + "'; use " + (m.target->op == ">" ? "'>='" : "'<='"));
        if (kpi) {
          const int want = ImprovementSignOf(kpi->direction);
          const int says = m.target->op[0] == '>' ? 1 : -1;
          if (want != 0 && want != says)
            diag.Error(m.target->pos, "target '" + TargetText(*m.target) + "' asks for " +
                       (says > 0 ? "a higher" : "a lower") + " value, but KPI '" + kpi->id + "' is " +
                       DirectionId(kpi->direction) + " (" + PosText(kpi->pos) + "); change the target's op or the KPI's direction");
        }
        if (kpi && kpi->breakdown.empty() && m.target->scope != "all")
          diag.Error(m.target->pos, "scope '" + m.target->scope + "' needs a KPI with a breakdown; '" +
                     kpi->id + "' has none, so leave scope out");
      }
    }

    // One target per KPI: measures that share a KPI share its target, and a
    // snapshot's `targets` may only repeat it.
    std::map<std::string, const Measure*> target_of;
    for (const auto& m : a.measures) {
      if (!m.target || m.kpi.empty()) continue;
      auto [it, fresh] = target_of.emplace(m.kpi, &m);
      const Target& t = *it->second->target;
      if (!fresh && TargetText(t) != TargetText(*m.target))
        diag.Error(m.target->pos, "two targets for KPI '" + m.kpi + "': '" + TargetText(*m.target) +
                   "' here and '" + TargetText(t) + "' at " + PosText(t.pos) +
                   "; measures that share a KPI must share its target");
    }
    for (const auto& s : a.snapshots) {
      for (const auto& [id, value] : s.targets) {
        auto pos = s.target_pos.count(id) ? s.target_pos.at(id) : s.pos;
        auto it = target_of.find(id);
        if (it == target_of.end()) {
          diag.Error(pos, "a target for '" + id + "', but no measure of " + a.slug + " sets one; a target belongs to " +
                     "its measure: add 'target:' to the measure with 'kpi: " + id + "', and remove it here");
        } else if (it->second->target->Relative()) {
          const Target& t = *it->second->target;
          diag.Error(pos, "a target of " + FormatPlain(value) + " for '" + id + "', but the measure's target '" + TargetText(t) +
                     "' at " + PosText(t.pos) + " follows the DfE's figure, which changes each year: remove it here");
        } else if (it->second->target->value != value) {
          const Target& t = *it->second->target;
          diag.Error(pos, "target " + FormatPlain(value) + " for '" + id + "' disagrees with the measure's target '" +
                     TargetText(t) + "' at " + PosText(t.pos) + "; a measure has one target: correct this one or remove it");
        }
      }
    }

    // The as_at date identifies a snapshot: two files may not claim the same one.
    std::map<Date, const Snapshot*> by_date;
    for (const auto& s : a.snapshots) {
      CheckDocumentRef(a, s.source, s.source_pos, "source", diag);
      auto [it, fresh] = by_date.emplace(s.as_at, &s);
      if (!fresh)
        diag.Error(s.pos, "two snapshots with the same date " + s.as_at.Iso() + ": this one and " +
                   it->second->pos.path + "; keep one, or correct as_at");
    }
  }
}

void ValidateSite(const Site& site, Diagnostics& diag) {
  for (const auto& a : site.authorities) ValidateAuthority(site.kpis, a, diag);
}

}  // namespace tracker
