// The chart generator with random series: the bytes give a series' length,
// figures (any finite double a snapshot may hold), gaps, a target and a
// comparator. Whatever they are, the chart is drawn without a crash and
// without a coordinate that is not a number.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_check.h"
#include "model/site.h"
#include "render/chart.h"

namespace {

class Bytes {
 public:
  Bytes(const uint8_t* d, size_t n) : d_(d), n_(n) {}
  uint8_t Byte() { return i_ < n_ ? d_[i_++] : 0; }
  double Figure() {
    double v = 0;
    if (i_ + sizeof v <= n_) std::memcpy(&v, d_ + i_, sizeof v);
    i_ += sizeof v;
    // As the loaders allow: finite, at most kLargestFigure either way.
    if (!std::isfinite(v) || std::abs(v) > tracker::kLargestFigure) v = std::fmod(std::isfinite(v) ? v : 0, 1e6);
    return v;
  }
  bool done() const { return i_ >= n_; }

 private:
  const uint8_t* d_;
  size_t n_, i_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes b(data, size);
  tracker::chart::LineChart c;
  c.id = "c";
  c.title = "Title";
  c.desc = "Description";
  const uint8_t unit = b.Byte();
  c.kpi.id = "k";
  c.kpi.label = "Measure";
  c.kpi.unit = static_cast<tracker::Unit>(unit % 5);
  c.kpi.decimals = b.Byte() % 4;
  const int n = b.Byte() % 40;
  int month = b.Byte() % 12;
  int year = 2015 + b.Byte() % 10;
  for (int i = 0; i < n && !b.done(); ++i) {
    const uint8_t step = b.Byte();
    month += 1 + step % 3;
    year += month / 12;
    month %= 12;
    tracker::chart::LinePoint p;
    p.date = tracker::Date{year, month + 1, 0};
    if (step & 0x80) p.value = b.Figure();
    c.main.points.push_back(p);
  }
  if (b.Byte() & 1) c.target.push_back({c.main.points.empty() ? tracker::Date{2020, 1, 0} : c.main.points[0].date, b.Figure()});
  if (b.Byte() & 1) {
    tracker::chart::LineSeries england;
    england.label = "England";
    england.held = b.Byte() & 1;
    for (const auto& p : c.main.points) england.points.push_back({p.date, b.Figure(), ""});
    c.comparators.push_back(england);
  }
  const std::string svg = tracker::chart::RenderLineChart(c);
  FUZZ_CHECK(svg.find("nan") == std::string::npos, "no coordinate is not a number");
  FUZZ_CHECK(svg.find("inf") == std::string::npos, "no coordinate is infinite");
  return 0;
}
