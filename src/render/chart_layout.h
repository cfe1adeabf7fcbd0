// The rules that place a chart's parts, as pure functions of the data and
// the space: how wide text is, which dates the axis names, what range the
// value axis spans, and where the series' labels go. Each is unit-tested
// (tests/unit/chart_layout_test.cc), and a browser test measures the result.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.h"
#include "model/site.h"

namespace tracker::chart {

// How wide `text` is when set in Arial at `size`, in the same units as
// `size`: from Liberation Sans, Arial's metric twin (Debian's
// fonts-liberation, read when tracker is built). A character it does not
// know counts as wide as "M", so text is never measured short.
double TextWidth(std::string_view text, double size, bool bold = false);

// "Sep 2023": a month as the time axis and the charts' labels name it; a
// year alone for a date that gives only its year.
std::string ShortMonth(const Date& d);

// Ticks at 1, 2, 2.5 or 5 x 10^n covering [lo, hi] with about `count` steps.
struct Scale {
  double lo = 0, hi = 1, step = 1;
  std::vector<double> ticks;
};
Scale NiceScale(double lo, double hi, int count = 5);

// The value axis for data from `lo` to `hi` (targets and comparators
// included). Never zooms in on noise: it spans at least 10 points for a
// percentage and 10% of the largest magnitude otherwise. A count, rate or
// number of days starts at zero unless the data sit far from it, and then
// `from_zero` is false so the chart says so. Percentages stay within 0-100.
// About `ticks` ticks, fewer where their labels need the room.
struct ValueAxis {
  Scale scale;
  bool from_zero = true;
  int decimals = 0;  // of the tick labels
};
ValueAxis ChooseValueAxis(double lo, double hi, Unit unit, int ticks = 5);

// A named date on the time axis, at `x` across the plot.
struct DateTick {
  Date date;
  std::string label;  // "Sep 2023"
  double x = 0;
  const char* anchor = "middle";  // "start" or "end" where centring would leave the plot
};
// Which of the data's dates the time axis names, chosen by the room: every
// month's, or every 2nd, 3rd, 4th, 6th, 12th... counted from the first,
// the finest whose labels, set at `font_size`, sit apart within [lo, hi]
// (a label at the plot's end may reach into the margin). The first and
// last are always named; a tick too close to the last gives way to it. `x`
// places a date across the plot, in the same units.
std::vector<DateTick> ChooseDateTicks(const std::vector<Date>& dates, const std::function<double(const Date&)>& x,
                                      double lo, double hi, double font_size);

// Places labels beside the points they belong to, in one column: each
// wants its middle at `want`, and they must not overlap (`gap` apart) nor
// leave [lo, hi]. Labels keep their order. Returns each label's top, or
// nothing when they cannot all fit, and the chart uses a key instead.
struct LabelBox {
  double want = 0;    // the y of the point it labels
  double height = 0;
};
std::optional<std::vector<double>> PlaceLabels(const std::vector<LabelBox>& boxes, double lo, double hi,
                                               double gap = 2);

// Splits text into lines no wider than `width` at `size`, at spaces; a
// word wider than the line stands on a line of its own.
std::vector<std::string> WrapText(const std::string& text, double width, double size, bool bold = false);

}  // namespace tracker::chart
