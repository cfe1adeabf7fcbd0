#include <doctest/doctest.h>

#include "test_dates.h"

#include <algorithm>
#include <cmath>

#include "render/chart_layout.h"

using namespace tracker;
using namespace tracker::chart;

namespace {

std::vector<Date> MonthEnds(const char* start, int n) {
  std::vector<Date> out;
  Date d = D(start);
  for (int i = 0; i < n; ++i) {
    out.push_back(d);
    int m = d.month % 12 + 1, y = d.year + (d.month == 12);
    d = Date{y, m, DaysInMonth(y, m)};
  }
  return out;
}

// x by month across `width`, as the charts place dates.
std::function<double(const Date&)> Across(const std::vector<Date>& dates, double width) {
  const double a = dates.front().year * 12 + dates.front().month, b = dates.back().year * 12 + dates.back().month;
  return [=](const Date& d) { return b == a ? width / 2 : width * ((d.year * 12 + d.month) - a) / (b - a); };
}

// The horizontal span a tick's label covers.
std::pair<double, double> SpanOf(const DateTick& t, double font) {
  const double w = TextWidth(t.label, font);
  const std::string anchor = t.anchor;
  const double left = anchor == "start" ? t.x : anchor == "end" ? t.x - w : t.x - w / 2;
  return {left, left + w};
}

void CheckApartAndInside(const std::vector<DateTick>& ticks, double width, double font) {
  for (size_t i = 0; i < ticks.size(); ++i) {
    auto [l, r] = SpanOf(ticks[i], font);
    CHECK(l >= -1e-9);
    CHECK(r <= width + 1e-9);
    if (i) CHECK(SpanOf(ticks[i - 1], font).second < l);
  }
}

}  // namespace

TEST_CASE("text is measured with Arial's metrics, from Liberation Sans") {
  // Arial's advance widths, in thousandths of an em.
  CHECK(TextWidth("0123456789", 1000) == doctest::Approx(5560));
  CHECK(TextWidth("M", 1000) == doctest::Approx(833));
  CHECK(TextWidth("i", 1000) == doctest::Approx(222));
  CHECK(TextWidth(" ", 1000) == doctest::Approx(278));
  CHECK(TextWidth("i", 1000, true) == doctest::Approx(278));
  CHECK(TextWidth("Sep 2023", 14) == doctest::Approx((667 + 556 + 556 + 278 + 4 * 556) * 14 / 1000.0));
  CHECK(TextWidth("\u2019", 1000) == doctest::Approx(222));  // a right single quote is known
  // What the table does not know counts as wide as "M": never short.
  CHECK(TextWidth("\u4e2d", 1000) == doctest::Approx(833));
  CHECK(TextWidth("", 14) == 0);
}

TEST_CASE("the time axis names as many of the data's months as fit, always the first and the last") {
  const double font = 14;
  auto dates = MonthEnds("2023-01-31", 24);
  SUBCASE("room for every month") {
    auto ticks = ChooseDateTicks(dates, Across(dates, 2400), 0, 2400, font);
    CHECK(ticks.size() == 24);
    CheckApartAndInside(ticks, 2400, font);
  }
  SUBCASE("a desktop chart: every few months, counted from the first") {
    auto ticks = ChooseDateTicks(dates, Across(dates, 460), 0, 460, font);
    REQUIRE(ticks.size() >= 3);
    CHECK(ticks.size() < 24);
    CHECK(ticks.front().label == "Jan 2023");
    CHECK(ticks.back().label == "Dec 2024");
    CHECK(ticks[1].label != "Feb 2023");
    CheckApartAndInside(ticks, 460, font);
  }
  SUBCASE("a phone: the first and the last") {
    auto ticks = ChooseDateTicks(dates, Across(dates, 200), 0, 200, font);
    REQUIRE(ticks.size() == 2);
    CHECK(ticks.front().label == "Jan 2023");
    CHECK(ticks.back().label == "Dec 2024");
    CheckApartAndInside(ticks, 200, font);
  }
  SUBCASE("six months, which used to name only two") {
    // Labels at the plot's ends may reach into the margins.
    auto six = MonthEnds("2024-05-31", 6);
    auto ticks = ChooseDateTicks(six, Across(six, 420), -30, 450, font);
    CHECK(ticks.size() == 6);
    for (size_t i = 1; i < ticks.size(); ++i) CHECK(SpanOf(ticks[i - 1], font).second < SpanOf(ticks[i], font).first);
    CHECK(SpanOf(ticks.front(), font).first >= -30);
    CHECK(SpanOf(ticks.back(), font).second <= 450);
  }
  SUBCASE("quarterly figures are named at their own months") {
    std::vector<Date> q = {D("2023-03-31"), D("2023-06-30"), D("2023-09-30"), D("2023-12-31"), D("2024-03-31")};
    auto ticks = ChooseDateTicks(q, Across(q, 460), 0, 460, font);
    CHECK(ticks.size() == 5);
    CHECK(ticks[1].label == "Jun 2023");
  }
  SUBCASE("one date") {
    std::vector<Date> one = {D("2023-09-21")};
    auto ticks = ChooseDateTicks(one, Across(one, 300), 0, 300, font);
    REQUIRE(ticks.size() == 1);
    CHECK(ticks[0].label == "Sep 2023");
  }
  SUBCASE("labels at the edges are moved inside, not clipped") {
    auto ticks = ChooseDateTicks(dates, Across(dates, 460), 0, 460, font);
    CHECK(std::string(ticks.front().anchor) == "start");
    CHECK(std::string(ticks.back().anchor) == "end");
  }
}

TEST_CASE("the value axis never zooms in on noise, and starts counts at zero unless the data are far from it") {
  // One value against its target: 89% and 90% used to fill the chart.
  ValueAxis a = ChooseValueAxis(89, 90, Unit::kPercent);
  CHECK(a.scale.hi - a.scale.lo >= 10);
  CHECK(a.scale.lo <= 89);
  CHECK(a.scale.hi >= 90);
  CHECK_FALSE(a.from_zero);
  // Percentages stay within 0 to 100.
  a = ChooseValueAxis(96, 100, Unit::kPercent);
  CHECK(a.scale.hi == 100);
  CHECK(a.scale.lo <= 90);
  a = ChooseValueAxis(1, 3, Unit::kPercent);
  CHECK(a.scale.lo == 0);
  CHECK(a.scale.hi >= 10);
  // Counts near their target: a span of at least a tenth of the value.
  a = ChooseValueAxis(543, 550, Unit::kCount);
  CHECK(a.scale.hi - a.scale.lo >= 55);
  CHECK_FALSE(a.from_zero);
  // Counts that reach near zero start at it.
  a = ChooseValueAxis(10, 40, Unit::kCount);
  CHECK(a.scale.lo == 0);
  CHECK(a.from_zero);
  a = ChooseValueAxis(21.5, 23, Unit::kNumber);
  CHECK(a.scale.hi - a.scale.lo >= 2.3);
  // Tick labels carry the decimals the step needs.
  CHECK(ChooseValueAxis(0, 1, Unit::kNumber).decimals >= 1);
  CHECK(ChooseValueAxis(0, 1000, Unit::kCount).decimals == 0);
}

TEST_CASE("end labels never overlap, keep their order, stay inside, and move as little as they can") {
  const double h = 18, gap = 2;
  SUBCASE("four series ending within 3 points of each other") {
    // y grows downwards: 3 points on a 240-unit axis of 60 points is 12 units.
    std::vector<LabelBox> boxes = {{100, h}, {106, h}, {112, h}, {103, h}};
    auto tops = PlaceLabels(boxes, 20, 260, gap);
    REQUIRE(tops);
    std::vector<size_t> order = {0, 3, 1, 2};  // by the points' heights
    for (size_t k = 1; k < order.size(); ++k) CHECK((*tops)[order[k - 1]] + h + gap <= (*tops)[order[k]] + 1e-9);
    // Centred as a block on their points: the mean middle is the mean point.
    double mid = 0, want = 0;
    for (size_t i = 0; i < boxes.size(); ++i) mid += (*tops)[i] + h / 2, want += boxes[i].want;
    CHECK(mid == doctest::Approx(want));
  }
  SUBCASE("labels far apart stay where their points are") {
    std::vector<LabelBox> boxes = {{50, h}, {150, h}};
    auto tops = PlaceLabels(boxes, 0, 300, gap);
    REQUIRE(tops);
    CHECK((*tops)[0] == doctest::Approx(50 - h / 2));
    CHECK((*tops)[1] == doctest::Approx(150 - h / 2));
  }
  SUBCASE("pressed against the edges, they stay inside") {
    std::vector<LabelBox> boxes = {{0, h}, {1, h}, {299, h}, {300, 2 * h}};
    auto tops = PlaceLabels(boxes, 0, 300, gap);
    REQUIRE(tops);
    for (size_t i = 0; i < boxes.size(); ++i) {
      CHECK((*tops)[i] >= 0);
      CHECK((*tops)[i] + boxes[i].height <= 300 + 1e-9);
    }
    CHECK((*tops)[0] + h + gap <= (*tops)[1] + 1e-9);
    CHECK((*tops)[2] + h + gap <= (*tops)[3] + 1e-9);
  }
  SUBCASE("too many to fit: none placed, so the chart uses a key") {
    std::vector<LabelBox> boxes(10, LabelBox{50, 30});
    CHECK_FALSE(PlaceLabels(boxes, 0, 200, gap));
  }
}

TEST_CASE("text wraps by its measured width") {
  auto lines = WrapText("Statistical neighbours average", 150, 14);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "Statistical neighbours");
  for (const auto& l : lines) CHECK(TextWidth(l, 14) <= 150);
  CHECK(WrapText("Supercalifragilisticexpialidocious", 50, 14).size() == 1);  // a long word stands alone
}
