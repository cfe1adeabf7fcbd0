#include "render/format.h"

#include <charconv>
#include <cmath>

namespace tracker {

std::string FormatNumber(double v, int decimals) {
  if (!std::isfinite(v)) return "not a number";
  double scale = std::pow(10.0, decimals);
  double rounded = std::round(std::fabs(v) * scale) / scale;
  bool negative = v < 0 && rounded != 0;
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, decimals);
  std::string digits(buf, r.ptr);
  size_t dot = digits.find('.');
  std::string whole = digits.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : digits.substr(dot);
  std::string grouped;
  int n = static_cast<int>(whole.size());
  for (int i = 0; i < n; ++i) {
    grouped += whole[i];
    int left = n - i - 1;
    if (left > 0 && left % 3 == 0) grouped += ',';
  }
  return (negative ? "-" : "") + grouped + frac;
}

std::string FormatValue(const Kpi& kpi, double v) {
  std::string n = FormatNumber(v, kpi.decimals);
  switch (kpi.unit) {
    case Unit::kPercent: return n + "%";
    case Unit::kRatePer10k: return n + " per 10,000";
    case Unit::kDays: return n + (n == "1" ? " day" : " days");
    case Unit::kCount:
    case Unit::kNumber: return n;
  }
  return n;
}

std::string FormatScalar(const Kpi& kpi, const Scalar& s) {
  if (const double* d = std::get_if<double>(&s)) return FormatValue(kpi, *d);
  if (const Symbol* sym = std::get_if<Symbol>(&s)) return SymbolMeaning(sym->code);
  return "not reported";
}

std::string FormatTargetValue(const Kpi& kpi, const std::string& op, double value) {
  std::string v = FormatValue(kpi, value);
  if (op == ">=") return "at least " + v;
  if (op == ">") return "more than " + v;
  if (op == "<=") return "at most " + v;
  if (op == "<") return "below " + v;
  return v;
}

std::string FormatTarget(const Kpi& kpi, const Target& t) { return FormatTargetValue(kpi, t.op, t.value); }

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string UnitPhrase(Unit u) {
  switch (u) {
    case Unit::kPercent: return "per cent";
    case Unit::kRatePer10k: return "rate per 10,000 children";
    case Unit::kDays: return "days";
    case Unit::kCount: return "number";
    case Unit::kNumber: return "number";
  }
  return "number";
}

}  // namespace tracker
