#include <doctest/doctest.h>

#include "publish/publish.h"
#include "publish/records.h"

using namespace tracker;

TEST_CASE("each record starts with its kind and version, and another version reads as no record") {
  CHECK(RecordFirstLine(RecordKind::kSources) == "tracker sources 1\n");
  CHECK(RecordFirstLine(RecordKind::kBack) == "tracker back 1\n");
  CHECK(JsonRecordFirstLine(RecordKind::kManifest) == "{\"record\": \"tracker manifest 1\",\n");
  CHECK(RecordBody("tracker sources 1\nrest", RecordKind::kSources) == std::string_view("rest"));
  CHECK_FALSE(RecordBody("tracker sources 0\nrest", RecordKind::kSources));
  CHECK_FALSE(RecordBody("tracker summaries 2\nrest", RecordKind::kSources));
  CHECK_FALSE(RecordBody("", RecordKind::kBack));
}

TEST_CASE("the sources record reads back what it wrote, and nothing that is not whole and in order") {
  SourceStats stats = {{"content/a/_authority.md", "10:1"}, {"data/kpis.json", "20:2"}, {"site.yml", "5:3"}};
  std::map<std::string, std::string> hashes = {
      {"content/a/_authority.md", "h1"}, {"data/kpis.json", "h2"}, {"site.yml", "h3"}};
  const std::string text = SourcesToText("inputs-fp", stats, hashes);
  auto back = SourcesFromText(text, "inputs-fp");
  REQUIRE(back.size() == 3);
  CHECK(back[1].path == "data/kpis.json");
  CHECK(back[1].stat == "20:2");
  CHECK(back[1].hash == "h2");
  CHECK(SourcesFromText(text, "other-inputs").empty());
  CHECK(SourcesFromText("tracker sources 0" + text.substr(text.find('\n')), "inputs-fp").empty());
  CHECK(SourcesFromText(text.substr(0, text.size() - 4), "inputs-fp").empty());  // a line cut short
}

TEST_CASE("the manifest is read by one reader, escapes included, and an older manifest is none") {
  Manifest m;
  m.tool = "tracker 9";
  m.inputs = "in";
  m.groups["a"] = "fp";
  m.files["a/\"quoted\".html"] = {"hash", 12, "a"};
  const std::string text = ManifestToJson(m);
  auto back = ManifestFromJson(text);
  REQUIRE(back);
  CHECK(back->files.count("a/\"quoted\".html") == 1);
  CHECK(back->tool == "tracker 9");
  // The layout before records had versions: read as no manifest, so the
  // next build is a clean one.
  CHECK_FALSE(ManifestFromJson("{\n \"tool\": \"tracker 9\"" + text.substr(text.find(",\n \"inputs\""))));
}
