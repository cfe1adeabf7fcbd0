// The CSV reader and the official loader: whatever the bytes of an official
// file, neither crashes; every record has the header's number of fields,
// with a column for each; every problem has a place inside the text; and
// a file the reader takes whole reads back the same once written out again.
#include <cstdint>
#include <string>

#include "diagnostics.h"
#include "fuzz_check.h"
#include "load/csv.h"
#include "load/load_site.h"

namespace {

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int Lines(const std::string& s) {
  int n = 1;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<tracker::CsvRecord> records;
  auto problems = tracker::ReadCsv(text, [&](const tracker::CsvRecord& r) {
    FUZZ_CHECK(r.fields.size() == r.columns.size(), "a column for every field");
    FUZZ_CHECK(records.empty() || r.fields.size() == records.front().fields.size(), "every record as wide as the header");
    FUZZ_CHECK(r.line >= 1 && r.line <= Lines(text), "a record's line is in the text");
    records.push_back(r);
  });
  for (const auto& p : problems) {
    FUZZ_CHECK(p.line >= 1 && p.line <= Lines(text) && p.col >= 1, "a problem's place is in the text");
    FUZZ_CHECK(!p.message.empty(), "a problem says what is wrong");
  }
  if (problems.empty() && !records.empty()) {
    // Written out with every field quoted and read again: the same fields.
    std::string again;
    for (const auto& r : records) {
      for (size_t i = 0; i < r.fields.size(); ++i) again += (i ? "," : "") + Quoted(r.fields[i]);
      again += "\n";
    }
    size_t n = 0;
    auto second = tracker::ReadCsv(again, [&](const tracker::CsvRecord& r) {
      FUZZ_CHECK(n < records.size() && r.fields == records[n].fields, "the same fields read back");
      ++n;
    });
    FUZZ_CHECK(second.empty() && n == records.size(), "what was read whole reads back whole");
  }
  // The same bytes as an official file a KPI names: loaded without a crash,
  // any problem reported with a place.
  static const tracker::SourceTree base = [] {
    tracker::SourceTree t;
    t.files["site.yml"] = "title: Fuzz\n";
    t.files["data/kpis.json"] =
        "{\"kpis\": [{\"id\": \"rate\", \"label\": \"Rate\", \"unit\": \"rate_per_10k\", \"direction\": \"neutral\",\n"
        " \"official\": {\"file\": \"f.csv\", \"indicator\": \"rate_per_10000\", \"period\": \"year_ending_march\",\n"
        "  \"publication\": \"Fuzz\", \"per_10k_of\": {\"file\": \"f.csv\", \"indicator\": \"population_estimate\"}}}]}\n";
    t.files["content/town/_authority.md"] = "---\nname: Town\nla_code: \"901\"\n---\n";
    return t;
  }();
  tracker::SourceTree tree = base;
  tree.files["data/official/f.csv"] = text;
  tree.files["data/official/sn_model_2025_wide.csv"] = text;
  tracker::Diagnostics diag;
  tracker::LoadSite(tree, diag);
  for (const auto& d : diag.Sorted())
    if (d.pos.path == "data/official/f.csv" && d.pos.line > 0)
      FUZZ_CHECK(d.pos.line <= Lines(text), "an error in the file is at a line it has");
  return 0;
}
