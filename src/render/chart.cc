#include "render/chart.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "assess/status.h"
#include "escape.h"
#include "render/explain.h"
#include "render/format.h"

namespace tracker::chart {

namespace {

double Luminance(const std::string& hex) {
  auto channel = [&](int i) {
    double c = std::stoi(hex.substr(1 + 2 * i, 2), nullptr, 16) / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

// ------------------------------------------------------------ SVG pieces
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

std::string Text(double x, double y, std::string_view s, const char* anchor, double size, const char* extra = "") {
  return Cat("<text x=\"", x, "\" y=\"", y, "\" text-anchor=\"", std::string_view(anchor), "\" font-size=\"", size,
             "\"", std::string_view(extra), ">", std::string_view(EscapeXml(s)), "</text>\n");
}

std::string Line(double x1, double y1, double x2, double y2, const char* stroke, double width,
                 const char* dash = nullptr) {
  std::string s = Cat("<line x1=\"", x1, "\" y1=\"", y1, "\" x2=\"", x2, "\" y2=\"", y2, "\" stroke=\"",
                      std::string_view(stroke), "\" stroke-width=\"", width, "\"");
  if (dash) s += Cat(" stroke-dasharray=\"", std::string_view(dash), "\"");
  s += "/>\n";
  return s;
}

// Marker shapes tell series apart without colour: circle, square, triangle.
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

// Where a GSS symbol stands instead of a value.
std::string Diamond(double x, double y, const char* colour) {
  return Cat("<path d=\"M", x, " ", y - 6, "L", x + 6, " ", y, "L", x, " ", y + 6, "L", x - 6, " ", y,
             "Z\" fill=\"#ffffff\" stroke=\"", std::string_view(colour), "\" stroke-width=\"2\"/>\n");
}

std::string Open(const std::string& id, const std::string& title, const std::string& desc, double width, double height,
                 const std::string& cls) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Coord(width) + " " + Coord(height) +
         "\" role=\"img\" aria-labelledby=\"" + id + "-title " + id + "-desc\" class=\"" + cls +
         "\" font-family=\"Arial, sans-serif\" fill=\"" + kText + "\">\n"
         "<title id=\"" + id + "-title\">" + EscapeXml(title) + "</title>\n"
         "<desc id=\"" + id + "-desc\">" + EscapeXml(desc) + "</desc>\n";
}

// How each series is drawn: the authority's own solid and dark, each
// comparator in its colour with its own dash and marker.
struct Style {
  const char* colour;
  const char* dash;
  int marker;
  bool hollow;
};
Style StyleOf(size_t series) {
  static const char* const kDashes[] = {"6 4", "2 3", "10 3 2 3"};
  if (series == 0) return {kDark, nullptr, 0, false};
  return {kComparators[(series - 1) % 3], kDashes[(series - 1) % 3], static_cast<int>(series % 3), series >= 3};
}
const Style kTargetStyle{kTarget, "8 4", -1, false};

// A short length of a series' line with its marker, beside its label.
constexpr double kSwatch = 24;
std::string Swatch(double x, double y, const Style& s) {
  std::string out = Line(x, y, x + kSwatch, y, s.colour, s.marker < 0 ? 2.5 : 3, s.dash);
  if (s.marker >= 0) out += Marker(s.marker, x + kSwatch / 2, y, s.colour, s.hollow);
  return out;
}

// The unit as the axis names it: "Per cent".
std::string UnitCaption(Unit unit) {
  std::string u = UnitPhrase(unit);
  if (!u.empty()) u[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(u[0])));
  return u;
}

// A text's span across the chart when set at `x` with `anchor`, moved
// within [0, width].
struct Span {
  double left, right;
  double x;
  const char* anchor;
};
Span Fit(const std::string& text, double x, const char* anchor, double size, double width) {
  const double w = TextWidth(text, size);
  double left = std::string_view(anchor) == "middle" ? x - w / 2 : std::string_view(anchor) == "end" ? x - w : x;
  if (left < 0) return {0, w, 0, "start"};
  if (left + w > width) return {width - w, width, width, "end"};
  return {left, left + w, x, anchor};
}

// Texts in rows above the plot (the unit, the deadline, the as-at date):
// each in the first row it does not overlap. Returns how many rows.
struct RowText {
  std::string text;
  Span span;
  int row = 0;
};
int PackRows(std::vector<RowText>& texts, double gap) {
  std::vector<std::vector<Span>> rows;
  for (auto& t : texts) {
    size_t r = 0;
    for (; r < rows.size(); ++r) {
      bool clear = true;
      for (const Span& s : rows[r]) clear = clear && (t.span.right + gap <= s.left || s.right + gap <= t.span.left);
      if (clear) break;
    }
    if (r == rows.size()) rows.emplace_back();
    rows[r].push_back(t.span);
    t.row = static_cast<int>(r);
  }
  return static_cast<int>(rows.size());
}

}  // namespace

std::string WithId(const std::string& html, const std::string& from, const std::string& to) {
  // Only the ids, where an SVG's opening, title and description name them.
  std::string out;
  out.reserve(html.size() + 64);
  size_t pos = 0;
  for (;;) {
    size_t best = std::string::npos, len = 0;
    for (std::string_view attr : {"aria-labelledby=\"", "<title id=\"", "<desc id=\""}) {
      size_t at = html.find(attr, pos);
      if (at < best) best = at, len = attr.size();
    }
    if (best == std::string::npos) break;
    size_t value = best + len, end = html.find('"', value);
    out.append(html, pos, value - pos);
    // Each id in the value that starts with `from-` is renamed.
    std::string_view ids(html.data() + value, end - value);
    std::string renamed;
    while (!ids.empty()) {
      size_t space = ids.find(' ');
      std::string_view id = ids.substr(0, space);
      if (id.substr(0, from.size() + 1) == from + "-") renamed += to + std::string(id.substr(from.size()));
      else renamed += id;
      if (space == std::string_view::npos) break;
      renamed += ' ';
      ids.remove_prefix(space + 1);
    }
    out += renamed;
    pos = end;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

namespace {

// The two sizes of every chart: wide for a desktop's column, narrow for a
// phone, where its text stays at least 12 CSS px down to a 320 px screen.
// The narrow one lists its series in a key below, leaving the plot the width.
struct Variant {
  const char* suffix;  // of its ids
  const char* cls;
  double width, font, plot_height;
  bool labels_right;
  double LineHeight() const { return std::round(font * 1.3); }
};
constexpr Variant kVariants[] = {{"", "tracker-chart--wide", 640, 14, 240, true},
                                 {"-n", "tracker-chart--narrow", 360, 15, 190, false}};
// Room at the right of a plot whose labels are in a key: a marker's width.
constexpr double kKeyRight = 8;

// The authority's series, then the comparators': the order styles go by.
std::vector<const LineSeries*> SeriesOf(const LineChart& c) {
  std::vector<const LineSeries*> series = {&c.main};
  for (const auto& s : c.comparators) series.push_back(&s);
  return series;
}

// The range of the values, the target and the dates to show.
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

const LinePoint* LastValue(const LineSeries& s) {
  const LinePoint* end = nullptr;
  for (const auto& p : s.points)
    if (p.value) end = &p;
  return end;
}

// What a series' label or key entry says of its latest value: the period
// it is for, or its month when a later point has no figure, so a label at
// a line's end is never read as newer than it is.
std::string ValueText(const Kpi& kpi, const LineSeries& s, const LinePoint& p) {
  std::string v = FormatValue(kpi, *p.value);
  if (!s.period.empty()) v += " (" + s.period + ")";
  else if (&p != &s.points.back()) v += " (" + ShortMonth(p.date) + ")";
  return v;
}

// A label at the end of a series, or the target's, or an entry in the key.
struct Label {
  std::string name, value;  // value may be empty (the target)
  Style style;
  double want = 0;          // the y of what it labels
  double from_x = 0;        // where its leader starts
  std::vector<std::string> lines;
};

// Lines of at most `width`: the name wrapped, the value on its last line
// when it fits there, else on its own.
std::vector<std::string> LabelLines(const Label& l, double width, double font) {
  std::vector<std::string> lines = WrapText(l.name, width, font);
  if (l.value.empty()) return lines;
  if (!lines.empty() && TextWidth(lines.back() + " " + l.value, font) <= width) lines.back() += " " + l.value;
  else lines.push_back(l.value);
  return lines;
}

double Widest(const std::vector<std::string>& lines, double font) {
  double w = 0;
  for (const auto& l : lines) w = std::max(w, TextWidth(l, font));
  return w;
}

// The key below a chart: each entry's swatch, then its words, wrapped.
double DrawKey(std::vector<Label>& labels, double top, const Variant& v, std::string& svg) {
  const double lh = v.LineHeight();
  double y = top;
  for (auto& l : labels) {
    std::vector<std::string> lines = WrapText(l.value.empty() ? l.name : l.name + ": " + l.value,
                                              v.width - kSwatch - 8, v.font);
    svg += Swatch(0, y + lh / 2, l.style);
    for (size_t k = 0; k < lines.size(); ++k)
      svg += Text(kSwatch + 8, y + lh * (k + 1) - 4, lines[k], "start", v.font);
    y += lh * lines.size() + 4;
  }
  return y;
}

// One series: a line broken at gaps (or steps, when held), a marker at each
// value, a hollow diamond on the axis where a GSS symbol stands, with the
// symbol above it where there is room.
template <class X, class Y>
void DrawSeries(const LineSeries& s, const Style& st, X&& x, Y&& y, double right, double bottom, double font,
                std::string& svg) {
  std::string path;
  bool pen = false;
  for (size_t i = 0; i < s.points.size(); ++i) {
    const LinePoint& p = s.points[i];
    if (!p.value) {
      pen = false;
      continue;
    }
    path += pen ? 'L' : 'M';
    AppendCoord(&path, x(p.date));
    path += ' ';
    AppendCoord(&path, y(*p.value));
    pen = true;
    if (s.held) {  // held until the next figure, or the chart's end
      path += 'H';
      AppendCoord(&path, i + 1 < s.points.size() ? x(s.points[i + 1].date) : right);
    }
  }
  svg += "<g class=\"tracker-chart__series\">\n";
  if (!path.empty()) {
    svg += Cat("<path d=\"", std::string_view(path), "\" fill=\"none\" stroke=\"", std::string_view(st.colour),
               "\" stroke-width=\"3\"");
    if (st.dash) svg += Cat(" stroke-dasharray=\"", std::string_view(st.dash), "\"");
    svg += "/>\n";
  }
  // Symbols are named where they stand apart; the table names every one.
  double spacing = 1e9;
  const LinePoint* previous = nullptr;
  for (const auto& p : s.points)
    if (!p.value && !p.symbol.empty()) {
      if (previous) spacing = std::min(spacing, x(p.date) - x(previous->date));
      previous = &p;
    }
  const bool dense = s.points.size() > 40;
  for (const auto& p : s.points) {
    if (p.value) {
      if (!dense || &p == &s.points.back()) svg += Marker(st.marker, x(p.date), y(*p.value), st.colour, st.hollow);
    } else if (!p.symbol.empty()) {
      const double px = x(p.date), py = bottom - 10;
      svg += Diamond(px, py, st.colour);
      if (spacing >= TextWidth(p.symbol, font) + 6) svg += Text(px, py - 10, p.symbol, "middle", font);
    }
  }
  svg += "</g>\n";
}

// The labels at the series' ends, then the target's.
std::vector<Label> EndLabels(const LineChart& c, const std::vector<const LineSeries*>& series) {
  std::vector<Label> labels;
  for (size_t i = 0; i < series.size(); ++i)
    if (const LinePoint* end = LastValue(*series[i]))
      labels.push_back({series[i]->label, ValueText(c.kpi, *series[i], *end), StyleOf(i), *end->value, 0, {}});
  if (!c.target.empty()) labels.push_back({c.target_label, "", kTargetStyle, c.target.back().value, 0, {}});
  return labels;
}

// Sets each label's lines, at most 150 wide, and returns the room the
// column of them needs at the right of the plot: a leader, a swatch, the text.
double LabelColumn(std::vector<Label>& labels, double font) {
  double widest = 0;
  for (auto& l : labels) {
    l.lines = LabelLines(l, 150, font);
    widest = std::max(widest, Widest(l.lines, font));
  }
  return std::ceil(10 + 12 + kSwatch + 6 + widest + 2);
}

// The labels at the right of a plot ending at `right`, each at its placed
// top, with a leader from the point it labels (its `want`, now a y) where
// it had to move or its line ends short of the edge.
void DrawEndLabels(const std::vector<Label>& labels, const std::vector<double>& tops, double right, double lh,
                   double font, std::string& svg) {
  const double lx = right + 10 + 12;
  for (size_t i = 0; i < labels.size(); ++i) {
    const Label& l = labels[i];
    const double mid = tops[i] + lh * l.lines.size() / 2;
    if (std::fabs(mid - l.want) > 2 || l.from_x < right - 1)
      svg += Cat("<polyline points=\"", l.from_x, ",", l.want, " ", right + 10, ",", l.want, " ", lx - 2, ",", mid,
                 "\" fill=\"none\" stroke=\"", std::string_view(kText), "\" stroke-width=\"1\" stroke-dasharray=\"1 2\"/>\n");
    svg += Swatch(lx, mid, l.style);
    for (size_t k = 0; k < l.lines.size(); ++k)
      svg += Text(lx + kSwatch + 6, tops[i] + lh * (k + 1) - 4, l.lines[k], "start", font);
  }
}

// A line chart at one size.
std::string DrawLineChart(const LineChart& c, const Variant& v) {
  const std::vector<const LineSeries*> series = SeriesOf(c);
  const Extent e = ExtentOf(c, series);
  const ValueAxis axis = ChooseValueAxis(e.lo, e.hi, c.kpi.unit);
  const Scale& ys = axis.scale;
  const double lh = v.LineHeight(), font = v.font;

  std::vector<Label> labels = EndLabels(c, series);
  // Margins: the widest tick label at the left, the labels at the right.
  double left = 0;
  for (double t : ys.ticks) left = std::max(left, TextWidth(FormatNumber(t, axis.decimals), font));
  left = std::ceil(left + 10);
  bool at_right = v.labels_right;
  const double right = at_right ? LabelColumn(labels, font) : kKeyRight;
  const double plot_w = v.width - left - right;

  // Dates across the plot, by month.
  double x0 = MonthIndex(*e.first), x1 = MonthIndex(*e.last);
  if (x1 - x0 < 1) x0 -= 1, x1 += 1;  // one date: a month either side
  auto rel = [&](const Date& d) { return plot_w * (MonthIndex(d) - x0) / (x1 - x0); };
  auto x = [&](const Date& d) { return left + rel(d); };

  // Rows above the plot: the unit, the deadline and the as-at date, each in
  // the first row it does not overlap.
  std::vector<RowText> top_texts;
  if (std::string unit = UnitCaption(c.kpi.unit); !unit.empty())
    top_texts.push_back({unit, Fit(unit, 0, "start", font, v.width)});
  std::optional<size_t> as_at_text;
  if (c.deadline) {
    std::string t = "Deadline " + c.deadline->Long();
    top_texts.push_back({t, Fit(t, x(*c.deadline), "middle", font, v.width)});
  }
  std::optional<Date> main_end;
  for (const auto& p : c.main.points) main_end = p.date;
  if (c.as_at && main_end && *main_end < *c.as_at) {
    as_at_text = top_texts.size();
    std::string t = "As at " + c.as_at->Long();
    top_texts.push_back({t, Fit(t, x(*c.as_at), "end", font, v.width)});
  }
  const int rows = PackRows(top_texts, font * 0.6);
  const double top = std::max(rows * lh, lh / 2) + 8, bottom = top + v.plot_height;
  auto y = [&](double val) { return top + v.plot_height * (1 - (val - ys.lo) / (ys.hi - ys.lo)); };

  // The end labels at the right, if they fit; else a key below.
  std::optional<std::vector<double>> tops;
  if (at_right) {
    std::vector<LabelBox> boxes;
    for (auto& l : labels) boxes.push_back({y(l.want), lh * l.lines.size()});
    tops = PlaceLabels(boxes, top - lh / 2, bottom, 2);
    at_right = tops.has_value();
  }

  std::string svg;
  // Grid and value axis.
  svg += "<g class=\"tracker-chart__grid\">\n";
  for (double t : ys.ticks) {
    svg += Line(left, y(t), left + plot_w, y(t), kGrid, 1);
    svg += Text(left - 6, y(t) + font * 0.35, FormatNumber(t, axis.decimals), "end", font);
  }
  svg += "</g>\n";
  for (const auto& t : top_texts) svg += Text(t.span.x, (t.row + 1) * lh - 4, t.text, t.span.anchor, font);
  // Date axis.
  svg += Line(left, bottom, left + plot_w, bottom, kText, 1);
  std::vector<Date> dates;
  for (const auto* s : series)
    for (const auto& p : s->points) dates.push_back(p.date);
  std::sort(dates.begin(), dates.end());
  for (const auto& t : ChooseDateTicks(dates, rel, -left, plot_w + right, font)) {
    const double tx = left + t.x;
    svg += Line(x(t.date), bottom, x(t.date), bottom + 5, kText, 1);
    svg += Text(tx, bottom + font + 8, t.label, t.anchor, font);
  }
  double end_y = bottom + font + 14;
  if (!axis.from_zero) {
    svg += Text(2, bottom + font + 8 + lh, "Axis does not start at zero", "start", font, " font-style=\"italic\"");
    end_y += lh;
  }
  // Reference lines: the deadline and the as-at date.
  if (c.deadline) svg += Line(x(*c.deadline), top, x(*c.deadline), bottom, kDark, 2, "2 4");
  if (as_at_text) svg += Line(x(*c.as_at), top, x(*c.as_at), bottom, kComparators[0], 2, "1 3");
  // Comparators first, then the target above them, then the authority's own.
  for (size_t i = series.size(); i-- > 1;) DrawSeries(*series[i], StyleOf(i), x, y, left + plot_w, bottom, font, svg);
  if (!c.target.empty()) {
    std::string d;
    for (size_t i = 0; i < c.target.size(); ++i) {
      const double xa = i == 0 ? left : std::max(left, x(c.target[i].from));
      const double xb = i + 1 < c.target.size() ? std::max(left, x(c.target[i + 1].from)) : left + plot_w;
      d += Cat(i == 0 ? "M" : "L", xa, " ", y(c.target[i].value), "L", xb, " ", y(c.target[i].value));
    }
    // A white casing keeps it visible where a comparator runs along it.
    svg += "<path d=\"" + d + "\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"6\"/>\n";
    svg += "<path class=\"tracker-chart__target\" d=\"" + d + "\" fill=\"none\" stroke=\"" + kTarget +
           "\" stroke-width=\"2.5\" stroke-dasharray=\"8 4\"/>\n";
  }
  DrawSeries(c.main, StyleOf(0), x, y, left + plot_w, bottom, font, svg);

  // Labels: at the right with a leader where one had to move, or a key below.
  for (size_t i = 0, k = 0; i < series.size(); ++i)
    if (const LinePoint* end = LastValue(*series[i])) labels[k++].from_x = x(end->date) + 6;
  if (!c.target.empty()) labels.back().from_x = left + plot_w;
  if (at_right) {
    for (auto& l : labels) l.want = y(l.want);
    DrawEndLabels(labels, *tops, left + plot_w, lh, font, svg);
  } else {
    end_y = DrawKey(labels, end_y + 4, v, svg);
  }
  return Cat(std::string_view(Open(c.id + v.suffix, c.title, c.desc, v.width, std::ceil(end_y + 4),
                                   std::string("tracker-chart tracker-chart--line ") + v.cls)),
             std::string_view(svg), "</svg>\n");
}

// One figure: a dot on a scale for each series, with its value, and the
// target as a line across them. Never a line through one point.
std::string DrawDotChart(const LineChart& c, const Variant& v) {
  const double lh = v.LineHeight(), font = v.font;
  const std::vector<const LineSeries*> series = SeriesOf(c);
  struct Row {
    std::vector<std::string> lines;
    std::string value;
    double at;
    Style style;
  };
  std::vector<Row> rows;
  double lo = 0, hi = 0;
  bool any = false;
  auto take = [&](double val) {
    lo = any ? std::min(lo, val) : val;
    hi = any ? std::max(hi, val) : val;
    any = true;
  };
  const double label_w = std::floor(v.width * 0.3);
  for (size_t i = 0; i < series.size(); ++i)
    if (const LinePoint* end = LastValue(*series[i])) {
      std::string when = i == 0 ? end->date.Long() : series[i]->period;
      std::vector<std::string> lines = WrapText(series[i]->label, label_w, font);
      if (!when.empty()) {
        auto more = WrapText(when, label_w, font);
        lines.insert(lines.end(), more.begin(), more.end());
      }
      rows.push_back({lines, FormatValue(c.kpi, *end->value), *end->value, StyleOf(i)});
      take(*end->value);
    }
  if (!c.target.empty()) take(c.target.back().value);
  // Ticks as many as fit their labels.
  ValueAxis axis;
  const double left = label_w + 16, width = v.width - left - 8;
  for (int count : {5, 4, 3, 2}) {
    axis = ChooseValueAxis(lo, hi, c.kpi.unit, count);
    double need = 0;
    for (double t : axis.scale.ticks) need += TextWidth(FormatNumber(t, axis.decimals), font) + font;
    if (need <= width) break;
  }
  const Scale& s = axis.scale;
  auto x = [&](double val) { return left + width * (val - s.lo) / (s.hi - s.lo); };
  std::vector<RowText> top_texts;
  if (std::string unit = UnitCaption(c.kpi.unit); !unit.empty())
    top_texts.push_back({unit, Fit(unit, 0, "start", font, v.width)});
  if (!c.target.empty())
    top_texts.push_back({c.target_label, Fit(c.target_label, x(c.target.back().value), "middle", font, v.width)});
  const int text_rows = PackRows(top_texts, font * 0.6);
  const double top = std::max(text_rows * lh, lh / 2) + 8;
  std::string svg;
  for (const auto& t : top_texts) svg += Text(t.span.x, (t.row + 1) * lh - 4, t.text, t.span.anchor, font);
  double yy = top;
  std::string dots;
  for (const Row& r : rows) {
    const double h = std::max<double>(r.lines.size(), 2) * lh + 8, mid = yy + h / 2;
    for (size_t k = 0; k < r.lines.size(); ++k)
      svg += Text(0, mid - lh * r.lines.size() / 2 + lh * (k + 1) - 4, r.lines[k], "start", font,
                  k == 0 ? " font-weight=\"bold\"" : "");
    svg += Line(left, mid, left + width, mid, kGrid, 1, "1 3");
    dots += Marker(r.style.marker, x(r.at), mid, r.style.colour, r.style.hollow);
    // The value beside its dot, on the side away from the target's line.
    const double w = TextWidth(r.value, font), dx = x(r.at);
    bool after = c.target.empty() || r.at >= c.target.back().value;
    if (after && dx + 10 + w > v.width) after = false;
    if (!after && dx - 10 - w < left) after = true;
    dots += Text(after ? dx + 10 : dx - 10, mid + font * 0.35, r.value, after ? "start" : "end", font,
                 " font-weight=\"bold\"");
    yy += h;
  }
  const double bottom = yy;
  svg += Line(left, bottom, left + width, bottom, kText, 1);
  for (double t : s.ticks) {
    svg += Line(x(t), bottom, x(t), bottom + 5, kText, 1);
    const std::string label = FormatNumber(t, axis.decimals);
    const Span at = Fit(label, x(t), "middle", font, v.width);
    svg += Text(at.x, bottom + font + 8, label, at.anchor, font);
  }
  if (!c.target.empty()) {
    const double tx = x(c.target.back().value);
    svg += Line(tx, top - 4, tx, bottom, "#ffffff", 6);
    svg += Line(tx, top - 4, tx, bottom, kTarget, 2.5, "8 4");
  }
  svg += dots;
  const double end_y = bottom + font + 14;
  return Cat(std::string_view(Open(c.id + v.suffix, c.title, c.desc, v.width, std::ceil(end_y + 4),
                                   std::string("tracker-chart tracker-chart--dot ") + v.cls)),
             std::string_view(svg), "</svg>\n");
}

std::string NoFigures(const std::string& id, const std::string& title, const std::string& desc, bool suppressed,
                      const Variant& v) {
  const double h = 120;
  std::string svg = Open(id + v.suffix, title, desc, v.width, h, std::string("tracker-chart ") + v.cls);
  svg += Text(v.width / 2, h / 2, "No figures to show", "middle", v.font + 2);
  if (suppressed) svg += Text(v.width / 2, h / 2 + 24, "Every value was suppressed or not reported", "middle", v.font);
  return svg + "</svg>\n";
}

}  // namespace

std::string RenderLineChart(const LineChart& c) {
  const std::vector<const LineSeries*> series = SeriesOf(c);
  const Extent e = ExtentOf(c, series);
  size_t own = 0;
  for (const auto& p : c.main.points) own += p.value.has_value();
  std::string out;
  if (!e.any || !e.first || own == 0) {
    for (const Variant& v : kVariants) out += NoFigures(c.id, c.title, c.desc, e.first.has_value(), v);
    return out;
  }
  if (own == 1) {
    for (const Variant& v : kVariants) out += DrawDotChart(c, v);
    return out;
  }
  // The description says so too, for readers who cannot see the axis.
  LineChart said = c;
  if (!ChooseValueAxis(e.lo, e.hi, c.kpi.unit).from_zero) said.desc += " The vertical axis does not start at zero.";
  for (const Variant& v : kVariants) out += DrawLineChart(said, v);
  return out;
}

std::string RenderSmallMultiples(const SmallMultiples& c) {
  const double width = 300, font = 14, lh = std::round(font * 1.3), plot_h = 120;
  double lo = 0, hi = 0;
  bool any = false;
  std::vector<Date> dates;
  for (const auto& item : c.items)
    for (const auto& p : item.points) {
      dates.push_back(p.date);
      if (p.value) {
        lo = any ? std::min(lo, *p.value) : *p.value;
        hi = any ? std::max(hi, *p.value) : *p.value;
        any = true;
      }
    }
  if (!any) return NoFigures(c.id, c.title, c.desc, !dates.empty(), kVariants[0]) + NoFigures(c.id, c.title, c.desc, !dates.empty(), kVariants[1]);
  if (c.target) hi = std::max(hi, *c.target), lo = std::min(lo, *c.target);
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  const ValueAxis axis = ChooseValueAxis(lo, hi, c.kpi.unit, 3);
  const Scale& s = axis.scale;
  double left = 0;
  for (double t : s.ticks) left = std::max(left, TextWidth(FormatNumber(t, axis.decimals), font));
  left = std::ceil(left + 10);
  const double plot_w = width - left - 8;
  double x0 = MonthIndex(dates.front()), x1 = MonthIndex(dates.back());
  if (x1 - x0 < 1) x0 -= 1, x1 += 1;
  auto rel = [&](const Date& d) { return plot_w * (MonthIndex(d) - x0) / (x1 - x0); };
  auto x = [&](const Date& d) { return left + rel(d); };
  const std::vector<DateTick> ticks = ChooseDateTicks(dates, rel, -left, plot_w + 8, font);
  std::string out = "<div class=\"tracker-multiples\">\n";
  for (size_t i = 0; i < c.items.size(); ++i) {
    const LineSeries& item = c.items[i];
    // The latest point, whether a figure or a symbol in its place.
    const LinePoint* end = item.points.empty() ? nullptr : &item.points.back();
    const std::string value = !end ? "no figure"
                              : end->value ? FormatValue(c.kpi, *end->value)
                              : end->symbol.empty() ? "not reported" : InSentence(SymbolMeaning(end->symbol));
    const std::string heading = item.label + ": " + value + (end ? " (" + ShortMonth(end->date) + ")" : "");
    const std::vector<std::string> lines = WrapText(heading, width, font, true);
    const double top = lines.size() * lh + 8, bottom = top + plot_h;
    auto y = [&](double val) { return top + plot_h * (1 - (val - s.lo) / (s.hi - s.lo)); };
    std::string svg;
    for (size_t k = 0; k < lines.size(); ++k)
      svg += Text(0, lh * (k + 1) - 4, lines[k], "start", font, " font-weight=\"bold\"");
    for (double t : s.ticks) {
      svg += Line(left, y(t), left + plot_w, y(t), kGrid, 1);
      svg += Text(left - 6, y(t) + font * 0.35, FormatNumber(t, axis.decimals), "end", font);
    }
    svg += Line(left, bottom, left + plot_w, bottom, kText, 1);
    for (const auto& t : ticks) {
      svg += Line(x(t.date), bottom, x(t.date), bottom + 5, kText, 1);
      svg += Text(left + t.x, bottom + font + 8, t.label, t.anchor, font);
    }
    double end_y = bottom + font + 14;
    if (c.target) {
      svg += Line(left, y(*c.target), left + plot_w, y(*c.target), "#ffffff", 6);
      svg += Line(left, y(*c.target), left + plot_w, y(*c.target), kTarget, 2.5, "8 4");
    }
    DrawSeries(item, StyleOf(0), x, y, left + plot_w, bottom, font, svg);
    if (c.target) {
      std::vector<Label> key = {{c.target_label, "", kTargetStyle, 0, 0, {}}};
      end_y = DrawKey(key, end_y, Variant{"", "", width, font, plot_h, false}, svg);
    }
    const std::string title = end ? item.label + ": " + value + " on " + end->date.Long() : item.label + ": no figure";
    out += Open(c.id + "-" + std::to_string(i + 1), title, c.desc, width, std::ceil(end_y + 4),
                "tracker-chart tracker-chart--multiple");
    out += svg + "</svg>\n";
  }
  return out + "</div>\n";
}

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
  if (target && target->Relative()) {
    // Judged against the comparator's figure for the last point's date.
    const int level = target->LevelAt(last.date);
    if (level >= 0) {
      const std::string t = FormatTargetLevel(kpi, *target, level);
      head += MeetsTarget(*last.value, *target, last.date) ? ", meeting the target of " + t : ", short of the target of " + t;
    }
  } else if (target) {
    std::string t = FormatValue(kpi, target->value);
    head += MeetsTarget(*last.value, *target, last.date) ? ", meeting the " + t + " target" : ", short of the " + t + " target";
  }
  return head;
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
