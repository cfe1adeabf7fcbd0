// Numbers and values as readers see them, in one place. Never uses the C or
// C++ locale, so the output is the same on every machine.
#pragma once
#include <string>

#include "model/site.h"

namespace tracker {

// 1943 -> "1,943"; 12.345 with 1 decimal -> "12.3". Rounds half away from zero.
std::string FormatNumber(double v, int decimals);
// For machines: rounded the same way, without separators or trailing zeros:
// 1943.5 -> "1943.5".
void AppendPlainNumber(std::string* out, double v, int decimals);

// A value in the KPI's unit: "90%", "246 per 10,000", "1,943", "12 days".
std::string FormatValue(const Kpi& kpi, double v);
// Numbers as above; a GSS symbol as its meaning; null as "not reported".
std::string FormatScalar(const Kpi& kpi, const Scalar& s);

// "at least 90%", "below 550".
std::string FormatTarget(const Kpi& kpi, const Target& t);
std::string FormatTargetValue(const Kpi& kpi, const std::string& op, double value);

// "1 authority", "2 authorities".
std::string Plural(size_t n, const char* one, const char* many);

// The unit as a phrase for headings and axes: "per cent", "rate per 10,000".
std::string UnitPhrase(Unit u);

}  // namespace tracker
