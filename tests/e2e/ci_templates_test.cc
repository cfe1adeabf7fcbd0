// The CI templates in docs/ci/: each parses as YAML (libyaml), has the jobs
// a council needs, and the tracker commands it runs, run in order on a
// fresh starter tracker, succeed; the build names the statuses that
// changed once the last build's records are there, as the templates' cache
// keeps them.
#include <doctest/doctest.h>

#include <yaml.h>

#include <memory>

#include "e2e.h"

using namespace e2e;

namespace {

// A YAML document through libyaml's loader; nodes looked up by path.
struct Yaml {
  yaml_document_t doc{};
  bool ok = false;
  explicit Yaml(const std::string& text) {
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    ok = yaml_parser_load(&p, &doc) && yaml_document_get_root_node(&doc);
    yaml_parser_delete(&p);
  }
  ~Yaml() { yaml_document_delete(&doc); }
  yaml_node_t* Root() { return yaml_document_get_root_node(&doc); }
  yaml_node_t* Get(yaml_node_t* map, const std::string& key) {
    if (!map || map->type != YAML_MAPPING_NODE) return nullptr;
    for (auto* pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top; ++pair) {
      yaml_node_t* k = yaml_document_get_node(&doc, pair->key);
      if (k->type == YAML_SCALAR_NODE && std::string(reinterpret_cast<char*>(k->data.scalar.value)) == key)
        return yaml_document_get_node(&doc, pair->value);
    }
    return nullptr;
  }
  // Every scalar under `node`, sequences flattened (GitLab flattens a
  // script's nested lists, as an anchor's list is).
  void Scalars(yaml_node_t* node, std::vector<std::string>* out) {
    if (!node) return;
    if (node->type == YAML_SCALAR_NODE) out->push_back(reinterpret_cast<char*>(node->data.scalar.value));
    if (node->type == YAML_SEQUENCE_NODE)
      for (auto* i = node->data.sequence.items.start; i < node->data.sequence.items.top; ++i)
        Scalars(yaml_document_get_node(&doc, *i), out);
  }
};

// The lines of `scripts` that run tracker, in order.
std::vector<std::string> TrackerCommands(const std::vector<std::string>& scripts) {
  std::vector<std::string> out;
  for (const auto& s : scripts) {
    std::stringstream lines(s);
    std::string line;
    while (std::getline(lines, line)) {
      line.erase(0, line.find_first_not_of(' '));
      if (line.rfind("tracker ", 0) == 0) out.push_back(line);
    }
  }
  return out;
}

// Runs the commands in order in a fresh starter tracker, with `tracker` the
// binary under test; their output.
std::string RunInStarter(const std::string& name, const std::vector<std::string>& commands) {
  const fs::path dir = WorkDir(name);
  fs::create_directories(dir / "bin");
  fs::create_symlink(TRACKER_BINARY, dir / "bin/tracker");
  REQUIRE(Tracker("new site " + Quote((dir / "repo").string())).exit == 0);
  std::string all;
  for (const auto& c : commands) {
    Output o = Shell("cd " + Quote((dir / "repo").string()) + " && PATH=" + Quote((dir / "bin").string()) + ":$PATH " + c);
    CHECK_MESSAGE(o.exit == 0, (c + "\n" + o.text));
    all += o.text;
  }
  CHECK(fs::exists(dir / "repo/public/index.html"));
  // The next build, with the records the cache keeps, names what changed:
  // a month's figures land and a status moves.
  std::ofstream(dir / "repo/data/example-borough/snapshots/2025-07-31.json")
      << "{\"as_at\": \"2025-07-31\", \"values\": {\"cp_visits_in_time\": 60}}\n";
  Output again = Shell("cd " + Quote((dir / "repo").string()) + " && PATH=" + Quote((dir / "bin").string()) + ":$PATH " +
                       commands.back());
  CHECK_MESSAGE(again.exit == 0, again.text);
  CHECK(Contains(again.text, "since the last build"));
  CHECK(Contains(again.text, "example-borough/cp-visits: Met -> "));
  return all;
}

}  // namespace

TEST_CASE("the GitHub Actions template parses, checks every push, builds and deploys Pages from the default branch") {
  Yaml y(ReadFile(fs::path(TRACKER_REPO) / "docs/ci/github-actions.yml"));
  REQUIRE(y.ok);
  yaml_node_t* jobs = y.Get(y.Root(), "jobs");
  REQUIRE(jobs);
  REQUIRE(y.Get(y.Get(y.Root(), "on"), "push"));
  yaml_node_t* check = y.Get(jobs, "check");
  yaml_node_t* build = y.Get(jobs, "build");
  REQUIRE(check);
  REQUIRE(build);
  std::vector<std::string> ifs;
  y.Scalars(y.Get(build, "if"), &ifs);
  REQUIRE(ifs.size() == 1);
  CHECK(Contains(ifs[0], "default_branch"));
  std::vector<std::string> uses;
  for (yaml_node_t* job : {build, y.Get(jobs, "deploy")}) {
    yaml_node_t* steps = y.Get(job, "steps");
    REQUIRE(steps);
    for (auto* i = steps->data.sequence.items.start; i < steps->data.sequence.items.top; ++i)
      y.Scalars(y.Get(yaml_document_get_node(&y.doc, *i), "uses"), &uses);
  }
  CHECK(std::find(uses.begin(), uses.end(), "actions/upload-pages-artifact@v3") != uses.end());
  CHECK(std::find(uses.begin(), uses.end(), "actions/deploy-pages@v4") != uses.end());
  // The commands, in the order the jobs run them.
  std::vector<std::string> scripts;
  for (yaml_node_t* job : {check, build}) {
    yaml_node_t* steps = y.Get(job, "steps");
    for (auto* i = steps->data.sequence.items.start; i < steps->data.sequence.items.top; ++i)
      y.Scalars(y.Get(yaml_document_get_node(&y.doc, *i), "run"), &scripts);
  }
  const auto commands = TrackerCommands(scripts);
  REQUIRE(commands == std::vector<std::string>{"tracker check --source .", "tracker build --source . --out public"});
  RunInStarter("ci-github", commands);
}

TEST_CASE("the GitLab CI template parses, checks every push, and publishes pages from the default branch") {
  Yaml y(ReadFile(fs::path(TRACKER_REPO) / "docs/ci/gitlab-ci.yml"));
  REQUIRE(y.ok);
  yaml_node_t* check = y.Get(y.Root(), "check");
  yaml_node_t* pages = y.Get(y.Root(), "pages");
  REQUIRE(check);
  REQUIRE(pages);
  std::vector<std::string> rules, artifacts, scripts;
  yaml_node_t* rule_list = y.Get(pages, "rules");
  REQUIRE(rule_list);
  y.Scalars(y.Get(yaml_document_get_node(&y.doc, *rule_list->data.sequence.items.start), "if"), &rules);
  REQUIRE(rules.size() == 1);
  CHECK(rules[0] == "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");
  y.Scalars(y.Get(y.Get(pages, "artifacts"), "paths"), &artifacts);
  CHECK(artifacts == std::vector<std::string>{"public"});
  y.Scalars(y.Get(check, "script"), &scripts);
  y.Scalars(y.Get(pages, "script"), &scripts);
  // The anchor's install lines are in both jobs' scripts.
  CHECK(std::count_if(scripts.begin(), scripts.end(), [](const std::string& s) { return Contains(s, "cmake --install"); }) == 2);
  const auto commands = TrackerCommands(scripts);
  REQUIRE(commands == std::vector<std::string>{"tracker check --source .", "tracker build --source . --out public"});
  RunInStarter("ci-gitlab", commands);
}
