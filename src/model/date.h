// Calendar dates at the precision the documents give: a year, a month or a day.
#pragma once
#include <optional>
#include <string>

namespace tracker {

struct Date {
  int year = 0;
  int month = 0;  // 0 when only the year is known
  int day = 0;    // 0 when only the year or month is known

  enum class Precision { kYear, kMonth, kDay };
  Precision precision() const {
    return day ? Precision::kDay : month ? Precision::kMonth : Precision::kYear;
  }
  bool valid() const { return year > 0; }

  // Days since 1970-01-01 of the first and the last day the date covers.
  long FirstDay() const;
  long LastDay() const;

  // YYYY, YYYY-MM or YYYY-MM-DD, as written.
  std::string Iso() const;
  // "18 December 2019", "October 2021" or "2024", never from the locale.
  std::string Long() const;

  auto operator<=>(const Date&) const = default;
};

// Parses YYYY, YYYY-MM or YYYY-MM-DD and checks the day exists. On failure
// returns nullopt and says why in *why.
std::optional<Date> ParseDate(const std::string& text, std::string* why);

// The month a season label starts, when `label` is "Spring", "Summer",
// "Autumn" or "Winter" and a year: "Summer 2025" is June 2025. Nothing for
// any other label.
std::optional<Date> SeasonStart(const std::string& label);

int DaysInMonth(int year, int month);
long DaysFromCivil(int y, int m, int d);
Date DateFromDays(long days);

}  // namespace tracker
