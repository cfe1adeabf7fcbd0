// Accessible SVG charts, drawn in the build: data in, SVG text out. No files,
// no templates, no clock. Everything that depends on colour is also told by
// dash patterns, marker shapes and direct labels; every chart has a title that
// states the finding and a description with the measure, place, period and
// source, and pages put the data table beside it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/site.h"

namespace tracker::chart {

// The palette: series colours with at least 3:1 contrast against the white
// background and against each other (tests/unit/chart_test.cc checks).
inline constexpr const char* kDark = "#12436d";   // the authority's own figures
inline constexpr const char* kLight = "#28a197";  // comparators
inline constexpr const char* kText = "#0b0c0c";
inline constexpr const char* kGrid = "#b1b4b6";   // decoration only
double ContrastRatio(const std::string& hex_a, const std::string& hex_b);

// Ticks at 1, 2, 2.5 or 5 x 10^n covering [lo, hi] with about `count` steps.
struct Scale {
  double lo = 0, hi = 1, step = 1;
  std::vector<double> ticks;
};
Scale NiceScale(double lo, double hi, int count = 5);

// Month, quarter or year ticks between two dates, at most `max_labels`.
struct DateTick {
  Date date;
  std::string label;
};
std::vector<DateTick> DateTicks(const Date& first, const Date& last, int max_labels = 6);

struct LinePoint {
  Date date;
  std::optional<double> value;  // empty: a gap
  std::string symbol;           // a GSS symbol stood here, e.g. "c"
};

struct LineSeries {
  std::string label;
  std::vector<LinePoint> points;
};

struct TargetStep {
  Date from;
  double value = 0;
};

struct LineChart {
  std::string id;     // unique on the page, derived from the page and chart
  std::string title;  // states the finding
  std::string desc;   // measure, authority, period and source
  Kpi kpi;            // unit, decimals and label for the axis and values
  LineSeries main;
  std::vector<LineSeries> comparators;
  std::vector<TargetStep> target;  // one step: a level line; several: stepped
  std::string target_label;        // "Target: at least 90%"
  std::optional<Date> deadline;
  std::optional<Date> as_at;       // marked when the series ends earlier
};
std::string RenderLineChart(const LineChart& c);

struct Bar {
  std::string label;
  std::optional<double> value;
  std::string symbol;  // GSS symbol when there is no value
};

struct BarGroup {
  Date date;
  std::vector<Bar> bars;
};

struct BarChart {
  std::string id, title, desc;
  Kpi kpi;
  std::vector<BarGroup> groups;  // one panel per date, newest first
  std::optional<double> target;
  std::string target_label;
};
std::string RenderBarChart(const BarChart& c);

// The same chart under another id: a chart's id is only in its opening
// (the title and description it is labelled by), so a page that shows a
// chart already drawn for another page renames it rather than drawing it
// again.
std::string WithId(const std::string& svg, const std::string& from, const std::string& to);

// A small line of the last 12 values for the dashboard, hidden from screen
// readers: the page states the figure in text beside it.
std::string RenderSparkline(const Kpi& kpi, const std::vector<LinePoint>& points,
                            std::optional<double> target);

// "Child in need visits in time rose to 90%, meeting the 90% target".
std::string FindingTitle(const Kpi& kpi, const std::vector<LinePoint>& points,
                         const std::optional<Target>& target);

// Numbers for SVG attributes: fixed, one decimal, never the locale's.
std::string Coord(double v);
void AppendCoord(std::string* out, double v);

}  // namespace tracker::chart
