#include <doctest/doctest.h>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "e2e.h"

using namespace e2e;

// CI-grade builds: the same bytes whatever the thread count or file order,
// incremental builds equal to clean ones, and untouched files left alone.
namespace {

std::string Build(const fs::path& src, const fs::path& out, const std::string& extra = "") {
  Run r = Tracker("build --quiet " + extra + " --source " + Quote(src.string()) + " --out " + Quote(out.string()));
  REQUIRE_MESSAGE(r.exit == 0, r.err);
  return r.out;
}

// Copies a source folder creating files in reverse path order, so the file
// system lists them in another order than the original.
void CopyReversed(const fs::path& from, const fs::path& to) {
  std::vector<fs::path> files;
  for (auto& e : fs::recursive_directory_iterator(from))
    if (e.is_regular_file()) files.push_back(fs::relative(e.path(), from));
  std::sort(files.rbegin(), files.rend());
  for (const auto& f : files) {
    fs::create_directories((to / f).parent_path());
    fs::copy_file(from / f, to / f);
  }
}

fs::path Source(const std::string& name) {
  fs::path work = WorkDir(name);
  fs::copy(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", work / "src", fs::copy_options::recursive);
  // A second authority, so one can change while the other stays.
  fs::create_directories(work / "src/content/otherton/documents");
  std::ofstream(work / "src/content/otherton/_authority.md") << "---\nname: Otherton Council\n---\nA second council.\n";
  std::ofstream(work / "src/content/otherton/documents/letter.md")
      << "---\ntitle: Letter to Otherton\ntype: dfe-letter\ndate: 2022-06-01\n---\nText.\n";
  return work;
}

struct Stamp {
  ino_t inode;
  long long mtime_ns;
  bool operator==(const Stamp&) const = default;
};

std::map<std::string, Stamp> Stamps(const fs::path& root) {
  std::map<std::string, Stamp> out;
  for (auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    struct stat st;
    REQUIRE(stat(e.path().c_str(), &st) == 0);
    out[fs::relative(e.path(), root).generic_string()] = {st.st_ino, st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
  }
  return out;
}

}  // namespace

TEST_CASE("the same bytes whatever the thread count and the order files are listed in") {
  fs::path work = Source("determinism");
  CopyReversed(work / "src", work / "reversed");
  Build(work / "src", work / "one", "--jobs 1");
  Build(work / "reversed", work / "two", "--jobs 2");
  Build(work / "src", work / "four", "--jobs 4");
  auto one = Tree(work / "one");
  CHECK(one.size() > 40);
  CHECK(Tree(work / "two") == one);
  CHECK(Tree(work / "four") == one);
  // The locale and time zone do not reach the output either.
  Run r = Tracker("build --quiet --source " + Quote((work / "src").string()) + " --out " + Quote((work / "tz").string()));
  REQUIRE(r.exit == 0);
  std::string cmd = "TZ=Pacific/Kiritimati LC_ALL=C.UTF-8 LANG=de_DE.UTF-8 " + Quote(TRACKER_BINARY) +
                    " build --quiet --source " + Quote((work / "src").string()) + " --out " + Quote((work / "tz2").string());
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK(Tree(work / "tz2") == one);
}

TEST_CASE("a rebuild with nothing changed writes nothing") {
  fs::path work = Source("noop");
  Build(work / "src", work / "site");
  auto before = Stamps(work / "site");
  Run r = Tracker("build --source " + Quote((work / "src").string()) + " --out " + Quote((work / "site").string()));
  REQUIRE(r.exit == 0);
  CHECK(Contains(r.out, "up to date"));
  CHECK(Stamps(work / "site") == before);
}

TEST_CASE("incremental builds equal clean builds after each kind of change, and leave untouched files alone") {
  fs::path work = Source("incremental");
  fs::path src = work / "src", site = work / "site";
  Build(src, site);
  struct Change {
    const char* name;
    std::function<void()> apply;
    std::string flags;
  };
  std::vector<Change> changes = {
      {"a snapshot changed", [&] {
         std::ofstream(src / "data/sampleton/snapshots/2023-02-28.json")
             << "{\"as_at\": \"2023-02-28\", \"values\": {\"visits_in_time\": 93, \"supervision\": {\"North\": 81, \"South\": 88}}}";
       }, ""},
      {"a snapshot added", [&] {
         std::ofstream(src / "data/sampleton/snapshots/2023-03-31.json")
             << "{\"as_at\": \"2023-03-31\", \"values\": {\"visits_in_time\": 94}}";
       }, ""},
      {"a document added to the other authority", [&] {
         std::ofstream(src / "content/otherton/documents/report.md")
             << "---\ntitle: Report\ntype: scrutiny-report\ndate: 2022-07-01\n---\n## Findings\n";
       }, ""},
      {"a document removed", [&] { fs::remove(src / "content/otherton/documents/letter.md"); }, ""},
      {"an authority added", [&] {
         fs::create_directories(src / "content/thirdton");
         std::ofstream(src / "content/thirdton/_authority.md") << "---\nname: Thirdton Council\n---\nA third council.\n";
       }, ""},
      {"an authority removed", [&] { fs::remove_all(src / "content/thirdton"); }, ""},
      {"a template overridden", [&] {
         fs::create_directories(src / "themes/default/templates");
         std::ofstream(src / "themes/default/templates/not_found.html") << "<h1 class=\"govuk-heading-xl\">Not here</h1>\n";
       }, ""},
      {"site.yml changed", [&] { std::ofstream(src / "site.yml", std::ios::app) << "licence:\n  name: Sampleton licence\n"; }, ""},
      {"the as-at date changed", [] {}, "--as-at 2023-01-31"},
  };
  for (const auto& c : changes) {
    CAPTURE(std::string(c.name));
    auto before_stamps = Stamps(site);
    auto before_tree = Tree(site);
    c.apply();
    Build(src, site, c.flags);
    fs::path clean = work / ("clean-" + std::to_string(&c - changes.data()));
    Build(src, clean, c.flags);
    auto after = Tree(site);
    CHECK(after == Tree(clean));
    // Files whose bytes did not change are the very same files.
    auto stamps = Stamps(site);
    int kept = 0;
    for (const auto& entry : after) {
      const auto& path = entry.first;  // no structured binding: clang 14 cannot capture one in CHECK_MESSAGE
      const auto& bytes = entry.second;
      auto old = before_tree.find(path);
      if (old == before_tree.end() || old->second != bytes || path == ".tracker-manifest.json") continue;
      CHECK_MESSAGE(stamps[path] == before_stamps[path], path);
      ++kept;
    }
    CHECK(kept > 0);
  }
}

TEST_CASE("one authority's new figures re-render only its pages and the site-wide files") {
  fs::path work = Source("scope");
  Build(work / "src", work / "site");
  std::ofstream(work / "src/data/sampleton/snapshots/2023-02-28.json")
      << "{\"as_at\": \"2023-02-28\", \"values\": {\"visits_in_time\": 95}}";
  Run r = Tracker("build --json --source " + Quote((work / "src").string()) + " --out " + Quote((work / "site").string()));
  REQUIRE(r.exit == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["status"] == "ok");
  CHECK(j["summary"]["reused_authorities"] == 1);
  CHECK(j["summary"]["deleted"] == 0);
  CHECK(j["summary"]["written"].get<int>() < j["summary"]["unchanged"].get<int>());
}

TEST_CASE("a rebuild loads only the authorities whose files changed, and still reports every warning") {
  fs::path work = Source("partial");
  fs::path src = work / "src", site = work / "site";
  Build(src, site);
  std::ofstream(src / "data/sampleton/snapshots/2023-02-28.json")
      << "{\"as_at\": \"2023-02-28\", \"values\": {\"visits_in_time\": 91}}";
  Run r = Tracker("build --verbose --source " + Quote(src.string()) + " --out " + Quote(site.string()));
  REQUIRE(r.exit == 0);
  CHECK(Contains(r.out, "kept otherton: its inputs are unchanged"));
  CHECK_FALSE(Contains(r.out, "kept sampleton"));
  Build(src, work / "clean");
  CHECK(Tree(site) == Tree(work / "clean"));

  // A file tracker ignores is reported on every build, not only when it is new.
  std::ofstream(src / "content/otherton/notes.txt") << "to do";
  r = Tracker("build --source " + Quote(src.string()) + " --out " + Quote(site.string()));
  REQUIRE(r.exit == 0);
  CHECK(Contains(r.err, "content/otherton/notes.txt"));
  std::ofstream(src / "data/sampleton/snapshots/2023-02-28.json")
      << "{\"as_at\": \"2023-02-28\", \"values\": {\"visits_in_time\": 92}}";
  r = Tracker("build --source " + Quote(src.string()) + " --out " + Quote(site.string()));
  REQUIRE(r.exit == 0);
  CHECK(Contains(r.err, "content/otherton/notes.txt"));
  CHECK(Contains(r.out, "warnings    1"));
}

TEST_CASE("the site-wide feed is right when kept authorities' older entries are needed") {
  fs::path work = Source("feed");
  fs::path src = work / "src", site = work / "site";
  // Enough of Otherton's figures that the site-wide feed is full, all older
  // than Sampleton's, so the feed stops among Otherton's.
  fs::create_directories(src / "data/otherton/snapshots");
  for (int m = 0; m < 60; ++m) {
    char date[16];
    std::snprintf(date, sizeof date, "%d-%02d-01", 2017 + m / 12, 1 + m % 12);
    std::ofstream(src / "data/otherton/snapshots" / (std::string(date) + ".json"))
        << "{\"as_at\": \"" << date << "\", \"values\": {\"visits_in_time\": " << 50 + m % 40 << "}}";
  }
  Build(src, site);
  // Sampleton's new figures: Otherton is kept, its newest entries enough.
  std::ofstream(src / "data/sampleton/snapshots/2023-01-31.json")
      << "{\"as_at\": \"2023-01-31\", \"values\": {\"visits_in_time\": 77}}";
  Run r = Tracker("build --verbose --source " + Quote(src.string()) + " --out " + Quote(site.string()));
  REQUIRE(r.exit == 0);
  CHECK(Contains(r.out, "kept otherton"));
  Build(src, work / "clean1");
  CHECK(Tree(site) == Tree(work / "clean1"));
  // One of Sampleton's snapshots goes: the feed needs one more of Otherton's
  // than was kept, so everything is loaded.
  fs::remove(src / "data/sampleton/snapshots/2023-01-31.json");
  r = Tracker("build --verbose --source " + Quote(src.string()) + " --out " + Quote(site.string()));
  REQUIRE(r.exit == 0);
  CHECK(Contains(r.out, "the site-wide feed needs older entries"));
  Build(src, work / "clean2");
  CHECK(Tree(site) == Tree(work / "clean2"));
}

TEST_CASE("damaged or missing caches beside the site only cost speed") {
  fs::path work = Source("caches");
  fs::path src = work / "src", site = work / "site", cache = work / ".site.tracker";
  Build(src, site);
  std::ofstream(src / "content/otherton/documents/letter.md")
      << "---\ntitle: Letter to Otherton, revised\ntype: dfe-letter\ndate: 2022-06-01\n---\nText.\n";
  Build(src, site);  // now the back folder holds the previous site
  REQUIRE(fs::exists(cache / "back.json"));
  for (const char* name : {"sources", "summaries.json", "back.json"}) {
    CAPTURE(std::string(name));
    std::ofstream(cache / name) << "{ not what tracker wrote";
    // Without its record, the back folder is what a killed build left.
    if (std::string(name) == "back.json") std::ofstream(cache / "back/stray.html") << "left by a killed build";
    std::ofstream(src / "data/sampleton/snapshots/2023-02-28.json")
        << "{\"as_at\": \"2023-02-28\", \"values\": {\"visits_in_time\": " << (name[0] == 's' ? 70 : 71) << "}}";
    Build(src, site);
    fs::remove_all(work / "clean");
    Build(src, work / "clean");
    CHECK(Tree(site) == Tree(work / "clean"));
  }
  fs::remove_all(cache);
  std::ofstream(src / "content/otherton/documents/new.md") << "---\ntitle: New\ntype: other\ndate: 2022-08-01\n---\nText.\n";
  Build(src, site);
  fs::remove_all(work / "clean");
  Build(src, work / "clean");
  CHECK(Tree(site) == Tree(work / "clean"));
}

TEST_CASE("--force renders everything but still writes only what changed") {
  fs::path work = Source("force");
  Build(work / "src", work / "site");
  auto before = Stamps(work / "site");
  Run r = Tracker("build --json --force --source " + Quote((work / "src").string()) + " --out " + Quote((work / "site").string()));
  REQUIRE(r.exit == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["summary"]["written"] == 0);
  CHECK(j["summary"]["reused_authorities"] == 0);
  auto after = Stamps(work / "site");
  for (const auto& entry : after)
    if (entry.first != ".tracker-manifest.json") CHECK_MESSAGE(entry.second == before[entry.first], entry.first);
}

TEST_CASE("--json reports diagnostics for CI tools") {
  Run r = Tracker("check --json --source " + Quote((fs::path(TRACKER_TEST_DATA) / "fixtures/broken").string()));
  CHECK(r.exit == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["status"] == "content errors");
  CHECK(j["errors"] == 13);
  CHECK(j["diagnostics"][0]["path"] == "content/town/_authority.md");
  CHECK(j["diagnostics"][0]["line"] == 4);
  CHECK(j["diagnostics"][0]["column"] == 11);
}

TEST_CASE("a build names the statuses that changed since the published site, in its summary and --json") {
  fs::path src = Source("status-changes") / "src";
  fs::path out = src.parent_path() / "site";
  Build(src, out);
  // Three months and a day after the newest figures, nothing new: the
  // figures' statuses go out of date, and the build says which.
  Run r = Tracker("build --json --as-at 2023-06-01 --source " + Quote(src.string()) + " --out " + Quote(out.string()));
  REQUIRE(r.exit == 0);
  auto j = nlohmann::json::parse(r.out);
  const auto& changes = j["summary"]["status_changes"];
  REQUIRE(changes.is_array());
  REQUIRE(!changes.empty());
  bool supervision = false, visits = false;
  for (const auto& c : changes) {
    if (c["measure"] == "supervision-all") {
      supervision = true;
      CHECK(c["authority"] == "sampleton");
      CHECK(c["before"] == "at-risk");
      CHECK(c["after"] == "out-of-date");
      CHECK(c["evidence"] == "2023-02-28");
    }
    visits = visits || c["measure"] == "visits";
  }
  CHECK(supervision);
  CHECK(!visits);  // met by its deadline: a settled outcome does not age
  Run text = Tracker("build --as-at 2023-02-28 --source " + Quote(src.string()) + " --out " + Quote(out.string()));
  REQUIRE(text.exit == 0);
  CHECK(text.out.find("\n    sampleton/supervision-all: Out of date -> At risk (evidence of 2023-02-28)\n") != std::string::npos);
  // Nothing changed: an empty list, in the same shape.
  Run same = Tracker("build --json --as-at 2023-02-28 --source " + Quote(src.string()) + " --out " + Quote(out.string()));
  CHECK(nlohmann::json::parse(same.out)["summary"]["status_changes"] == nlohmann::json::array());
}
