// A date for a test, from its ISO text: a mistake in the test stops it.
#pragma once
#include <doctest/doctest.h>

#include <string>

#include "model/date.h"

namespace tracker {

inline Date D(const std::string& iso) {
  std::string why;
  auto d = ParseDate(iso, &why);
  REQUIRE_MESSAGE(d, iso << ": " << why);
  return *d;
}

}  // namespace tracker
