#include "render/chart.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "assess/status.h"
#include "escape.h"
#include "render/explain.h"
#include "render/format.h"

namespace tracker::chart {

namespace {

const std::array<const char*, 12> kShortMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

double Luminance(const std::string& hex) {
  auto channel = [&](int i) {
    double c = std::stoi(hex.substr(1 + 2 * i, 2), nullptr, 16) / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

// Geometry shared by the charts, in viewBox units. The width is small enough
// that 16-unit text stays legible when the chart shrinks to a 320 px screen.
constexpr double kWidth = 400;
constexpr double kHeight = 280;
constexpr double kLeftMin = 40, kRight = 112, kTop = 28, kBottom = 46;
constexpr double kFont = 16, kSmall = 15;

// The elements are appended piece by piece into one string: a chart has
// hundreds of them, and joining temporaries was most of a chart's cost.
void Put(std::string& out, double v) { AppendCoord(&out, v); }
void Put(std::string& out, std::string_view s) { out += s; }
template <class... Parts>
std::string Cat(const Parts&... parts) {
  std::string out;
  out.reserve(128);
  (Put(out, parts), ...);
  return out;
}

std::string Text(double x, double y, const std::string& s, const char* anchor = "start", double size = kFont,
                 const char* extra = "") {
  return Cat("<text x=\"", x, "\" y=\"", y, "\" text-anchor=\"", std::string_view(anchor), "\" font-size=\"", size,
             "\"", std::string_view(extra), ">", std::string_view(EscapeXml(s)), "</text>\n");
}

std::string Line(double x1, double y1, double x2, double y2, const char* stroke, double width,
                 const char* dash = nullptr) {
  std::string s = Cat("<line x1=\"", x1, "\" y1=\"", y1, "\" x2=\"", x2, "\" y2=\"", y2, "\" stroke=\"",
                      std::string_view(stroke), "\" stroke-width=\"", width, "\"");
  if (dash) {
    s += " stroke-dasharray=\"";
    s += dash;
    s += '"';
  }
  s += "/>\n";
  return s;
}

// Marker shapes tell series apart without colour.
std::string Marker(int shape, double x, double y, const char* colour, bool hollow = false) {
  std::string_view fill = hollow ? "#ffffff" : colour;
  std::string_view c = colour;
  switch (shape % 3) {
    case 0: return Cat("<circle cx=\"", x, "\" cy=\"", y, "\" r=\"4\" fill=\"", fill, "\" stroke=\"", c, "\" stroke-width=\"2\"/>\n");
    case 1:
      return Cat("<rect x=\"", x - 3.5, "\" y=\"", y - 3.5, "\" width=\"7\" height=\"7\" fill=\"", fill, "\" stroke=\"", c,
                 "\" stroke-width=\"2\"/>\n");
    default:
      return Cat("<path d=\"M", x, " ", y - 5, "L", x + 5, " ", y + 4, "L", x - 5, " ", y + 4, "Z\" fill=\"", fill,
                 "\" stroke=\"", c, "\" stroke-width=\"2\"/>\n");
  }
}

std::string Diamond(double x, double y, const char* colour) {
  return Cat("<path d=\"M", x, " ", y - 6, "L", x + 6, " ", y, "L", x, " ", y + 6, "L", x - 6, " ", y,
             "Z\" fill=\"#ffffff\" stroke=\"", std::string_view(colour), "\" stroke-width=\"2\"/>\n");
}

// Splits a label into lines of at most `width` characters, at spaces.
std::vector<std::string> Wrap(const std::string& s, size_t width, size_t max_lines) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start <= s.size()) {
    size_t space = s.find(' ', start);
    std::string word = s.substr(start, space == std::string::npos ? std::string::npos : space - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    if (space == std::string::npos) break;
    start = space + 1;
  }
  if (!line.empty()) lines.push_back(line);
  if (lines.size() > max_lines) {
    lines.resize(max_lines);
    lines.back() += "…";
  }
  return lines;
}

std::string Open(const std::string& id, const std::string& title, const std::string& desc, double height,
                 const char* cls) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Coord(kWidth) + " " + Coord(height) +
         "\" role=\"img\" aria-labelledby=\"" + id + "-title " + id + "-desc\" class=\"" + cls + "\" font-family=\"Arial, sans-serif\" fill=\"" + kText + "\">\n"
         "<title id=\"" + id + "-title\">" + EscapeXml(title) + "</title>\n"
         "<desc id=\"" + id + "-desc\">" + EscapeXml(desc) + "</desc>\n";
}

}  // namespace

std::string WithId(const std::string& svg, const std::string& from, const std::string& to) {
  std::string out = svg;
  for (const auto& [a, b] : {std::pair{"aria-labelledby=\"" + from + "-title " + from + "-desc\"",
                                       "aria-labelledby=\"" + to + "-title " + to + "-desc\""},
                             std::pair{"<title id=\"" + from + "-title\">", "<title id=\"" + to + "-title\">"},
                             std::pair{"<desc id=\"" + from + "-desc\">", "<desc id=\"" + to + "-desc\">"}}) {
    size_t at = out.find(a);
    if (at != std::string::npos) out.replace(at, a.size(), b);
  }
  return out;
}

namespace {

// Direct labels at the right of a chart: blocks of lines centred on their
// series' last value, pushed apart so none overlap, kept in order.
struct LabelBlock {
  double y;  // where the series ends
  std::vector<std::string> lines;
};
std::string PlaceLabels(std::vector<LabelBlock> blocks, double x, double lo, double hi) {
  const double line_h = 16;
  std::stable_sort(blocks.begin(), blocks.end(), [](const LabelBlock& a, const LabelBlock& b) { return a.y < b.y; });
  std::vector<double> tops;
  for (const auto& b : blocks) {
    double top = b.y - line_h * b.lines.size() / 2;
    if (!tops.empty()) top = std::max(top, tops.back() + line_h * blocks[tops.size() - 1].lines.size() + 3);
    tops.push_back(std::max(top, lo));
  }
  // Too low: shift up from the bottom, keeping the gaps.
  for (size_t i = blocks.size(); i-- > 0;) {
    double limit = i + 1 < blocks.size() ? tops[i + 1] - 3 : hi;
    tops[i] = std::min(tops[i], limit - line_h * blocks[i].lines.size());
  }
  std::string out;
  for (size_t i = 0; i < blocks.size(); ++i)
    for (size_t k = 0; k < blocks[i].lines.size(); ++k)
      out += Text(x, tops[i] + 12 + line_h * k, blocks[i].lines[k], "start", kSmall);
  return out;
}

// A series label that always keeps its value, however long the name.
std::vector<std::string> SeriesLabel(const std::string& name, const std::string& value) {
  std::vector<std::string> lines = Wrap(name, 13, 2);
  if (lines.empty() || lines.back().size() + 1 + value.size() > 13)
    lines.push_back(value);
  else
    lines.back() += " " + value;
  return lines;
}

}  // namespace

void AppendCoord(std::string* out, double v) {
  if (std::fabs(v) < 0.05) v = 0;  // no "-0.0"
  // Tenths as a whole number, unless v is so near halfway between two that
  // only to_chars's exact rounding can tell: the same text, ten times faster.
  const double tenths = v * 10, nearest = std::nearbyint(tenths);
  if (std::fabs(tenths) < 1e9 && std::fabs(tenths - nearest) < 0.5 - 1e-6) {
    long long t = static_cast<long long>(nearest);
    if (t < 0) {
      out->push_back('-');
      t = -t;
    }
    char buf[24];
    out->append(buf, std::to_chars(buf, buf + sizeof buf, t / 10).ptr);
    if (t % 10) {
      out->push_back('.');
      out->push_back(static_cast<char>('0' + t % 10));
    }
    return;
  }
  char buf[352];
  char* end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1).ptr;
  if (end - buf > 2 && end[-2] == '.' && end[-1] == '0') end -= 2;
  out->append(buf, end);
}

std::string Coord(double v) {
  std::string s;
  AppendCoord(&s, v);
  return s;
}

double ContrastRatio(const std::string& a, const std::string& b) {
  double la = Luminance(a), lb = Luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

Scale NiceScale(double lo, double hi, int count) {
  Scale s;
  if (!(hi > lo)) {
    double pad = std::fabs(lo) > 0 ? std::fabs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  double rough = (hi - lo) / std::max(count, 1);
  double mag = std::pow(10, std::floor(std::log10(rough)));
  double step = 10 * mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= rough - 1e-12 * mag) {
      step = m * mag;
      break;
    }
  s.step = step;
  s.lo = std::floor(lo / step + 1e-9) * step;
  s.hi = std::ceil(hi / step - 1e-9) * step;
  // By index, not by adding steps, so rounding never drops the last tick.
  int n = static_cast<int>(std::llround((s.hi - s.lo) / step));
  for (int i = 0; i <= n; ++i) {
    double v = s.lo + i * step;
    s.ticks.push_back(std::fabs(v) < step * 1e-9 ? 0 : v);
  }
  return s;
}

std::vector<DateTick> DateTicks(const Date& first, const Date& last, int max_labels) {
  int m0 = first.year * 12 + (first.month ? first.month : 1) - 1;
  int m1 = last.year * 12 + (last.month ? last.month : 12) - 1;
  // A tick on the first of a month belongs to that month only if the range
  // reaches it; start from the first whole month at or after `first`.
  if (first.day > 1) ++m0;
  std::vector<DateTick> out;
  for (int step : {1, 2, 3, 6, 12, 24, 60, 120}) {
    // Ticks fall on round dates: every second year on even years, quarters
    // on January, April, July and October.
    int start = ((m0 + step - 1) / step) * step;
    int n = start > m1 ? 0 : (m1 - start) / step + 1;
    if (n > max_labels) continue;
    for (int m = start; m <= m1; m += step) {
      Date d{m / 12, m % 12 + 1, 1};
      std::string label = step >= 12 ? std::to_string(d.year) : std::string(kShortMonths[d.month - 1]) + " " + std::to_string(d.year);
      out.push_back({d, label});
    }
    if (out.empty()) out.push_back({first, first.Long()});
    return out;
  }
  return out;
}

std::string FindingTitle(const Kpi& kpi, const std::vector<LinePoint>& points, const std::optional<Target>& target) {
  std::vector<const LinePoint*> nums;
  for (const auto& p : points)
    if (p.value) nums.push_back(&p);
  if (nums.empty()) return "No figures for " + InSentence(kpi.label) + " have been reported";
  const LinePoint& last = *nums.back();
  std::string value = FormatValue(kpi, *last.value);
  std::string head;
  if (nums.size() == 1) {
    head = kpi.label + " was " + value + " on " + last.date.Long();
  } else {
    double prev = *nums[nums.size() - 2]->value;
    double a = std::round(prev * std::pow(10, kpi.decimals)), b = std::round(*last.value * std::pow(10, kpi.decimals));
    head = kpi.label + (b > a ? " rose to " : b < a ? " fell to " : " stayed at ") + value;
  }
  if (target) {
    std::string t = FormatValue(kpi, target->value);
    head += MeetsTarget(*last.value, *target) ? ", meeting the " + t + " target" : ", short of the " + t + " target";
  }
  return head;
}

namespace {

// Where a line chart's values and dates fall, in viewBox units.
struct LinePlot {
  double left = kLeftMin, width = 0;
  const double height = kHeight - kTop - kBottom;
  Scale y;
  bool from_zero = true;
  int tick_decimals = 0;
  double x0 = 0, x1 = 1;  // months, from MonthIndex
  double X(const Date& d) const { return left + width * (MonthIndex(d) - x0) / (x1 - x0); }
  double Y(double v) const { return kTop + height * (1 - (v - y.lo) / (y.hi - y.lo)); }
};

// The range of the values, the target and the dates to show, or nothing
// when no series has a date.
struct Extent {
  bool any = false;  // a value
  double lo = 0, hi = 0;
  std::optional<Date> first, last;
};
Extent ExtentOf(const LineChart& c, const std::vector<const LineSeries*>& series) {
  Extent e;
  auto take = [&](double v) {
    e.lo = e.any ? std::min(e.lo, v) : v;
    e.hi = e.any ? std::max(e.hi, v) : v;
    e.any = true;
  };
  auto take_date = [&](const Date& d) {
    if (!e.first || d < *e.first) e.first = d;
    if (!e.last || d > *e.last) e.last = d;
  };
  for (const auto* s : series)
    for (const auto& p : s->points) {
      take_date(p.date);
      if (p.value) take(*p.value);
    }
  for (const auto& t : c.target) take(t.value);
  if (c.deadline && e.first) take_date(*c.deadline);
  if (c.as_at && e.first) take_date(*c.as_at);
  return e;
}

// A y-axis starts at zero unless the data sit far from it; percentages stay
// within 0 to 100. The left margin fits the widest tick label.
LinePlot PlotFor(Extent e, Unit unit) {
  LinePlot p;
  if (e.lo >= 0 && e.lo <= e.hi * 0.5) e.lo = 0;
  Scale& y = p.y;
  y = NiceScale(e.lo, e.hi, 5);
  if (unit == Unit::kPercent) {
    y.lo = std::max(y.lo, 0.0);
    y.hi = std::min(y.hi, 100.0);
    if (y.hi <= y.lo) y.hi = y.lo + y.step;
    y.ticks.erase(std::remove_if(y.ticks.begin(), y.ticks.end(), [&](double t) { return t < y.lo || t > y.hi; }),
                  y.ticks.end());
  }
  p.from_zero = y.lo <= 0 && y.hi >= 0;
  p.tick_decimals = y.step < 1 ? (y.step < 0.1 ? 2 : 1) : 0;
  size_t widest = 0;
  for (double t : y.ticks) widest = std::max(widest, FormatNumber(t, p.tick_decimals).size());
  p.left = std::max(kLeftMin, 12 + widest * 8.5);
  p.width = kWidth - p.left - kRight;
  p.x0 = MonthIndex(*e.first);
  p.x1 = MonthIndex(*e.last);
  if (p.x1 - p.x0 < 1) {  // one date: a month either side
    p.x0 -= 1;
    p.x1 += 1;
  }
  return p;
}

// The grid, the value axis with its unit, and the date axis.
void DrawAxes(const LineChart& c, const LinePlot& p, const Extent& e, std::string& svg) {
  svg += "<g class=\"tracker-chart__grid\">\n";
  for (double t : p.y.ticks) {
    svg += Line(p.left, p.Y(t), p.left + p.width, p.Y(t), kGrid, 1);
    svg += Text(p.left - 6, p.Y(t) + 5, FormatNumber(t, p.tick_decimals), "end", kSmall);
  }
  svg += "</g>\n";
  std::string unit = UnitPhrase(c.kpi.unit);
  svg += Text(4, 16, unit.empty() ? "" : std::string(1, static_cast<char>(std::toupper(unit[0]))) + unit.substr(1), "start", kSmall);
  if (!p.from_zero) svg += Text(4, kHeight - 6, "Axis does not start at zero", "start", kSmall, " font-style=\"italic\"");
  const double bottom = kTop + p.height;
  svg += Line(p.left, bottom, p.left + p.width, bottom, kText, 1);
  for (const auto& t : DateTicks(*e.first, *e.last, 4)) {
    double x = p.X(t.date);
    if (x < p.left - 0.5 || x > p.left + p.width + 0.5) continue;
    svg += Line(x, bottom, x, bottom + 5, kText, 1);
    svg += Text(x, bottom + 20, t.label, "middle", kSmall);
  }
}

// Reference lines: the target (stepped when it changes), the deadline and
// the as-at date; the target's label joins the series' labels.
void DrawReferences(const LineChart& c, const LinePlot& p, std::string& svg, std::vector<LabelBlock>& labels) {
  if (!c.target.empty()) {
    std::string d;
    for (size_t i = 0; i < c.target.size(); ++i) {
      double xa = i == 0 ? p.left : std::max(p.left, p.X(c.target[i].from));
      double xb = i + 1 < c.target.size() ? std::max(p.left, p.X(c.target[i + 1].from)) : p.left + p.width;
      double yy = p.Y(c.target[i].value);
      d += i == 0 ? "M" : "L";
      AppendCoord(&d, xa);
      d += ' ';
      AppendCoord(&d, yy);
      d += 'L';
      AppendCoord(&d, xb);
      d += ' ';
      AppendCoord(&d, yy);
    }
    svg += "<path class=\"tracker-chart__target\" d=\"" + d + "\" fill=\"none\" stroke=\"" + kDark +
           "\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n";
    labels.push_back({p.Y(c.target.back().value), Wrap(c.target_label, 13, 3)});
  }
  if (c.deadline) {
    double x = p.X(*c.deadline);
    svg += Line(x, kTop, x, kTop + p.height, kDark, 2, "2 4");
    const char* anchor = x > p.left + p.width * 0.6 ? "end" : x < p.left + p.width * 0.3 ? "start" : "middle";
    svg += Text(x, kTop - 8, "Deadline " + c.deadline->Long(), anchor, kSmall);
  }
  if (c.as_at) {
    std::optional<Date> end;
    for (const auto& pt : c.main.points) end = pt.date;
    if (end && *end < *c.as_at) {
      double x = p.X(*c.as_at);
      svg += Line(x, kTop, x, kTop + p.height, kLight, 2, "1 3");
      svg += Text(x - 4, kTop + p.height - 6, "As at " + c.as_at->Long(), "end", kSmall);
    }
  }
}

// One series: a line broken at gaps, a marker at each value, a hollow
// diamond on the axis where a GSS symbol stands; its label joins the others.
void DrawSeries(const LineChart& c, const LinePlot& p, const LineSeries& s, size_t si, std::string& svg,
                std::vector<LabelBlock>& labels) {
  static const char* kDashes[] = {nullptr, "6 4", "2 3"};
  const char* colour = si == 0 ? kDark : kLight;
  const char* dash = kDashes[std::min<size_t>(si, 2)];
  std::string path;
  bool pen = false;
  for (const auto& pt : s.points) {
    if (!pt.value) {
      pen = false;
      continue;
    }
    path += pen ? 'L' : 'M';
    AppendCoord(&path, p.X(pt.date));
    path += ' ';
    AppendCoord(&path, p.Y(*pt.value));
    pen = true;
  }
  svg += "<g class=\"tracker-chart__series\">\n";
  if (!path.empty()) {
    svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"3\"";
    if (dash) svg += std::string(" stroke-dasharray=\"") + dash + "\"";
    svg += "/>\n";
  }
  bool dense = s.points.size() > 40;
  for (const auto& pt : s.points) {
    if (pt.value) {
      if (!dense || &pt == &s.points.back()) svg += Marker(static_cast<int>(si), p.X(pt.date), p.Y(*pt.value), colour);
    } else if (!pt.symbol.empty()) {
      double x = p.X(pt.date), yy = kTop + p.height - 10;
      svg += Diamond(x, yy, colour);
      svg += Text(x, yy - 10, pt.symbol, "middle", kSmall);
    }
  }
  svg += "</g>\n";
  const LinePoint* end = nullptr;
  for (const auto& pt : s.points)
    if (pt.value) end = &pt;
  if (end) labels.push_back({p.Y(*end->value), SeriesLabel(s.label, FormatValue(c.kpi, *end->value))});
}

}  // namespace

std::string RenderLineChart(const LineChart& c) {
  std::vector<const LineSeries*> series = {&c.main};
  for (const auto& s : c.comparators) series.push_back(&s);
  const Extent e = ExtentOf(c, series);
  std::string svg = Open(c.id, c.title, c.desc, kHeight, "tracker-chart tracker-chart--line");
  if (!e.any || !e.first) {
    svg += Text(kWidth / 2, kHeight / 2, "No figures to show", "middle");
    if (e.first) svg += Text(kWidth / 2, kHeight / 2 + 22, "Every value was suppressed or not reported", "middle", kSmall);
    return svg + "</svg>\n";
  }
  const LinePlot p = PlotFor(e, c.kpi.unit);
  // The description says it too, for readers who cannot see the axis.
  if (!p.from_zero) svg.insert(svg.find("</desc>"), EscapeXml(" The vertical axis does not start at zero."));
  DrawAxes(c, p, e, svg);
  std::vector<LabelBlock> labels;
  DrawReferences(c, p, svg, labels);
  for (size_t si = 0; si < series.size(); ++si) DrawSeries(c, p, *series[si], si, svg, labels);
  // Direct labels at the right, not a legend.
  svg += PlaceLabels(labels, p.left + p.width + 8, 2, kHeight - 4);
  return svg + "</svg>\n";
}

std::string RenderBarChart(const BarChart& c) {
  const double label_w = 110, value_w = 60, row = 32, panel_gap = 44;
  double height = kTop;
  for (const auto& g : c.groups) height += panel_gap + row * g.bars.size();
  height += 24;
  std::string svg = Open(c.id, c.title, c.desc, height, "tracker-chart tracker-chart--bar");
  double hi = c.kpi.unit == Unit::kPercent ? 100 : 0;
  for (const auto& g : c.groups)
    for (const auto& b : g.bars)
      if (b.value) hi = std::max(hi, *b.value);
  if (c.target) hi = std::max(hi, *c.target);
  if (c.groups.empty() || hi <= 0) {
    svg += Text(kWidth / 2, height / 2, "No figures to show", "middle");
    return svg + "</svg>\n";
  }
  Scale x = NiceScale(0, hi, 4);
  const double plot_l = label_w, plot_w = kWidth - label_w - value_w - 8;
  auto xpos = [&](double v) { return plot_l + plot_w * v / x.hi; };
  double top = kTop;
  for (const auto& g : c.groups) {
    svg += Text(4, top + 16, "As at " + g.date.Long(), "start", kFont, " font-weight=\"bold\"");
    top += panel_gap;
    std::vector<Bar> bars = g.bars;
    // Highest first; symbols last, in their given order.
    std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) {
      if (a.value && b.value) return *a.value > *b.value;
      return a.value.has_value() && !b.value.has_value();
    });
    double panel_top = top;
    for (const auto& b : bars) {
      auto lines = Wrap(b.label, 13, 2);
      double ty = top + row / 2 + 5 - 7.5 * (lines.size() - 1);
      for (const auto& l : lines) {
        svg += Text(label_w - 8, ty, l, "end", kSmall);
        ty += 15;
      }
      if (b.value) {
        svg += "<rect x=\"" + Coord(plot_l) + "\" y=\"" + Coord(top + 5) + "\" width=\"" +
               Coord(std::max(1.0, xpos(*b.value) - plot_l)) + "\" height=\"" + Coord(row - 10) + "\" fill=\"" + kDark + "\"/>\n";
        // Values in their own column, clear of the bars and the target line.
        svg += Text(kWidth - 4, top + row / 2 + 5, FormatValue(c.kpi, *b.value), "end", kSmall);
      } else {
        svg += Diamond(plot_l + 8, top + row / 2, kDark);
        svg += Text(plot_l + 20, top + row / 2 + 5, b.symbol.empty() ? "not reported" : SymbolMeaning(b.symbol), "start", kSmall);
      }
      top += row;
    }
    if (c.target) {
      double tx = xpos(*c.target);
      svg += Line(tx, panel_top, tx, top, kLight, 3, "6 4");
    }
    svg += Line(plot_l, panel_top, plot_l, top, kText, 1);
  }
  if (c.target) svg += Text(xpos(*c.target), top + 18, c.target_label, "middle", kSmall);
  return svg + "</svg>\n";
}

std::string RenderSparkline(const Kpi& kpi, const std::vector<LinePoint>& points, std::optional<double> target) {
  std::vector<LinePoint> nums;
  for (const auto& p : points)
    if (p.value) nums.push_back(p);
  if (nums.size() > 12) nums.erase(nums.begin(), nums.end() - 12);
  const double w = 160, h = 32, label_w = 48;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Coord(w) + " " + Coord(h) +
                    "\" class=\"tracker-sparkline\" aria-hidden=\"true\" focusable=\"false\">\n";
  if (nums.empty()) return svg + "</svg>\n";
  double lo = nums[0].value.value(), hi = lo;
  for (const auto& p : nums) {
    lo = std::min(lo, *p.value);
    hi = std::max(hi, *p.value);
  }
  if (target) {
    lo = std::min(lo, *target);
    hi = std::max(hi, *target);
  }
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  auto ypos = [&](double v) { return 4 + (h - 8) * (1 - (v - lo) / (hi - lo)); };
  auto xpos = [&](size_t i) { return nums.size() == 1 ? (w - label_w) / 2 : 4 + (w - label_w - 8) * i / (nums.size() - 1); };
  if (target) svg += Line(0, ypos(*target), w, ypos(*target), kGrid, 1.5, "4 3");
  std::string path;
  for (size_t i = 0; i < nums.size(); ++i) {
    path += i ? 'L' : 'M';
    AppendCoord(&path, xpos(i));
    path += ' ';
    AppendCoord(&path, ypos(*nums[i].value));
  }
  svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + kDark + "\" stroke-width=\"2\"/>\n";
  svg += Marker(0, xpos(nums.size() - 1), ypos(*nums.back().value), kDark);
  // Just the number: the unit is in the table beside it, and "per 10,000" would not fit.
  std::string label = kpi.unit == Unit::kPercent ? FormatValue(kpi, *nums.back().value)
                                                 : FormatNumber(*nums.back().value, kpi.decimals);
  svg += Text(w - label_w + 4, h / 2 + 5, label, "start", 14);
  return svg + "</svg>\n";
}

}  // namespace tracker::chart
