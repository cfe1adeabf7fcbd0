#include "render/explain.h"

#include <cmath>

#include "render/format.h"

namespace tracker {

std::string InSentence(const std::string& label) {
  if (label.size() >= 2 && label[0] >= 'A' && label[0] <= 'Z' && label[1] >= 'a' && label[1] <= 'z')
    return static_cast<char>(label[0] - 'A' + 'a') + label.substr(1);
  return label;
}

std::string FormatRate(const Kpi& kpi, double per_month) { return FormatAmount(kpi, per_month, 1) + " a month"; }

namespace {

std::string Months(int n) { return std::to_string(n) + (n == 1 ? " month" : " months"); }

// The sentence's body, after "Status: ", for the status the evidence gives.
std::string Because(const Authority& a, const Measure& m, const Kpi* kpi, const MeasureStatus& s, Status status,
                    const Date& as_at, bool with_note) {
  if (s.decided_by == Decider::kAssessment) {
    const Assessment& as = *s.assessment;
    std::string from;
    if (const Document* d = a.FindDocument(as.source)) from = " in \u201c" + d->title + "\u201d";
    const std::string note = as.note.empty() || !with_note ? "." : ": " + as.note;
    if (s.reason == Reason::kDeadlineNotShown)
      return "the deadline of " + m.deadline->Long() + " has passed and no document since shows it met; the newest assessment" +
             from + " (" + as.date.Long() + ") judged it " + InSentence(StatusLabel(as.status)) + note;
    if (s.reason == Reason::kDeadlineMissed)
      return "the deadline of " + m.deadline->Long() + " was missed, as assessed" + from + " (" + as.date.Long() + ")" + note;
    return "assessed" + from + " (" + as.date.Long() + ")" + note;
  }
  if (s.decided_by == Decider::kFigures) {
    const FigureJudgement& f = *s.figures;
    std::string what = InSentence(kpi->label);
    if (!s.item.empty()) what += " for " + InSentence(kpi->breakdown) + " " + s.item;
    const std::string stood = what + " stood at " + FormatValue(*kpi, f.latest.value, true) + " on " + f.latest.date.Long();
    const std::string target = FormatTargetLevel(*kpi, *m.target, f.level, true);
    const std::string by = f.has_deadline ? " by " + f.horizon.Long() : " within 12 months (no deadline is set)";
    const double gap = std::fabs(f.target - f.latest.value);
    switch (f.reason) {
      case Reason::kTargetMet: {
        std::string out = stood + ", meeting the target of " + target;
        const bool first_is_latest = f.first_met && *f.first_met == f.latest.date;
        if (f.has_deadline && f.first_met) {
          const bool in_time = f.first_met->FirstDay() <= f.horizon.LastDay();
          out += first_is_latest ? (in_time ? ", by the deadline of " : ", after the deadline of ") + f.horizon.Long()
                                 : "; first met on " + f.first_met->Long() +
                                       (in_time ? ", by the deadline of " : ", after the deadline of ") + f.horizon.Long();
          if (!in_time) {
            const int late = static_cast<int>(std::ceil(MonthIndex(*f.first_met) - MonthIndex(DateFromDays(f.horizon.LastDay())) - 1e-9));
            out += " (" + Months(std::max(late, 1)) + " late)";
          }
        } else if (f.first_met && !first_is_latest) {
          out += "; first met on " + f.first_met->Long();
        }
        if (f.first_met && !first_is_latest)
          out += f.held ? ", and met at every figure since" : ", though not at every figure since";
        return out + ".";
      }
      case Reason::kDeadlineMissed: {
        std::string out = stood + ", short of the target of " + target + " by " + FormatAmount(*kpi, gap) +
                          "; the deadline of " + f.horizon.Long() + " was missed";
        if (f.first_met) out += " (it met the target on " + f.first_met->Long() + " but has fallen short since)";
        return out + ".";
      }
      case Reason::kDeadlineNotShown:
        return "the deadline of " + f.horizon.Long() + " has passed, and the newest figure is from before it: " + stood +
               ", short of the target of " + target + ".";
      case Reason::kTooFewValues:
        return stood + " against a target of " + target + (f.has_deadline ? by : "") +
               "; there are too few figures to judge the trend.";
      case Reason::kUncertain:
        return stood + " against a target of " + target + by +
               "; the figures vary too much to tell whether it is improving fast enough (the fitted trend is " +
               FormatRate(*kpi, f.observed_rate) + (f.observed_rate < 0 ? " worse" : " better") + ", and " +
               FormatRate(*kpi, f.required_rate) + " is needed).";
      case Reason::kProgress: {
        std::string base = stood + " against a target of " + target + by + "; ";
        if (f.required_rate == 0) {
          if (f.observed_rate > 0) return base + "it is at the target's edge and improving, so any further improvement meets it.";
          return base + "it is at the target's edge, and any improvement would meet it, but it has not been improving.";
        }
        std::string needed = FormatRate(*kpi, f.required_rate) + " is needed";
        if (f.observed_rate < 0)
          return base + "it has been getting worse, by " + FormatRate(*kpi, f.observed_rate) + ", while " + needed + ".";
        if (f.observed_rate == 0) return base + "it has not moved, while " + needed + ".";
        std::string seen = "the recent improvement of " + FormatRate(*kpi, f.observed_rate);
        if (status == Status::kOnTrack) return base + seen + " would reach it in time (" + needed + ").";
        return base + seen + " is " + FormatNumber(f.ratio * 100, 0) + "% of the rate needed (" + needed + ").";
      }
      default:
        break;
    }
  }
  if (kpi && m.target && s.reason == Reason::kNoComparator) {
    const Target& t = *m.target;
    std::string why = t.unavailable;
    if (why.empty() && !t.levels.empty())
      why = "the DfE's first figure is for the " + InSentence(t.levels.front().period) + ", after the newest figure here (" +
            s.figures->latest.date.Long() + ")";
    if (why.empty()) why = "the DfE's files give none";
    return "the target is " + FormatTarget(*kpi, t, true) + ", and there is no such figure to judge " +
           InSentence(kpi->label) + " against: " + why + ".";
  }
  if (kpi && m.target) return "there are no figures for " + InSentence(kpi->label) + " at or before " + as_at.Long() + ".";
  if (kpi) return "this measure has no target to judge its figures against, and no assessment yet.";
  return "no document has assessed this measure yet.";
}

}  // namespace

std::string ExplainStatus(const Authority& a, const Measure& m, const Kpi* kpi, const MeasureStatus& s,
                          const Date& as_at, const ProgressMethod& method, bool with_note) {
  std::string out = std::string(StatusLabel(s.status)) + ": ";
  if (s.status == Status::kOutOfDate) {
    const bool figure = s.decided_by == Decider::kFigures;
    const int months = EvidenceWindowMonths(s, kpi, method);
    out += "the newest evidence, " + std::string(figure ? "a figure" : "an assessment") + " of " + s.evidence->Long() +
           ", is more than " + Months(months) + " old at " + as_at.Long() + ", so it cannot show the position now. It then showed " +
           InSentence(StatusLabel(*s.stale_status)) + ": " + Because(a, m, kpi, s, *s.stale_status, as_at, with_note);
  } else {
    out += Because(a, m, kpi, s, s.status, as_at, with_note);
  }
  if (s.evidence)
    if (const OfstedJudgement* j = LaterOfstedJudgement(a, *s.evidence, as_at))
      out += " Since then, Ofsted has judged the service " + j->judgement + " (" + j->date.Long() + ").";
  return out;
}

}  // namespace tracker
