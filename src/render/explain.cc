#include "render/explain.h"

#include "render/format.h"

namespace tracker {

std::string ExplainStatus(const Authority& a, const Measure& m, const Kpi* kpi, const MeasureStatus& s,
                          bool with_note) {
  std::string head = std::string(StatusLabel(s.status)) + ": ";
  switch (s.decided_by) {
    case Decider::kFigures: {
      std::string what = "the latest figure for " + kpi->label;
      if (!s.deciding_item.empty()) what += ", " + kpi->breakdown + " " + s.deciding_item;
      std::string value = FormatValue(*kpi, s.deciding_value) + " (" + s.latest->date.Long() + ")";
      std::string target = FormatTarget(*kpi, *m.target);
      if (s.status == Status::kMet)
        return head + what + " is " + value + ", meeting the target of " + target + ".";
      return head + what + " is " + value + ", short of the target of " + target + ".";
    }
    case Decider::kAssessment: {
      const Assessment& as = *s.assessment;
      std::string from;
      if (const Document* d = a.FindDocument(as.source)) from = " in \u201c" + d->title + "\u201d";
      return head + "assessed" + from + " (" + as.date.Long() + ")" + (as.note.empty() || !with_note ? "." : ": " + as.note);
    }
    case Decider::kNothing:
      break;
  }
  if (kpi && !m.target)
    return head + "this measure has no target to judge its figures against, and no assessment yet.";
  if (kpi)
    return head + "there are no figures for " + kpi->label + " yet, and no assessment.";
  return head + "there are no figures and no assessment yet.";
}

}  // namespace tracker
