#include "render/format.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tracker {

namespace {

// |v| rounded half away from zero to `decimals` places, as fixed digits in
// `buf`; returns the end. `negative` is whether a minus sign is due: not for
// a value that rounds to zero.
char* RoundedDigits(double v, int decimals, char* buf, char* end, bool* negative) {
  // Every power of ten to 10^22 is exact as a double, so this table equals
  // std::pow(10, decimals) for the 0 to 20 places asked of it, and costs a
  // load instead of a call: figures are formatted a few million times.
  static constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10,
                                       1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20};
  const double scale = kPowers[std::clamp(decimals, 0, 20)];
  double scaled = std::round(std::fabs(v) * scale);
  *negative = v < 0 && scaled != 0;
  // Below 10^15 the digits of the whole number `scaled`, with the point put
  // in, are exactly what to_chars prints for scaled / scale: the quotient is
  // far nearer to them than to any other `decimals`-place number. Most
  // figures take this way, which costs a tenth of the general one.
  if (scaled < 1e15) {
    char digits[24];
    const int n = static_cast<int>(
        std::to_chars(digits, digits + sizeof digits, static_cast<unsigned long long>(scaled)).ptr - digits);
    // The digits, zero-padded on the left to at least one whole digit.
    const int len = std::max(n, decimals + 1), pad = len - n;
    auto digit = [&](int i) { return i < pad ? '0' : digits[i - pad]; };
    char* out = buf;
    for (int i = 0; i < len - decimals; ++i) *out++ = digit(i);
    if (decimals > 0) {
      *out++ = '.';
      for (int i = len - decimals; i < len; ++i) *out++ = digit(i);
    }
    return out;
  }
  return std::to_chars(buf, end, scaled / scale, std::chars_format::fixed, decimals).ptr;
}

}  // namespace

std::string FormatNumber(double v, int decimals) {
  if (!std::isfinite(v)) return "not a number";
  char buf[352];  // the widest double in fixed notation, with its decimals
  bool negative = false;
  char* end = RoundedDigits(v, std::min(decimals, 20), buf, buf + sizeof buf, &negative);
  char* dot = std::find(buf, end, '.');
  const int n = static_cast<int>(dot - buf);
  std::string out;
  out.reserve((end - buf) + n / 3 + 1);
  if (negative) out += '-';
  for (int i = 0; i < n; ++i) {
    out += buf[i];
    int left = n - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  out.append(dot, end);
  return out;
}

void AppendPlainNumber(std::string* out, double v, int decimals) {
  if (!std::isfinite(v)) {
    *out += "not a number";
    return;
  }
  char buf[352];
  bool negative = false;
  char* end = RoundedDigits(v, std::min(decimals, 20), buf, buf + sizeof buf, &negative);
  if (std::find(buf, end, '.') != end) {
    while (end[-1] == '0') --end;
    if (end[-1] == '.') --end;
  }
  if (negative) *out += '-';
  out->append(buf, end);
}

std::string Ordinal(int n) {
  const int tens = n % 100, units = n % 10;
  const char* suffix = tens >= 11 && tens <= 13 ? "th" : units == 1 ? "st" : units == 2 ? "nd" : units == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

std::string FormatValue(const Kpi& kpi, double v, bool trim) { return FormatValueWith(kpi, v, kpi.decimals, trim); }

std::string FormatValueWith(const Kpi& kpi, double v, int decimals, bool trim) {
  std::string n = FormatNumber(v, decimals);
  if (trim && n.find('.') != std::string::npos) {
    while (n.back() == '0') n.pop_back();
    if (n.back() == '.') n.pop_back();
  }
  switch (kpi.unit) {
    case Unit::kPercent: return n + "%";
    case Unit::kRatePer10k: return n + " per 10,000";
    case Unit::kDays: return n + (n == "1" ? " day" : " days");
    case Unit::kCount:
    case Unit::kNumber: return n;
  }
  return n;
}

std::string FormatAmount(const Kpi& kpi, double v, int extra) {
  const int decimals = kpi.decimals + extra;
  v = std::fabs(v);
  std::string n;
  AppendPlainNumber(&n, v, decimals);
  std::string prefix;
  if (n == "0") {
    prefix = "less than ";
    n = "0." + std::string(static_cast<size_t>(decimals), '0') + "5";  // what rounds to 0
  } else {
    // Thousands separated as FormatNumber does, with the decimals kept.
    size_t dot = n.find('.');
    std::string whole = n.substr(0, dot), grouped;
    for (size_t i = 0; i < whole.size(); ++i) {
      grouped += whole[i];
      size_t left = whole.size() - i - 1;
      if (left > 0 && left % 3 == 0) grouped += ',';
    }
    n = grouped + (dot == std::string::npos ? "" : n.substr(dot));
  }
  const bool one = prefix.empty() && n == "1";
  switch (kpi.unit) {
    case Unit::kPercent: return prefix + n + (one ? " percentage point" : " percentage points");
    case Unit::kRatePer10k: return prefix + n + " per 10,000";
    case Unit::kDays: return prefix + n + (one ? " day" : " days");
    case Unit::kCount:
    case Unit::kNumber: return prefix + n;
  }
  return prefix + n;
}

std::string FormatScalar(const Kpi& kpi, const Scalar& s) {
  if (const double* d = std::get_if<double>(&s)) return FormatValue(kpi, *d);
  if (const Symbol* sym = std::get_if<Symbol>(&s)) return SymbolMeaning(sym->code);
  return "not reported";
}

std::string FormatTargetValue(const Kpi& kpi, const std::string& op, double value, bool trim) {
  std::string v = FormatValue(kpi, value, trim);
  if (op == ">=") return "at least " + v;
  if (op == ">") return "more than " + v;
  if (op == "<=") return "at most " + v;
  if (op == "<") return "below " + v;
  return v;
}

std::string FormatTarget(const Kpi& kpi, const Target& t, bool trim) {
  if (!t.Relative()) return FormatTargetValue(kpi, t.op, t.value, trim);
  const std::string name = RelativeName(t.relative_to);
  if (t.op == ">=") return "at or above " + name;
  if (t.op == ">") return "above " + name;
  if (t.op == "<=") return "at or below " + name;
  return "below " + name;
}

std::string FormatTargetLevel(const Kpi& kpi, const Target& t, int level, bool trim) {
  if (!t.Relative()) return FormatTarget(kpi, t, trim);
  std::string out = FormatTarget(kpi, t, trim);
  if (level < 0 || level >= static_cast<int>(t.levels.size())) return out;
  std::string period = t.levels[level].period;  // "Year ending 31 March 2025"
  if (!period.empty() && period[0] >= 'A' && period[0] <= 'Z') period[0] = static_cast<char>(period[0] - 'A' + 'a');
  return out + " (" + FormatValue(kpi, t.levels[level].value, trim) + " in the " + period + ")";
}

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
