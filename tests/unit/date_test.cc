#include <doctest/doctest.h>

#include "model/date.h"

using namespace tracker;

TEST_CASE("dates parse at year, month and day precision") {
  std::string why;
  auto y = ParseDate("2024", &why);
  REQUIRE(y);
  CHECK(y->precision() == Date::Precision::kYear);
  CHECK(y->Long() == "2024");
  auto m = ParseDate("2021-10", &why);
  REQUIRE(m);
  CHECK(m->Long() == "October 2021");
  auto d = ParseDate("2019-12-18", &why);
  REQUIRE(d);
  CHECK(d->Long() == "18 December 2019");
  CHECK(d->Iso() == "2019-12-18");
}

TEST_CASE("impossible dates are refused with a reason") {
  std::string why;
  CHECK_FALSE(ParseDate("2023-02-29", &why));
  CHECK(why == "2023-02-29 does not exist: February 2023 has 28 days");
  CHECK(ParseDate("2024-02-29", &why));
  CHECK_FALSE(ParseDate("2023-13", &why));
  CHECK(why == "month 13 does not exist");
  CHECK_FALSE(ParseDate("18/12/2019", &why));
  CHECK(why == "a date is written YYYY, YYYY-MM or YYYY-MM-DD");
  CHECK_FALSE(ParseDate("2019-12-18T00:00", &why));
  CHECK_FALSE(ParseDate("", &why));
  CHECK_FALSE(ParseDate("10000-01-01", &why));
  CHECK(why == "year 10000 has more than four digits; a date is written YYYY, YYYY-MM or YYYY-MM-DD");
}

TEST_CASE("a date covers a span of days") {
  std::string why;
  auto m = *ParseDate("2020-05", &why);
  CHECK(DateFromDays(m.FirstDay()).Iso() == "2020-05-01");
  CHECK(DateFromDays(m.LastDay()).Iso() == "2020-05-31");
  auto y = *ParseDate("2024", &why);
  CHECK(DateFromDays(y.LastDay()).Iso() == "2024-12-31");
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
}

TEST_CASE("dates order by year, then month, then day") {
  std::string why;
  CHECK(*ParseDate("2021-06-18", &why) < *ParseDate("2021-07", &why));
  CHECK(*ParseDate("2021", &why) < *ParseDate("2021-01", &why));
}

TEST_CASE("dates are written the same way at every precision") {
  CHECK(Date{2024, 3, 5}.Iso() == "2024-03-05");
  CHECK(Date{2024, 11, 0}.Iso() == "2024-11");
  CHECK(Date{987, 0, 0}.Iso() == "0987");
  CHECK(Date{2024, 3, 5}.Long() == "5 March 2024");
  CHECK(Date{2024, 12, 31}.Long() == "31 December 2024");
  CHECK(Date{2024, 11, 0}.Long() == "November 2024");
  CHECK(Date{2024, 0, 0}.Long() == "2024");
}
