#include "model/date.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace tracker {

namespace {
const std::array<const char*, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

bool IsDigits(const std::string& s, size_t from, size_t n) {
  if (from + n > s.size()) return false;
  for (size_t i = from; i < from + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

int Num(const std::string& s, size_t from, size_t n) {
  int v = 0;
  for (size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}
}  // namespace

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date DateFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

long Date::FirstDay() const {
  return DaysFromCivil(year, month ? month : 1, day ? day : 1);
}

long Date::LastDay() const {
  int m = month ? month : 12;
  return DaysFromCivil(year, m, day ? day : DaysInMonth(year, m));
}

namespace {
// Appends n as `width` digits, zero-padded; the common case of a date's
// parts, written without printf.
void AppendDigits(std::string& out, int n, int width) {
  char buf[12];
  int len = 0;
  unsigned v = static_cast<unsigned>(n);
  do buf[len++] = static_cast<char>('0' + v % 10); while ((v /= 10) && len < 12);
  for (int i = len; i < width; ++i) out += '0';
  while (len) out += buf[--len];
}
}  // namespace

std::string Date::Iso() const {
  if (year < 0 || year > 9999) {  // outside what the content model accepts; printf says it plainly
    char buf[32];
    std::snprintf(buf, sizeof buf, day ? "%04d-%02d-%02d" : month ? "%04d-%02d" : "%04d", year, month, day);
    return buf;
  }
  std::string out;
  out.reserve(10);
  AppendDigits(out, year, 4);
  if (month) {
    out += '-';
    AppendDigits(out, month, 2);
    if (day) {
      out += '-';
      AppendDigits(out, day, 2);
    }
  }
  return out;
}

std::string Date::Long() const {
  std::string out;
  out.reserve(20);
  if (month && day) {
    AppendDigits(out, day, 1);
    out += ' ';
  }
  if (month) {
    out += kMonths[month - 1];
    out += ' ';
  }
  if (year < 0) out += std::to_string(year);
  else AppendDigits(out, year, 1);
  return out;
}

std::optional<Date> ParseDate(const std::string& s, std::string* why) {
  auto fail = [&](const std::string& w) -> std::optional<Date> {
    if (why) *why = w;
    return std::nullopt;
  };
  const char* kForm = "a date is written YYYY, YYYY-MM or YYYY-MM-DD";
  if (!IsDigits(s, 0, 4)) return fail(kForm);
  // "10000-01-01" is not the year 1000.
  if (s.size() > 4 && s[4] >= '0' && s[4] <= '9') {
    size_t n = 4;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
    return fail("year " + s.substr(0, n) + " has more than four digits; " + kForm);
  }
  Date d{Num(s, 0, 4), 0, 0};
  if (d.year < 1900 || d.year > 2200) return fail("year " + s.substr(0, 4) + " is out of range");
  if (s.size() == 4) return d;
  if (s.size() < 7 || s[4] != '-' || !IsDigits(s, 5, 2)) return fail(kForm);
  d.month = Num(s, 5, 2);
  if (d.month < 1 || d.month > 12) return fail("month " + s.substr(5, 2) + " does not exist");
  if (s.size() == 7) return d;
  if (s.size() != 10 || s[7] != '-' || !IsDigits(s, 8, 2)) return fail(kForm);
  d.day = Num(s, 8, 2);
  if (d.day < 1 || d.day > DaysInMonth(d.year, d.month))
    return fail(s + " does not exist: " + kMonths[d.month - 1] + " " +
                std::to_string(d.year) + " has " +
                std::to_string(DaysInMonth(d.year, d.month)) + " days");
  return d;
}

std::optional<Date> SeasonStart(const std::string& label) {
  static const std::array<std::pair<const char*, int>, 4> kSeasons = {
      {{"Spring ", 3}, {"Summer ", 6}, {"Autumn ", 9}, {"Winter ", 12}}};
  for (const auto& [name, month] : kSeasons) {
    const std::string prefix = name;
    if (label.size() != prefix.size() + 4 || label.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string year = label.substr(prefix.size());
    if (!std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    return Date{std::stoi(year), month, 0};
  }
  return std::nullopt;
}

}  // namespace tracker
