#include "assess/status.h"

namespace tracker {

std::optional<Observation> LatestObservation(const std::string& kpi_id,
                                             const std::vector<Snapshot>& snapshots,
                                             const Date& as_at) {
  for (auto it = snapshots.rbegin(); it != snapshots.rend(); ++it) {
    if (it->as_at > as_at) continue;
    auto v = it->values.find(kpi_id);
    if (v == it->values.end()) continue;
    Observation o;
    o.date = it->as_at;
    o.snapshot = &*it;
    if (const auto* s = std::get_if<Scalar>(&v->second)) {
      if (const double* d = std::get_if<double>(s)) {
        o.value = *d;
        return o;
      }
    } else {
      for (const auto& [item, sc] : std::get<Breakdown>(v->second))
        if (const double* d = std::get_if<double>(&sc)) o.items.emplace_back(item, *d);
      if (!o.items.empty()) return o;
    }
  }
  return std::nullopt;
}

bool MeetsTarget(double v, const Target& t) {
  if (t.op == "<=") return v <= t.value;
  if (t.op == "<") return v < t.value;
  if (t.op == ">=") return v >= t.value;
  if (t.op == ">") return v > t.value;
  return false;
}

MeasureStatus AssessMeasure(const Measure& m, const Kpi* kpi,
                            const std::vector<Snapshot>& snapshots, const Date& as_at) {
  MeasureStatus r;
  if (kpi && m.target) {
    if (auto obs = LatestObservation(kpi->id, snapshots, as_at)) {
      r.decided_by = Decider::kFigures;
      if (obs->value) {
        r.deciding_value = *obs->value;
        r.status = MeetsTarget(*obs->value, *m.target) ? Status::kMet : Status::kOffTrack;
        r.latest = obs;
        return r;
      }
      const std::string& scope = m.target->scope;
      bool found = false;
      for (const auto& [item, v] : obs->items) {
        bool meets = MeetsTarget(v, *m.target);
        if (scope == "all" || scope == "any") {
          // "all": the first item that fails decides; "any": the first that meets.
          bool decisive = scope == "all" ? !meets : meets;
          if (!found || decisive) {
            r.deciding_item = item;
            r.deciding_value = v;
            r.status = meets ? Status::kMet : Status::kOffTrack;
            found = true;
            if (decisive) break;
          }
        } else if (item == scope) {
          r.deciding_item = item;
          r.deciding_value = v;
          r.status = meets ? Status::kMet : Status::kOffTrack;
          found = true;
        }
      }
      if (found) {
        r.latest = obs;
        return r;
      }
      r.decided_by = Decider::kNothing;
    }
  }
  for (auto it = m.assessments.rbegin(); it != m.assessments.rend(); ++it) {
    if (it->date.FirstDay() > as_at.FirstDay()) continue;
    r.status = it->status;
    r.decided_by = Decider::kAssessment;
    r.assessment = &*it;
    return r;
  }
  return r;
}

}  // namespace tracker
