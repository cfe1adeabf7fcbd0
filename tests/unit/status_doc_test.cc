#include <doctest/doctest.h>

#include "test_dates.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "assess/status.h"
#include "model/validate.h"
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

}  // namespace

TEST_CASE("every worked example in docs/status.md holds") {
  auto examples = Examples();
  REQUIRE(examples.size() >= 18);
  std::set<std::string> statuses;
  int errors = 0;
  for (auto& ex : examples) {
    std::string sentence = ex["sentence"];
    CAPTURE(sentence);
    Authority a;
    a.slug = "example";
    Measure m;
    m.id = "example";
    Kpi kpi;
    kpi.pos = {"data/kpis.json", 3, 5};
    bool has_kpi = ex["kpi"] != "none";
    if (has_kpi) {
      // label; unit; direction[; frequency[; breakdown]]
      auto parts = SplitOn(ex["kpi"], "; ");
      REQUIRE(parts.size() >= 3);
      kpi.id = "k";
      kpi.label = parts[0];
      kpi.unit = *ParseUnit(parts[1]);
      kpi.direction = *ParseDirection(parts[2]);
      if (parts.size() > 3) kpi.frequency = *ParseFrequency(parts[3]);
      if (parts.size() > 4) kpi.breakdown = parts[4];
      kpi.decimals = kpi.unit == Unit::kNumber ? 1 : 0;
      m.kpi = "k";
    }
    if (ex.count("target")) {
      auto parts = SplitOn(ex["target"], " ");
      m.target = Target{};
      m.target->op = parts[0];
      m.target->scope = parts.size() > 2 ? parts[2] : "all";
      m.target->pos = {"content/example/measures/example.md", 8, 3};
      if (parts[1] == "england" || parts[1] == "region" || parts[1] == "neighbours") {
        // A relative target: its comparator's figures, as the official
        // files would give them (levels: period-end=value ...).
        m.target->relative_to = parts[1];
        for (const auto& tok : SplitOn(ex["levels"], " ")) {
          if (tok.empty()) continue;
          const Date end = D(tok.substr(0, 10));
          const OfficialPeriod period = end.month == 3 ? OfficialPeriod::kYearEndingMarch : OfficialPeriod::kSeptemberCensus;
          m.target->levels.push_back({end, std::stod(tok.substr(11)), OfficialPeriodLabel(period, end.year)});
        }
      } else {
        m.target->value = std::stod(parts[1]);
      }
    }
    if (ex.count("deadline")) m.deadline = D(ex["deadline"]);
    if (ex.count("baseline")) m.baseline = D(ex["baseline"]);
    if (ex.count("assessment")) {
      auto parts = SplitOn(ex["assessment"], "; ");
      REQUIRE(parts.size() == 4);
      Document d;
      d.slug = "doc";
      d.title = parts[2];
      a.documents.push_back(d);
      m.assessments.push_back(Assessment{D(parts[0]), *ParseStatus(parts[1]), "doc", parts[3], {}, {}});
    }
    if (ex.count("ofsted")) {
      auto parts = SplitOn(ex["ofsted"], "; ");
      a.ofsted.push_back(OfstedJudgement{D(parts[0]), parts[1], "", {}, {}});
    }
    std::vector<Snapshot> snapshots;
    auto scalar = [](const std::string& v) {
      return v == "null" ? Scalar{Missing{}} : v == "c" ? Scalar{Symbol{"c"}} : Scalar{std::stod(v)};
    };
    for (const auto& tok : SplitOn(ex["values"], " ")) {
      if (tok.empty()) continue;
      Snapshot s;
      s.as_at = D(tok.substr(0, 10));
      std::string v = tok.substr(11);
      if (kpi.breakdown.empty()) {
        s.values["k"] = scalar(v);
      } else {
        Breakdown b;  // item:value|item:value
        for (const auto& pair : SplitOn(v, "|")) {
          auto iv = SplitOn(pair, ":");
          b.emplace_back(iv[0], scalar(iv[1]));
        }
        s.values["k"] = b;
      }
      snapshots.push_back(s);
    }
    a.measures.push_back(m);
    if (ex.count("error")) {
      // A contradiction is an error in `check`, never a status.
      Diagnostics diag;
      std::vector<Kpi> kpis;
      if (has_kpi) kpis.push_back(kpi);
      a.snapshots = snapshots;
      ValidateAuthority(kpis, a, diag);
      auto all = diag.Sorted();
      REQUIRE(all.size() == 1);
      std::string got = FormatDiagnostic(all[0], nullptr);
      while (!got.empty() && got.back() == '\n') got.pop_back();
      CHECK(got == ex["error"]);
      ++errors;
      continue;
    }
    Date as_at = D(ex["as_at"]);
    MeasureStatus st = AssessMeasure(m, has_kpi ? &kpi : nullptr, snapshots, as_at, JudgingRules{},
                                     JudgedFrom(a, m));
    CHECK(std::string(StatusId(st.status)) == ex["status"]);
    CHECK(ExplainStatus(a, m, has_kpi ? &kpi : nullptr, st, as_at, ProgressMethod{}) == sentence);
    statuses.insert(StatusId(st.status));
  }
  CHECK(statuses.size() == kStatusCount);  // one worked example for every status at least
  CHECK(errors >= 1);
}
