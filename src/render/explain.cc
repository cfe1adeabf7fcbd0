#include "render/explain.h"

#include <cmath>

#include "render/format.h"

namespace tracker {

std::string InSentence(const std::string& label) {
  if (label.size() >= 2 && label[0] >= 'A' && label[0] <= 'Z' && label[1] >= 'a' && label[1] <= 'z')
    return static_cast<char>(label[0] - 'A' + 'a') + label.substr(1);
  return label;
}

std::string FormatRate(const Kpi& kpi, double per_month) {
  std::string n = FormatNumber(std::fabs(per_month), kpi.decimals + 1);
  switch (kpi.unit) {
    case Unit::kPercent: return n + " percentage points a month";
    case Unit::kRatePer10k: return n + " per 10,000 a month";
    case Unit::kDays: return n + " days a month";
    case Unit::kCount:
    case Unit::kNumber: return n + " a month";
  }
  return n + " a month";
}

std::string ExplainStatus(const Authority& a, const Measure& m, const Kpi* kpi, const MeasureStatus& s,
                          const Date& as_at, bool with_note) {
  std::string head = std::string(StatusLabel(s.status)) + ": ";
  if (s.decided_by == Decider::kAssessment) {
    const Assessment& as = *s.assessment;
    std::string from;
    if (const Document* d = a.FindDocument(as.source)) from = " in \u201c" + d->title + "\u201d";
    return head + "assessed" + from + " (" + as.date.Long() + ")" + (as.note.empty() || !with_note ? "." : ": " + as.note);
  }
  if (s.decided_by == Decider::kFigures) {
    const FigureJudgement& f = *s.figures;
    std::string what = InSentence(kpi->label);
    if (!s.item.empty()) what += " for " + InSentence(kpi->breakdown) + " " + s.item;
    std::string stood = what + " stood at " + FormatValue(*kpi, f.latest.value) + " on " + f.latest.date.Long();
    std::string target = FormatTarget(*kpi, *m.target);
    std::string by = f.has_deadline ? " by " + f.horizon.Long() : " within 12 months (no deadline is set)";
    switch (f.reason) {
      case Reason::kTargetMet:
        return head + stood + ", meeting the target of " + target + ".";
      case Reason::kDeadlinePassed:
        return head + stood + " against a target of " + target + "; the deadline of " + f.horizon.Long() +
               " has passed.";
      case Reason::kTooFewValues:
        return head + stood + " against a target of " + target + "; there are too few figures to judge the trend.";
      case Reason::kProgress: {
        std::string base = head + stood + " against a target of " + target + by + "; ";
        if (f.months_left <= 0) return base + "the deadline is today.";
        std::string needed = FormatRate(*kpi, f.required_rate) + " is needed";
        if (f.observed_rate < 0)
          return base + "it has been getting worse, by " + FormatRate(*kpi, f.observed_rate) + ", while " + needed + ".";
        if (f.observed_rate == 0) return base + "it has not moved, while " + needed + ".";
        std::string seen = "the recent improvement of " + FormatRate(*kpi, f.observed_rate);
        if (s.status == Status::kOnTrack) return base + seen + " would reach it in time (" + needed + ").";
        return base + seen + " is " + FormatNumber(f.ratio * 100, 0) + "% of the rate needed (" + needed + ").";
      }
      default:
        break;
    }
  }
  if (kpi && m.target)
    return head + "there are no figures for " + InSentence(kpi->label) + " at or before " + as_at.Long() + ".";
  if (kpi) return head + "this measure has no target to judge its figures against, and no assessment yet.";
  return head + "no document has assessed this measure yet.";
}

}  // namespace tracker
