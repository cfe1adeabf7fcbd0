#include <doctest/doctest.h>

#include <regex>

#include "e2e.h"

using namespace e2e;

namespace {

// (datetime, status label) rows of a measure page's "Status over time" table.
std::vector<std::pair<std::string, std::string>> HistoryRows(const std::string& html) {
  std::vector<std::pair<std::string, std::string>> rows;
  size_t start = html.find("<h2 class=\"govuk-heading-l\" id=\"status-over-time\">Status over time</h2>");
  if (start == std::string::npos) return rows;
  size_t end = html.find("</table>", start);
  std::string table = html.substr(start, end - start);
  std::regex row("<time datetime=\"([0-9-]+)\">[^<]*</time></th>\\s*<td class=\"govuk-table__cell\"><strong class=\"govuk-tag [^\"]*\">([^<]+)</strong>");
  for (std::sregex_iterator it(table.begin(), table.end(), row), stop; it != stop; ++it)
    rows.emplace_back((*it)[1], (*it)[2]);
  return rows;
}

std::string StatusOnPage(const std::string& html) {
  std::smatch m;
  std::regex tag("<div class=\"tracker-status-panel\">\\s*<p class=\"govuk-body\"><strong class=\"govuk-tag [^\"]*\">([^<]+)</strong>");
  return std::regex_search(html, m, tag) ? std::string(m[1]) : "";
}

// A month or year date is judged from its first day, as the status engine does.
std::string FirstDay(const std::string& iso) {
  if (iso.size() == 10) return iso;
  if (iso.size() == 7) return iso + "-01";
  return iso + "-01-01";
}

void CheckHistoryMatchesRebuilds(const fs::path& source, const std::string& authority, const std::string& name) {
  fs::path work = WorkDir("history-" + name);
  Run r = Tracker("build --quiet --source " + Quote(source.string()) + " --out " + Quote((work / "now").string()));
  REQUIRE_MESSAGE(r.exit == 0, r.err);
  int checked = 0;
  for (auto& e : fs::directory_iterator(work / "now" / authority / "measures")) {
    if (e.path().filename() == "index.html") continue;
    auto rows = HistoryRows(ReadFile(e.path()));
    for (const auto& row : rows) {
      const auto& date = row.first;  // no structured binding: clang 14 cannot capture one in CHECK_MESSAGE
      const auto& status = row.second;
      fs::path out = work / ("as-at-" + FirstDay(date));
      if (!fs::exists(out)) {
        Run b = Tracker("build --quiet --as-at " + FirstDay(date) + " --source " + Quote(source.string()) +
                        " --out " + Quote(out.string()));
        REQUIRE_MESSAGE(b.exit == 0, b.err);
      }
      std::string page = ReadFile(out / authority / "measures" / e.path().filename());
      CHECK_MESSAGE(StatusOnPage(page) == status, (e.path().filename().string() + " as at " + date));
      ++checked;
    }
  }
  CHECK(checked >= 5);
}

}  // namespace

TEST_CASE("the status history on each bundled measure page is what a build as at that date shows") {
  CheckHistoryMatchesRebuilds(TRACKER_REPO, "north-east-lincolnshire", "bundled");
}

TEST_CASE("the status history of the sample fixture is what a build as at each date shows") {
  CheckHistoryMatchesRebuilds(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", "sampleton", "sample");
}
