#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "assess/status.h"
#include "render/explain.h"

using namespace tracker;

// docs/status.md's worked examples are part of the test suite, so the
// documentation cannot drift from the code.
namespace {

std::vector<std::map<std::string, std::string>> Examples() {
  std::ifstream in(std::string(TRACKER_DOCS) + "/status.md");
  std::vector<std::map<std::string, std::string>> out;
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line == "```status-example") {
      inside = true;
      out.emplace_back();
    } else if (inside && line == "```") {
      inside = false;
    } else if (inside) {
      size_t colon = line.find(": ");
      out.back()[line.substr(0, colon)] = line.substr(colon + 2);
    }
  }
  return out;
}

std::vector<std::string> SplitOn(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + sep.size();
  }
}

Date D(const std::string& iso) {
  std::string why;
  auto d = ParseDate(iso, &why);
  REQUIRE_MESSAGE(d, iso);
  return *d;
}

}  // namespace

TEST_CASE("every worked example in docs/status.md holds") {
  auto examples = Examples();
  REQUIRE(examples.size() >= 8);
  std::set<std::string> statuses;
  for (auto& ex : examples) {
    std::string sentence = ex["sentence"];
    CAPTURE(sentence);
    Authority a;
    Measure m;
    m.id = "example";
    Kpi kpi;
    bool has_kpi = ex["kpi"] != "none";
    if (has_kpi) {
      auto parts = SplitOn(ex["kpi"], "; ");
      REQUIRE(parts.size() == 3);
      kpi.id = "k";
      kpi.label = parts[0];
      kpi.unit = *ParseUnit(parts[1]);
      kpi.direction = *ParseDirection(parts[2]);
      kpi.decimals = kpi.unit == Unit::kNumber ? 1 : 0;
      m.kpi = "k";
    }
    if (ex.count("target")) {
      auto parts = SplitOn(ex["target"], " ");
      m.target = Target{parts[0], std::stod(parts[1]), "all", {}};
    }
    if (ex.count("deadline")) m.deadline = D(ex["deadline"]);
    if (ex.count("assessment")) {
      auto parts = SplitOn(ex["assessment"], "; ");
      REQUIRE(parts.size() == 4);
      Document d;
      d.slug = "doc";
      d.title = parts[2];
      a.documents.push_back(d);
      m.assessments.push_back(Assessment{D(parts[0]), *ParseStatus(parts[1]), "doc", parts[3], {}, {}});
    }
    std::vector<Snapshot> snapshots;
    for (const auto& tok : SplitOn(ex["values"], " ")) {
      if (tok.empty()) continue;
      Snapshot s;
      s.as_at = D(tok.substr(0, 10));
      std::string v = tok.substr(11);
      s.values["k"] = v == "null" ? Scalar{Missing{}} : v == "c" ? Scalar{Symbol{"c"}} : Scalar{std::stod(v)};
      snapshots.push_back(s);
    }
    Date as_at = D(ex["as_at"]);
    MeasureStatus st = AssessMeasure(m, has_kpi ? &kpi : nullptr, snapshots, as_at, 6);
    CHECK(std::string(StatusId(st.status)) == ex["status"]);
    CHECK(ExplainStatus(a, m, has_kpi ? &kpi : nullptr, st, as_at) == sentence);
    statuses.insert(StatusId(st.status));
  }
  CHECK(statuses.size() == 5);  // one worked example for every status at least
}
