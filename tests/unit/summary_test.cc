#include <doctest/doctest.h>

#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "assess/assess_site.h"
#include "load/load_site.h"
#include "load/load_theme.h"
#include "render/render_site.h"
#include "publish/records.h"
#include "render/summary.h"

using namespace tracker;

namespace {

// Two councils with enough snapshots that the site-wide feed is cut short.
SourceTree Councils() {
  SourceTree t;
  t.files["site.yml"] = "title: Tracker\nbase_url: https://example.org/\n";
  t.files["data/kpis.json"] =
      "{\"kpis\": [{\"id\": \"visits\", \"label\": \"Visits in time\", \"unit\": \"percent\", \"direction\": \"higher_is_better\"}]}";
  for (const char* slug : {"alpha", "beta"}) {
    std::string s = slug;
    t.files["content/" + s + "/_authority.md"] = "---\nname: " + s + " Council\nshort_name: " + s + "\n---\n";
    t.files["content/" + s + "/documents/notice.md"] =
        "---\ntitle: Notice to " + s + "\ntype: improvement-notice\ndate: 2020-01-02\nsummary: \"A \\\"notice\\\"\"\n---\nText.\n";
    t.files["content/" + s + "/measures/visits.md"] =
        "---\ntitle: Visits\nset_by: notice\nkpi: visits\ntarget:\n  op: \">=\"\n  value: 90\n---\n";
    for (int m = 1; m <= 12; ++m)
      for (int y : {2020, 2021, 2022}) {
        char date[16];
        std::snprintf(date, sizeof date, "%d-%02d-01", y, m);
        t.files["data/" + s + "/snapshots/" + date + ".json"] =
            std::string("{\"as_at\": \"") + date + "\", \"values\": {\"visits\": " + std::to_string(80 + m) + "}}";
      }
  }
  return t;
}

struct Rendered {
  std::map<std::string, std::string> files;
  RenderOutcome outcome;
};

// Renders into memory; files joined from others are joined from `files`,
// which may already hold what a previous build left.
Rendered Render(const SourceTree& tree, const Date& as_at, const RenderOptions& options,
                std::map<std::string, std::string> files = {}) {
  Diagnostics diag;
  Site site = LoadSite(tree, diag);
  REQUIRE(!diag.HasErrors());
  Theme theme = CompileTheme(LoadTheme(tree, site.config, diag), diag);
  SiteAssessment assessment = AssessSite(site, as_at);
  Rendered r;
  r.files = std::move(files);
  std::mutex mu;
  FileSink sink = [&](const OutputFile& f) {
    std::lock_guard<std::mutex> lock(mu);
    std::string bytes = f.bytes;
    for (const Piece& p : f.pieces) bytes += p.from.empty() ? p.bytes : r.files.at(p.from).substr(p.offset, p.length);
    r.files[f.path] = bytes;
  };
  r.outcome = RenderSite(site, assessment, theme, options, sink);
  return r;
}

}  // namespace

TEST_CASE("a summary survives the cache unchanged") {
  SourceTree tree = Councils();
  Rendered whole = Render(tree, Date{2022, 12, 1}, RenderOptions{});
  REQUIRE(whole.outcome.summaries.size() == 2);
  std::vector<CachedSummary> cached;
  for (const auto& s : whole.outcome.summaries) cached.push_back({"fp-" + s.slug, s});
  std::string as_at;
  std::optional<FeedCutoff> cutoff;
  Diagnostics diag;
  SiteConfig config = LoadSite(tree, diag).config;
  // With every entry in the site-wide feed, nothing is left out.
  std::vector<FeedEntry> everything;
  for (const auto& c : cached) everything.insert(everything.end(), c.summary.feed.begin(), c.summary.feed.end());
  auto back = SummariesFromJson(SummariesToJson(cached, "2022-12-01", everything), config, &as_at, &cutoff);
  CHECK(as_at == "2022-12-01");
  REQUIRE(back.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    CHECK(back[i].fingerprint == cached[i].fingerprint);
    CHECK(back[i].summary == cached[i].summary);
  }
  // Otherwise each keeps only its entries in the feed, and the cutoff says
  // where the feed stopped.
  const std::vector<FeedEntry> feed = SiteFeed(whole.outcome.summaries);
  REQUIRE(feed.size() == kSiteFeedEntries);
  back = SummariesFromJson(SummariesToJson(cached, "2022-12-01", feed), config, &as_at, &cutoff);
  REQUIRE(cutoff);
  CHECK(cutoff->id == feed.back().id);
  REQUIRE(back.size() == 2);
  CHECK(back[0].summary.feed.size() + back[1].summary.feed.size() == kSiteFeedEntries);
  std::vector<AuthoritySummary> kept = {back[0].summary, back[1].summary};
  CHECK(SiteFeedKnown(kept, cutoff));
  CHECK(SiteFeed(kept).size() == kSiteFeedEntries);
  CHECK(SiteFeed(kept).back().id == feed.back().id);
  // An authority that lost its newest entries leaves the feed short: not known.
  kept[0].feed.resize(kept[0].feed.size() / 2);
  CHECK_FALSE(SiteFeedKnown(kept, cutoff));

  CHECK(SummariesFromJson("{\"as_at\": \"2022-12-01\", \"feed_cutoff\": null, \"summaries\": [{\"slug\": 1}]}",
                          config, &as_at, &cutoff).empty());
  CHECK(SummariesFromJson("", config, &as_at, &cutoff).empty());
  // Escapes read back; another layout, or another version, is no record.
  cached[0].summary.name = "A \"quoted\" council \\ with\ta tab";
  // The home page's card: the latest Ofsted grade and key figures.
  cached[0].summary.latest_ofsted = AuthoritySummary::OfstedRef{Date{2021, 10, 4}, "Inadequate"};
  cached[0].summary.key_figures = {{"Children looked after rate", "131 per 10,000 (England 67 per 10,000)", "year to 31 March 2025"},
                                   {"Average caseload", "20.9 (England 15.2)", "30 September 2025"}};
  const std::string text = SummariesToJson(cached, "2022-12-01", everything);
  back = SummariesFromJson(text, config, &as_at, &cutoff);
  REQUIRE(back.size() == 2);
  CHECK(back[0].summary == cached[0].summary);
  const std::string first_line = text.substr(0, text.find('\n') + 1);
  CHECK(first_line == "tracker summaries 3\n");
  CHECK(SummariesFromJson(first_line + nlohmann::json::parse(text.substr(first_line.size())).dump(1) + "\n", config,
                          &as_at, &cutoff).empty());
  CHECK(SummariesFromJson("tracker summaries 2\n" + text.substr(first_line.size()), config, &as_at, &cutoff).empty());
}

TEST_CASE("the site-wide files made from a kept summary are those of a whole build") {
  SourceTree tree = Councils();
  const Date as_at{2022, 12, 1};
  Rendered whole = Render(tree, as_at, RenderOptions{});
  // Beta is not loaded: its summary and files are what the last build left.
  SourceTree alpha_only;
  for (const auto& [path, bytes] : tree.files)
    if (path.find("/beta/") == std::string::npos) alpha_only.files[path] = bytes;
  RenderOptions options;
  options.others = {whole.outcome.summaries[1]};
  REQUIRE(options.others[0].slug == "beta");
  std::map<std::string, std::string> kept;
  for (const auto& [path, bytes] : whole.files)
    if (path.rfind("beta/", 0) == 0 || path.rfind("downloads/beta.", 0) == 0) kept[path] = bytes;
  Rendered part = Render(alpha_only, as_at, options, kept);
  CHECK(part.files == whole.files);
  CHECK(part.outcome.summaries.size() == 2);
}

TEST_CASE("the site-wide feed lists the newest entries, each authority's feed lists all of its own") {
  Rendered r = Render(Councils(), Date{2022, 12, 1}, RenderOptions{});
  auto count = [](const std::string& text) {
    size_t n = 0;
    for (size_t at = 0; (at = text.find("<entry>", at)) != std::string::npos; ++at) ++n;
    return n;
  };
  CHECK(count(r.files.at("feed.xml")) == kSiteFeedEntries);
  CHECK(count(r.files.at("alpha/feed.xml")) == 36 + 1);
  // Newest first: the first entry is the newest snapshot.
  const std::string& site = r.files.at("feed.xml");
  CHECK(site.find("<title>alpha: Figures as at 1 December 2022</title>") <
        site.find("<title>alpha: Figures as at 1 November 2022</title>"));
  CHECK(site.find("Notice to") == std::string::npos);  // 2020: too old for the newest 50
}

