#include <doctest/doctest.h>

#include <algorithm>
#include <charconv>
#include <clocale>
#include <cmath>
#include <random>
#include <vector>

#include "render/format.h"

using namespace tracker;

namespace {
Kpi K(Unit u, int decimals = 0) {
  Kpi k;
  k.id = "k";
  k.unit = u;
  k.decimals = decimals;
  return k;
}
}  // namespace

TEST_CASE("numbers get thousands separators and fixed decimals") {
  CHECK(FormatNumber(1943, 0) == "1,943");
  CHECK(FormatNumber(1234567.891, 2) == "1,234,567.89");
  CHECK(FormatNumber(12.25, 1) == "12.3");  // half away from zero
  CHECK(FormatNumber(-0.04, 1) == "0.0");
  CHECK(FormatNumber(-1500, 0) == "-1,500");
  CHECK(FormatNumber(999, 0) == "999");
}

TEST_CASE("the C locale never reaches the output") {
  const char* old = std::setlocale(LC_ALL, nullptr);
  std::string saved = old ? old : "C";
  if (std::setlocale(LC_ALL, "de_DE.UTF-8") || std::setlocale(LC_ALL, "fr_FR.UTF-8")) {
    CHECK(FormatNumber(1234.5, 1) == "1,234.5");
  }
  std::setlocale(LC_ALL, saved.c_str());
  CHECK(FormatNumber(1234.5, 1) == "1,234.5");
}

TEST_CASE("values are written in their unit") {
  CHECK(FormatValue(K(Unit::kPercent), 90) == "90%");
  CHECK(FormatValue(K(Unit::kRatePer10k), 246) == "246 per 10,000");
  CHECK(FormatValue(K(Unit::kCount), 1943) == "1,943");
  CHECK(FormatValue(K(Unit::kDays), 1) == "1 day");
  CHECK(FormatValue(K(Unit::kDays), 12) == "12 days");
  CHECK(FormatValue(K(Unit::kNumber, 1), 19) == "19.0");
}

TEST_CASE("GSS symbols and nulls are words, never blank or zero") {
  Kpi k = K(Unit::kPercent);
  CHECK(FormatScalar(k, Symbol{"c"}) == "suppressed");
  CHECK(FormatScalar(k, Symbol{"x"}) == "not available");
  CHECK(FormatScalar(k, Symbol{"z"}) == "not applicable");
  CHECK(FormatScalar(k, Symbol{"low"}) == "rounds to zero");
  CHECK(FormatScalar(k, Symbol{"u"}) == "low reliability");
  CHECK(FormatScalar(k, Missing{}) == "not reported");
}

TEST_CASE("targets read as words") {
  Kpi k = K(Unit::kPercent);
  CHECK(FormatTargetValue(k, ">=", 90) == "at least 90%");
  CHECK(FormatTargetValue(k, ">", 90) == "more than 90%");
  CHECK(FormatTargetValue(k, "<=", 25) == "at most 25%");
  CHECK(FormatTargetValue(k, "<", 25) == "below 25%");
}

TEST_CASE("plain numbers for machines: the same rounding, no separators, no trailing zeros") {
  auto plain = [](double v, int decimals) {
    std::string s = "=";
    AppendPlainNumber(&s, v, decimals);
    return s;
  };
  CHECK(plain(1943, 6) == "=1943");
  CHECK(plain(1943.5, 6) == "=1943.5");
  CHECK(plain(1234567.25, 6) == "=1234567.25");
  CHECK(plain(0.1 + 0.2, 6) == "=0.3");
  CHECK(plain(-2.5, 0) == "=-3");  // half away from zero, as FormatNumber
  CHECK(plain(-0.0000001, 6) == "=0");  // no minus sign on a zero
  CHECK(plain(12.3456789, 6) == "=12.345679");
  CHECK(plain(1e300, 2).size() == 302);  // wide values fit
  CHECK(FormatNumber(1e300, 0).size() == 301 + 100);
}

namespace {
// FormatNumber as it was before its whole-number shortcut: to_chars's exact
// fixed notation of the rounded value, with separators.
std::string ReferenceNumber(double v, int decimals) {
  char buf[352];
  double scale = std::pow(10.0, decimals);
  double rounded = std::round(std::fabs(v) * scale) / scale;
  bool negative = v < 0 && rounded != 0;
  char* end = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, decimals).ptr;
  char* dot = std::find(buf, end, '.');
  const int n = static_cast<int>(dot - buf);
  std::string out = negative ? "-" : "";
  for (int i = 0; i < n; ++i) {
    out += buf[i];
    if (int left = n - i - 1; left > 0 && left % 3 == 0) out += ',';
  }
  return out.append(dot, end);
}
}  // namespace

TEST_CASE("the whole-number shortcut writes every number exactly as to_chars does") {
  std::mt19937_64 rng(20261201);
  std::uniform_real_distribution<double> unit(-1, 1);
  std::vector<double> values = {0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.05, 0.15, 0.25, 0.35, 1.005, 2.675, 1e14, 9.99999999999e14,
                                1e15, 1e16, 123456789.125, -0.004, -0.005, 0.0049999999, 1e-300, 5e-324};
  for (int i = 0; i < 1000000; ++i) {
    double magnitude = std::pow(10.0, static_cast<int>(rng() % 19) - 4);
    double v = unit(rng) * magnitude;
    // Exact halves and quarters too, where rounding is decided by a tie.
    if (i % 7 == 0) v = std::round(v * 8) / 8;
    values.push_back(v);
  }
  size_t mismatches = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    int decimals = static_cast<int>(i % 7);
    if (FormatNumber(values[i], decimals) != ReferenceNumber(values[i], decimals) && ++mismatches < 5)
      CHECK(FormatNumber(values[i], decimals) == ReferenceNumber(values[i], decimals));
  }
  CHECK(mismatches == 0);
  CHECK(FormatNumber(1234567.5, 0) == "1,234,568");
  CHECK(FormatNumber(0.05, 1) == "0.1");
  CHECK(FormatNumber(-0.04, 1) == "0.0");
  CHECK(FormatNumber(7, 3) == "7.000");
}

TEST_CASE("numbers for people: amounts in sentences use the data's precision, singular for one, never zero") {
  CHECK(FormatAmount(K(Unit::kPercent), 1) == "1 percentage point");
  CHECK(FormatAmount(K(Unit::kPercent), -3) == "3 percentage points");
  CHECK(FormatAmount(K(Unit::kPercent), 0.5, 1) == "0.5 percentage points");
  CHECK(FormatAmount(K(Unit::kPercent), 1.04, 1) == "1 percentage point");  // no "1.0"
  CHECK(FormatAmount(K(Unit::kPercent), 0.16667, 1) == "0.2 percentage points");
  CHECK(FormatAmount(K(Unit::kPercent), 0.00001, 1) == "less than 0.05 percentage points");  // never "0.00000"
  CHECK(FormatAmount(K(Unit::kCount), 0.2) == "less than 0.5");
  CHECK(FormatAmount(K(Unit::kCount), 1234.4) == "1,234");
  CHECK(FormatAmount(K(Unit::kDays), 1) == "1 day");
  CHECK(FormatAmount(K(Unit::kDays), 2.5, 1) == "2.5 days");
  CHECK(FormatAmount(K(Unit::kRatePer10k), 20) == "20 per 10,000");
  CHECK(FormatAmount(K(Unit::kNumber, 1), 0.16667, 1) == "0.17");
  // Sentences drop a table's trailing zeros: "19", not "19.0"; "70", not "70.0000".
  CHECK(FormatValue(K(Unit::kNumber, 1), 19, true) == "19");
  CHECK(FormatValue(K(Unit::kNumber, 1), 19) == "19.0");
  CHECK(FormatValue(K(Unit::kNumber, 4), 70, true) == "70");
  CHECK(FormatValue(K(Unit::kPercent, 1), 85.25, true) == "85.3%");
  CHECK(FormatTarget(K(Unit::kNumber, 1), Target{"<=", 18, "all", {}}, true) == "at most 18");
}
