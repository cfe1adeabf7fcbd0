#include "render/chart_layout.h"

#include "utf8.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace tracker::chart {

namespace {

struct Metric {
  char32_t code;
  short regular, bold;
};
constexpr Metric kMetrics[] = {
#include "font_metrics.inc"
};

const Metric* Find(char32_t c) {
  auto it = std::lower_bound(std::begin(kMetrics), std::end(kMetrics), c,
                             [](const Metric& m, char32_t x) { return m.code < x; });
  return it != std::end(kMetrics) && it->code == c ? it : nullptr;
}

int MonthNumber(const Date& d) { return d.year * 12 + (d.month ? d.month : 1) - 1; }

}  // namespace

std::string ShortMonth(const Date& d) {
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return d.month ? std::string(kMonths[d.month - 1]) + " " + std::to_string(d.year) : std::to_string(d.year);
}

double TextWidth(std::string_view text, double size, bool bold) {
  // Printable ASCII, most of every label, from a table; the rest searched.
  struct Ascii {
    short width[2][128] = {};
    Ascii() {
      for (char32_t c = 0; c < 128; ++c) {
        const Metric* m = Find(c) ? Find(c) : Find(U'M');
        width[0][c] = m->regular;
        width[1][c] = m->bold;
      }
    }
  };
  static const Ascii ascii;
  static const Metric* const m_wide = Find(U'M');
  const short* fast = ascii.width[bold ? 1 : 0];
  long total = 0;
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      total += fast[b];
      ++i;
      continue;
    }
    const Metric* m = Find(NextCodePoint(text, &i));
    if (!m) m = m_wide;
    total += bold ? m->bold : m->regular;
  }
  return total * size / 1000.0;
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

ValueAxis ChooseValueAxis(double lo, double hi, Unit unit, int ticks) {
  const bool percent = unit == Unit::kPercent;
  // A minimum span, centred on the data, so a 1-point gap never fills the chart.
  const double min_span = percent ? 10 : std::max(0.1 * std::max(std::fabs(lo), std::fabs(hi)), 1e-9);
  if (hi - lo < min_span) {
    const double mid = (lo + hi) / 2;
    lo = mid - min_span / 2;
    hi = mid + min_span / 2;
  }
  if (percent) {  // within 0 to 100, keeping the span
    if (lo < 0) hi = std::min(100.0, hi - lo), lo = 0;
    if (hi > 100) lo = std::max(0.0, lo - (hi - 100)), hi = 100;
  }
  // Counts and rates start at zero unless the data sit far from it.
  if (!percent && lo >= 0 && lo <= hi * 0.5) lo = 0;
  ValueAxis a;
  Scale& s = a.scale;
  s = NiceScale(lo, hi, ticks);
  if (percent) {
    s.lo = std::max(s.lo, 0.0);
    s.hi = std::min(s.hi, 100.0);
    s.ticks.erase(std::remove_if(s.ticks.begin(), s.ticks.end(), [&](double t) { return t < s.lo || t > s.hi; }),
                  s.ticks.end());
  }
  a.from_zero = s.lo <= 0 && s.hi >= 0;
  a.decimals = s.step < 1 ? (s.step < 0.1 ? 2 : 1) : 0;
  if (a.decimals == 1 && std::fabs(s.step * 10 - std::round(s.step * 10)) > 1e-9) a.decimals = 2;  // 0.25
  return a;
}

std::vector<DateTick> ChooseDateTicks(const std::vector<Date>& dates, const std::function<double(const Date&)>& x,
                                      double lo, double hi, double font_size) {
  // One candidate a month: the first date in it.
  std::vector<Date> months;
  for (const Date& d : dates)
    if (months.empty() || MonthNumber(d) != MonthNumber(months.back())) months.push_back(d);
  if (months.empty()) return {};
  auto tick = [&](const Date& d) {
    DateTick t{d, ShortMonth(d), x(d)};
    return t;
  };
  const double gap = font_size * 0.8;
  // The span a label covers, moved within the plot where centring would leave it.
  auto place = [&](DateTick& t) {
    const double w = TextWidth(t.label, font_size);
    double left = t.x - w / 2;
    t.anchor = "middle";
    if (left < lo) {
      t.anchor = "start";
      t.x = lo;
      left = lo;
    } else if (left + w > hi) {
      t.anchor = "end";
      t.x = hi;
      left = hi - w;
    }
    return std::pair{left, left + w};
  };
  const int first = MonthNumber(months.front());
  // Each month's tick, labelled and placed once for every step tried.
  std::vector<DateTick> all;
  all.reserve(months.size());
  for (const Date& d : months) all.push_back(tick(d));
  std::vector<DateTick> best;
  for (int step : {1, 2, 3, 4, 6, 12, 24, 36, 60, 120, 240}) {
    // More labels than could fit even if each were 3 ems ("Jan 2024" is
    // nearly 4): skip the work of placing them.
    const double count = std::floor(static_cast<double>(months.size() - 1) / step) + 1;
    if (count * 3 * font_size > hi - lo && step < 240) continue;
    std::vector<DateTick> ticks;
    for (size_t k = 0; k < months.size(); ++k)
      if ((MonthNumber(months[k]) - first) % step == 0) ticks.push_back(all[k]);
    if (ticks.back().date != months.back()) ticks.push_back(all.back());
    std::vector<std::pair<double, double>> spans;
    for (auto& t : ticks) spans.push_back(place(t));
    // A tick too close to the last gives way to it.
    while (ticks.size() > 2 && spans[spans.size() - 2].second + gap > spans.back().first) {
      ticks.erase(ticks.end() - 2);
      spans.erase(spans.end() - 2);
    }
    bool fits = true;
    for (size_t i = 1; i < spans.size(); ++i) fits = fits && spans[i - 1].second + gap <= spans[i].first;
    if (fits) return ticks;
    if (best.empty() || ticks.size() < best.size()) best = ticks;
  }
  // Not even the first and last fit side by side: the last alone.
  return {best.back()};
}

std::optional<std::vector<double>> PlaceLabels(const std::vector<LabelBox>& boxes, double lo, double hi,
                                               double gap) {
  const size_t n = boxes.size();
  double total = 0;
  for (const auto& b : boxes) total += b.height;
  if (total + gap * (n ? n - 1 : 0) > hi - lo + 1e-9) return std::nullopt;
  // Labels in the order of their points, top first; ties keep their order.
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return boxes[a].want < boxes[b].want; });
  // Clusters of touching labels, each placed so its labels' middles are, on
  // average, where their points are: merged with the one above while they
  // overlap, then kept within the bounds. The least total movement that
  // keeps the order (the 1-D case of Datawrapper's and d3's label placers).
  struct Cluster {
    size_t from, to;  // into `order`, [from, to)
    double top, height, sum_offset;
  };
  std::vector<Cluster> clusters;
  for (size_t k = 0; k < n; ++k) {
    const LabelBox& b = boxes[order[k]];
    Cluster c{k, k + 1, b.want - b.height / 2, b.height, 0};
    c.sum_offset = b.want - b.height / 2;  // its wanted top
    clusters.push_back(c);
    while (clusters.size() > 1) {
      Cluster& above = clusters[clusters.size() - 2];
      Cluster& me = clusters.back();
      if (above.top + above.height + gap <= me.top) break;
      // Merged: each label's wanted top, less its offset in the cluster, averaged.
      const size_t count_above = above.to - above.from, count_me = me.to - me.from;
      const double offset = above.height + gap;
      above.sum_offset += me.sum_offset - offset * count_me;
      above.height += gap + me.height;
      above.to = me.to;
      above.top = above.sum_offset / static_cast<double>(count_above + count_me);
      clusters.pop_back();
    }
  }
  // Within the bounds: push down from the top, then up from the bottom.
  double floor_top = lo;
  for (auto& c : clusters) {
    c.top = std::max(c.top, floor_top);
    floor_top = c.top + c.height + gap;
  }
  double ceiling = hi;
  for (auto c = clusters.rbegin(); c != clusters.rend(); ++c) {
    c->top = std::min(c->top, ceiling - c->height);
    ceiling = c->top - gap;
  }
  std::vector<double> tops(n);
  for (const auto& c : clusters) {
    double y = c.top;
    for (size_t k = c.from; k < c.to; ++k) {
      tops[order[k]] = y;
      y += boxes[order[k]].height + gap;
    }
  }
  return tops;
}

std::vector<std::string> WrapText(const std::string& text, double width, double size, bool bold) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t space = text.find(' ', start);
    std::string word = text.substr(start, space == std::string::npos ? std::string::npos : space - start);
    std::string longer = line.empty() ? word : line + " " + word;
    if (!line.empty() && TextWidth(longer, size, bold) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = longer;
    }
    if (space == std::string::npos) break;
    start = space + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace tracker::chart
