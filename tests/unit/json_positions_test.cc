#include <doctest/doctest.h>

#include "load/json_positions.h"
#include "load/text.h"

using namespace tracker;

TEST_CASE("every value and key of a JSON document gets its offset") {
  std::string t = "{\n  \"as_at\": \"2023-01-01\",\n  \"values\": {\"a/b\": [1, {\"x\": null}], \"caf\\u00e9\": 2}\n}";
  auto places = IndexJson(t);
  REQUIRE(places.count("/as_at"));
  LineCol v = LineColAt(t, places["/as_at"].value);
  CHECK(v.line == 2);
  CHECK(v.col == 12);
  LineCol k = LineColAt(t, places["/as_at"].key);
  CHECK(k.col == 3);
  CHECK(places.count("/values/a~1b/1/x"));
  CHECK(places.count("/values/café"));
  CHECK_FALSE(places["/values/a~1b/0"].has_key);
}

TEST_CASE("pointer segments escape ~ and /") {
  CHECK(JsonPointerAppend("/values", "a/b~c") == "/values/a~1b~0c");
}
