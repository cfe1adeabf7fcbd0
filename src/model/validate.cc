#include "model/validate.h"

#include <map>

namespace tracker {

namespace {

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

void CheckEvents(const Authority& a, const std::vector<Event>& events, Diagnostics& diag) {
  for (const auto& e : events) CheckDocumentRef(a, e.source, e.source_pos, "source", diag);
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
        if (kpi && kpi->unit == Unit::kPercent && (m.target->value < 0 || m.target->value > 100))
          diag.Error(m.target->pos, "target is a percent outside 0 to 100");
        if (kpi && kpi->breakdown.empty() && m.target->scope != "all")
          diag.Error(m.target->pos, "scope '" + m.target->scope + "' needs a KPI with a breakdown; '" +
                     kpi->id + "' has none, so leave scope out");
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
