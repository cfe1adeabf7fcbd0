#include "generate_corpus.h"

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace tracker::bench {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kWords = {
    "children", "social", "care", "improvement", "board", "plan", "visits", "assessment", "timely", "practice",
    "supervision", "caseloads", "leaders", "partners", "families", "quality", "audit", "oversight", "workforce",
    "recruitment", "placements", "permanence", "early", "help", "front", "door", "referrals", "strategy", "meetings",
    "section", "enquiries", "conferences", "planning", "drift", "delay", "progress", "monitoring", "evidence",
    "impact", "outcomes", "safeguarding", "exploitation", "missing", "education", "health", "care", "leavers",
    "stability", "agency", "managers", "training", "development", "performance", "data", "scrutiny", "panel"};

struct Writer {
  std::mt19937 rng;
  std::string Words(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) {
      s += kWords[rng() % kWords.size()];
      s += i + 1 < n ? " " : "";
    }
    s[0] = static_cast<char>(std::toupper(s[0]));
    return s;
  }
  std::string Paragraph() {
    std::string p;
    int sentences = 3 + rng() % 4;
    for (int i = 0; i < sentences; ++i) p += Words(8 + rng() % 14) + ". ";
    p.pop_back();
    return p + "\n\n";
  }
  // Markdown of about `target` bytes: headings, paragraphs, lists, tables.
  std::string Document(size_t target) {
    std::string md;
    int section = 1;
    while (md.size() < target) {
      md += "## " + std::to_string(section++) + ". " + Words(3 + rng() % 4) + "\n\n";
      md += Paragraph();
      switch (rng() % 3) {
        case 0:
          for (int i = 0; i < 3 + static_cast<int>(rng() % 5); ++i) md += "- " + Words(6 + rng() % 10) + ";\n";
          md += "\n";
          break;
        case 1:
          md += "| Team | Visits in time | Supervision |\n|---|--:|--:|\n";
          for (int i = 0; i < 4; ++i)
            md += "| " + Words(2) + " | " + std::to_string(70 + rng() % 30) + "% | " + std::to_string(60 + rng() % 40) + "% |\n";
          md += "\n";
          break;
        default:
          md += "1. " + Words(10) + "\n2. " + Words(12) + "\n3. **" + Words(4) + "** " + Words(6) + "\n\n";
      }
      md += Paragraph();
    }
    return md;
  }
};

void Write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string Date(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

int MonthEnd(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

}  // namespace

size_t GenerateCorpus(const fs::path& root, const CorpusShape& shape, unsigned seed) {
  Writer w{std::mt19937(seed)};
  size_t markdown = 0;
  fs::remove_all(root);
  Write(root / "site.yml",
        "title: National improvement tracker (synthetic benchmark corpus)\nbase_url: https://bench.example/\n"
        "organisation: Benchmark\n");
  // 17 KPIs; the last is broken down by team.
  std::string kpis = "{\"kpis\": [\n";
  for (int k = 0; k < shape.kpis; ++k) {
    bool breakdown = k == shape.kpis - 1;
    const char* unit = k % 3 == 0 ? "percent" : k % 3 == 1 ? "count" : "rate_per_10k";
    if (breakdown) unit = "percent";
    kpis += "  {\"id\": \"kpi_" + std::to_string(k) + "\", \"label\": \"Indicator " + std::to_string(k) +
            "\", \"unit\": \"" + unit + "\", \"direction\": \"" + (k % 2 ? "lower_is_better" : "higher_is_better") +
            "\", \"description\": \"Synthetic indicator " + std::to_string(k) + ".\"" +
            (breakdown ? ", \"breakdown\": \"Team\"" : "") + "}" + (k + 1 < shape.kpis ? ",\n" : "\n");
  }
  Write(root / "data/kpis.json", kpis + "]}\n");

  for (int a = 0; a < shape.authorities; ++a) {
    std::string slug = "authority-" + std::to_string(1000 + a);
    fs::path content = root / "content" / slug;
    Write(content / "_authority.md", "---\nname: Authority " + std::to_string(a) + " Council\nshort_name: Authority " +
                                         std::to_string(a) + "\nevents:\n  - date: 2019-05\n    title: Focused visit\n"
                                         "  - date: 2026\n    label: Autumn 2026\n    title: Inspection\n    expected: true\n---\n" +
                                         w.Paragraph());
    static const char* kTypes[] = {"improvement-notice", "dfe-letter", "ofsted-letter", "scrutiny-report",
                                   "board-minutes", "improvement-plan", "presentation", "other"};
    for (int d = 0; d < shape.documents; ++d) {
      size_t size = 2048 + w.rng() % (14 * 1024);
      std::string body = w.Document(size);
      markdown += body.size();
      int year = 2019 + d / 8, month = 1 + d % 12;
      Write(content / "documents" / ("doc-" + std::to_string(d) + ".md"),
            "---\ntitle: " + w.Words(5) + "\ntype: " + kTypes[d % 8] + "\ndate: " + Date(year, month, 1 + d % 27) +
                "\nsummary: " + w.Words(14) + ".\n---\n" + body);
    }
    for (int m = 0; m < shape.measures; ++m) {
      // The last measure uses the breakdown KPI; each target's op follows its KPI's direction.
      int k = m == shape.measures - 1 ? shape.kpis - 1 : m % shape.kpis;
      bool percent = k % 3 == 0 || k == shape.kpis - 1;
      std::string front = "---\ntitle: " + w.Words(6) + "\ncategory: " + (m < 5 ? "Escalation measure" : "Performance target") +
                          "\nset_by: doc-0\ndeadline: 2025-03-31\nkpi: kpi_" + std::to_string(k) +
                          "\ntarget:\n  op: \"" + (k % 2 ? "<=" : ">=") + "\"\n  value: " + (percent ? "90" : "400") +
                          "\nassessments:\n  - date: 2021-06\n    status: at-risk\n    source: doc-3\n    note: " + w.Words(12) + ".\n---\n";
      std::string body = w.Paragraph() + w.Paragraph();
      markdown += body.size();
      Write(content / "measures" / ("measure-" + std::to_string(m) + ".md"), front + body);
    }
    for (int s = 0; s < shape.snapshots; ++s) {
      int year = 2019 + s / 12, month = 1 + s % 12;
      std::string json = "{\"as_at\": \"" + Date(year, month, MonthEnd(year, month)) + "\", \"source\": \"doc-" +
                         std::to_string(s % shape.documents) + "\", \"values\": {";
      for (int k = 0; k < shape.kpis; ++k) {
        if (k) json += ", ";
        json += "\"kpi_" + std::to_string(k) + "\": ";
        bool percent = k % 3 == 0;
        unsigned roll = w.rng() % 100;
        if (k == shape.kpis - 1) {
          json += "{\"North\": " + std::to_string(60 + w.rng() % 40) + ", \"South\": " + std::to_string(60 + w.rng() % 40) +
                  ", \"East\": " + (roll < 5 ? std::string("\"c\"") : std::to_string(60 + w.rng() % 40)) + ", \"West\": " +
                  std::to_string(60 + w.rng() % 40) + "}";
        } else if (roll < 3) {
          json += "null";
        } else if (roll < 6) {
          json += "\"c\"";
        } else {
          json += percent ? std::to_string(60 + (s + w.rng() % 20) % 40) : std::to_string(200 + w.rng() % 500);
        }
      }
      json += "}, \"targets\": {\"kpi_0\": 90}, \"comparators\": {\"england\": {\"kpi_1\": 330}}}\n";
      Write(root / "data" / slug / "snapshots" / (Date(year, month, MonthEnd(year, month)) + ".json"), json);
    }
  }
  return markdown;
}

}  // namespace tracker::bench
