// Accessible SVG charts, drawn in the build: data in, SVG text out. No files,
// no templates, no clock. Everything that depends on colour is also told by
// dash patterns, marker shapes and direct labels; every chart has a title that
// states the finding and a description with the measure, place, period and
// source, and pages put the data table beside it. Text is measured with
// Arial's metrics (chart_layout.h), so no label overlaps another, a line's
// end or the edge.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/site.h"
#include "render/chart_layout.h"

namespace tracker::chart {

// The palette, from the Government Analysis Function's: every colour has at
// least 3:1 contrast against the white background (tests/unit/chart_test.cc
// checks), and each series also has its own dash pattern and marker.
inline constexpr const char* kDark = "#12436d";    // the authority's own figures
inline constexpr const char* kTarget = "#3d3d3d";  // the target, in a colour of its own, drawn above comparators
inline constexpr const char* kText = "#0b0c0c";
inline constexpr const char* kGrid = "#b1b4b6";    // decoration only
// Comparators in turn: England, statistical neighbours, the region.
inline constexpr const char* kComparators[] = {"#28a197", "#801650", "#6f72af"};
inline constexpr const char* kLight = kComparators[0];
double ContrastRatio(const std::string& hex_a, const std::string& hex_b);

struct LinePoint {
  Date date;
  std::optional<double> value;  // empty: a gap
  std::string symbol;           // a GSS symbol stood here, e.g. "c"
};

struct LineSeries {
  std::string label;
  std::vector<LinePoint> points;
  // Published for a period (a year ending 31 March): each figure is drawn
  // at its period's end and held, as a step, until the next; `period` names
  // the latest figure's period in its label.
  bool held = false;
  std::string period;
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
  std::string target_label;        // "Target at least 90%"
  std::optional<Date> deadline;
  std::optional<Date> as_at;       // marked when the series ends earlier
};
// The chart as HTML: a wide SVG and a narrow one for small screens, of which
// the theme's CSS shows one. A series of one figure is a dot on a scale,
// never a line.
std::string RenderLineChart(const LineChart& c);

// A KPI broken down by item (a team): one small chart per item, all on one
// scale and each with the target, so each item's trend can be seen.
struct SmallMultiples {
  std::string id, title, desc;
  Kpi kpi;
  std::vector<LineSeries> items;
  std::optional<double> target;
  std::string target_label;
};
std::string RenderSmallMultiples(const SmallMultiples& c);

// The same chart under another id: a chart's ids are only in its SVGs'
// openings (the title and description each is labelled by), so a page that
// shows a chart already drawn for another renames it rather than drawing it
// again.
std::string WithId(const std::string& html, const std::string& from, const std::string& to);

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
