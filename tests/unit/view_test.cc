#include <doctest/doctest.h>

#include "render/view.h"

using namespace tracker;

TEST_CASE("fields keep the order they were set in, and setting one again replaces it") {
  View v = {{"b", "1"}, {"a", "2"}};
  v["c"] = "3";
  v["b"] = "4";
  REQUIRE(v.size() == 3);
  CHECK(v.Find("b")->text() == "4");
  CHECK(v.Find("a")->text() == "2");
  CHECK(v.Find("missing") == nullptr);
  CHECK(v.Has("c"));
}

TEST_CASE("a null view becomes fields or a list when used as one") {
  View fields;
  fields["x"]["y"] = true;
  CHECK(fields.is_fields());
  CHECK(fields.Find("x")->Find("y")->Truthy());
  View list;
  list.push_back("a");
  list.push_back(View{{"k", 1}});
  CHECK(list.is_list());
  CHECK(list.size() == 2);
  CHECK(list.back().Find("k") != nullptr);
}

TEST_CASE("truth is Mustache's: false, null, empty text and empty lists are false") {
  CHECK_FALSE(View().Truthy());
  CHECK_FALSE(View(false).Truthy());
  CHECK_FALSE(View("").Truthy());
  CHECK_FALSE(View::EmptyList().Truthy());
  CHECK(View(true).Truthy());
  CHECK(View(0).Truthy());
  CHECK(View("x").Truthy());
  CHECK(View::ListOf({"x"}).Truthy());
  CHECK(View{{"k", nullptr}}.Truthy());
}

TEST_CASE("text is escaped on request, numbers print, null, booleans, lists and fields print nothing") {
  std::string out;
  View("<a & 'b'>").AppendTo(&out, true);
  View("<raw>").AppendTo(&out, false);
  View(42).AppendTo(&out, true);
  View(true).AppendTo(&out, true);
  View().AppendTo(&out, true);
  View::ListOf({"x"}).AppendTo(&out, true);
  View{{"k", "v"}}.AppendTo(&out, true);
  CHECK(out == "&lt;a &amp; &apos;b&apos;&gt;<raw>42");
}

TEST_CASE("a reference shows text held elsewhere without copying it") {
  std::string held = "shared table";
  View v = View::Ref(held);
  CHECK(v.text().data() == held.data());
  View copy = v;
  CHECK(copy.text().data() == held.data());
}

TEST_CASE("a shared view shows what it stands for, in sections and lookups alike") {
  View date = {{"iso", "2024-12-31"}, {"long", "31 December 2024"}};
  View row = {{"date", View::Share(date)}};
  const View* d = row.Find("date");
  REQUIRE(d != nullptr);
  CHECK(d->is_fields());
  CHECK(d->Find("long")->text() == "31 December 2024");
  CHECK(d->Truthy());
  View list = View::ListOf({"a", "b"});
  const View shared = View::Share(list);
  CHECK(shared.is_list());
  CHECK(shared.size() == 2);
  CHECK(shared.items()[1].text() == "b");
  CHECK_FALSE(View::Share(View::EmptyList()).Truthy());
}
