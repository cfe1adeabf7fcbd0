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
// Tables keep the KPI's decimals ("19.0"); sentences (`trim`) drop trailing
// zeros, so no sentence gives more decimals than the figure has ("19").
std::string FormatValue(const Kpi& kpi, double v, bool trim = false);
// The same with `decimals` of its own: official figures keep those their
// file gives, whatever the KPI's local figures use.
std::string FormatValueWith(const Kpi& kpi, double v, int decimals, bool trim = false);
// 1 -> "1st", 22 -> "22nd".
std::string Ordinal(int n);
// Numbers as above; a GSS symbol as its meaning; null as "not reported".
std::string FormatScalar(const Kpi& kpi, const Scalar& s);

// A difference or a change in the KPI's unit, for sentences: the KPI's own
// decimals (and `extra` more, for rates fitted to the figures), trailing
// zeros dropped, singular where it is 1: "1 percentage point", "0.5
// percentage points", "2.5 per 10,000", "3". Never "0": a difference too
// small to show is "less than 0.5 ...".
std::string FormatAmount(const Kpi& kpi, double v, int extra = 0);

// "at least 90%", "below 550".
// "at most 25"; a relative target by what it follows: "at or below England's figure".
std::string FormatTarget(const Kpi& kpi, const Target& t, bool trim = false);
// The same, with a relative target's value for one of its levels:
// "at or below England's figure (67 in the year to 31 March 2025)".
std::string FormatTargetLevel(const Kpi& kpi, const Target& t, int level, bool trim = false);
std::string FormatTargetValue(const Kpi& kpi, const std::string& op, double value, bool trim = false);

// "1 authority", "2 authorities".
std::string Plural(size_t n, const char* one, const char* many);

// The unit as a phrase for headings and axes: "per cent", "rate per 10,000".
std::string UnitPhrase(Unit u);

}  // namespace tracker
