#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "load/load_site.h"
#include "load/quick_snapshot.h"

using namespace tracker;
namespace fs = std::filesystem;

namespace {

std::vector<Kpi> Kpis() {
  auto kpi = [](std::string id, Unit unit, std::string breakdown = "") {
    Kpi k;
    k.id = std::move(id);
    k.label = k.id;
    k.unit = unit;
    k.breakdown = std::move(breakdown);
    return k;
  };
  return {kpi("visits", Unit::kPercent),         kpi("cases", Unit::kCount),      kpi("rate", Unit::kRatePer10k),
          kpi("days", Unit::kDays),              kpi("score", Unit::kNumber),
          kpi("supervision", Unit::kPercent, "team")};
}

bool SamePos(const SourcePos& a, const SourcePos& b) {
  return a.path == b.path && a.line == b.line && a.col == b.col;
}

// What the quick reader made equals what the general loader makes, and the
// general loader had nothing to say about the file.
void CheckAgrees(const std::string& text, const std::vector<Kpi>& kpis, bool* quick) {
  Snapshot fast, general;
  *quick = ReadSnapshotQuickly("s.json", text, kpis, &fast);
  Diagnostics diag;
  bool ok = false;
  LoadSnapshotGenerally("s.json", text, kpis, true, general, &ok, diag);
  if (!*quick) return;
  INFO(text);
  CHECK(ok);
  CHECK(diag.empty());
  CHECK(fast.as_at == general.as_at);
  CHECK(fast.source == general.source);
  CHECK(fast.values == general.values);
  CHECK(fast.targets == general.targets);
  CHECK(fast.comparators == general.comparators);
  CHECK(fast.notes == general.notes);
  CHECK(SamePos(fast.pos, general.pos));
  CHECK(SamePos(fast.source_pos, general.source_pos));
}

}  // namespace

TEST_CASE("a well-formed snapshot is read quickly, exactly as the general loader reads it") {
  const std::vector<std::string> good = {
      R"({"as_at": "2024-01-31", "source": "doc-0", "values": {"visits": 70, "cases": 614}})",
      "{\n  \"as_at\": \"2024-01-31\",\r\n  \"source\": \"notice\",\n\t\"values\": {\"visits\": 89.5}\n}\n",
      R"({"values": {"score": -0}, "as_at": "2023-09-21"})",
      R"({"as_at": "2023-09-21", "values": {"score": -12.25e-3, "rate": 1E2, "days": 0.1}})",
      R"({"as_at": "2023-09-21", "values": {"score": 123456789012}})",
      R"({"as_at": "2023-09-21", "values": {"visits": null, "cases": "c", "rate": "low", "days": "x"}})",
      R"({"as_at": "2023-09-21", "values": {"supervision": {"North": 87, "South": null, "East": "c", "West": 70}}})",
      R"({"as_at": "2023-09-21", "values": {"supervision": null}})",
      R"({"as_at": "2023-09-21", "values": {"supervision": "z"}})",
      R"({"as_at": "2023-09-21", "values": {}, "targets": {"visits": 90, "cases": 550.5}})",
      R"({"as_at": "2023-09-21", "values": {"visits": 1}, "comparators": {"england": {"visits": 80, "cases": null},
          "statistical_neighbours": {"rate": "u"}}})",
      R"({"as_at": "2023-09-21", "values": {"visits": 1}, "notes": {"visits": "Up since May – see the plan ✓"}})",
      R"({"as_at":"2023-09-21","values":{"visits":100,"cases":0},"targets":{},"comparators":{},"notes":{}})",
  };
  for (const auto& text : good) {
    bool quick = false;
    CheckAgrees(text, Kpis(), &quick);
    CHECK_MESSAGE(quick, text);
  }
}

TEST_CASE("the quick reader leaves to the general loader every snapshot it would have a message for") {
  const std::vector<std::string> bad = {
      "", "[]", "{}", "null", R"({"as_at": "2023-09-21"})", R"({"values": {}})",
      R"({"as_at": "2023-09", "values": {}})", R"({"as_at": "2023-02-30", "values": {}})",
      R"({"as_at": 20230921, "values": {}})", R"({"as_at": "2023-09-21", "values": []})",
      R"({"as_at": "2023-09-21", "values": {}, "extra": 1})", R"({"as_at": "2023-09-21", "values": {"visit": 1}})",
      R"({"as_at": "2023-09-21", "values": {"visits": 101}})", R"({"as_at": "2023-09-21", "values": {"cases": -1}})",
      R"({"as_at": "2023-09-21", "values": {"score": 123456789012345678}})",
      R"({"as_at": "2023-09-21", "values": {"score": -1.5e308}})",
      R"({"as_at": "2023-09-21", "values": {"visits": "q"}})", R"({"as_at": "2023-09-21", "values": {"visits": true}})",
      R"({"as_at": "2023-09-21", "values": {"visits": {"a": 1}}})",
      R"({"as_at": "2023-09-21", "values": {"supervision": 80}})",
      R"({"as_at": "2023-09-21", "values": {"supervision": {"a": 101}}})",
      R"({"as_at": "2023-09-21", "values": {}, "targets": {"visits": "c"}})",
      R"({"as_at": "2023-09-21", "values": {}, "targets": {"visits": null}})",
      R"({"as_at": "2023-09-21", "values": {}, "comparators": {"England": {"visits": 1}}})",
      R"({"as_at": "2023-09-21", "values": {}, "comparators": {"england": 1}})",
      R"({"as_at": "2023-09-21", "values": {}, "notes": {"visits": 1}})",
      R"({"as_at": "2023-09-21", "source": 3, "values": {}})",
      R"({"as_at": "2023-09-21", "values": {}, "notes": {"visits": "a \"quoted\" word"}})",
      R"({"as_at": "2023-09-21", "values": {"visits": 1, "visits": 2}})",
      R"({"as_at": "2023-09-21", "as_at": "2023-09-22", "values": {}})",
      R"({"as_at": "2023-09-21", "values": {"supervision": {"a": 1, "a": 2}}})",
      R"({"as_at": "2023-09-21", "values": {"visits": 01}})", R"({"as_at": "2023-09-21", "values": {"visits": 1.}})",
      R"({"as_at": "2023-09-21", "values": {"visits": .5}})", R"({"as_at": "2023-09-21", "values": {"score": 1e999}})",
      R"({"as_at": "2023-09-21", "values": {"score": 12345678901234567890123}})",
      R"({"as_at": "2023-09-21", "values": {"visits": 1,}})", R"({"as_at": "2023-09-21", "values": {}} x)",
      R"({"as_at": "2023-09-21", "values": {}}{})", "{\"as_at\": \"2023-09-21\", \"source\": \"a\tb\", \"values\": {}}",
  };
  for (const auto& text : bad) {
    bool quick = true;
    CheckAgrees(text, Kpis(), &quick);
    CHECK_MESSAGE(!quick, text);
  }
}

TEST_CASE("every bundled and fixture snapshot is read quickly, as the general loader reads it") {
  // The KPIs each tree defines, from its own data/kpis.json, by loading the tree.
  int read = 0;
  for (const fs::path root : {fs::path(TRACKER_DOCS) / "..", fs::path(TRACKER_TEST_DATA) / "fixtures" / "sample"}) {
    SourceTree tree;
    for (auto& e : fs::recursive_directory_iterator(root / "data")) {
      if (!e.is_regular_file()) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      tree.files[fs::relative(e.path(), root).generic_string()] = ss.str();
    }
    Diagnostics diag;
    SiteGlobals g = LoadGlobals(tree, diag);
    REQUIRE(g.kpis_loaded);
    for (const auto& file : tree.files) {
      const std::string& path = file.first;  // CHECK_MESSAGE takes it in a lambda: no structured binding for clang 14
      const std::string& text = file.second;
      if (path.find("/snapshots/") == std::string::npos) continue;
      bool quick = false;
      CheckAgrees(text, g.kpis, &quick);
      CHECK_MESSAGE(quick, path);
      ++read;
    }
  }
  CHECK(read >= 4);
}
