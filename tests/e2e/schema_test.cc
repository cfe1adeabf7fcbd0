#include <doctest/doctest.h>

#include "e2e.h"

using namespace e2e;

// docs/schemas describe the JSON files; this proves they describe the real
// ones, with a real JSON Schema validator (Debian's python3-jsonschema).
TEST_CASE("every JSON file of the bundled tracker, the sample fixture and tracker new's output validates against docs/schemas") {
  const fs::path work = WorkDir("schema");
  fs::path script = work / "validate.py";
  // What tracker new writes: the starter, a snapshot of nulls, one from a
  // CSV, and a "$schema" key as an editor would add it.
  const fs::path starter = work / "starter";
  REQUIRE(Tracker("new site " + Quote(starter.string())).exit == 0);
  REQUIRE(Tracker("new snapshot example-borough --source " + Quote(starter.string())).exit == 0);
  std::ofstream(work / "aug.csv") << "kpi,value,item\ncp_visits_in_time,93,\nsupervision_in_time,c,North\n";
  REQUIRE(Tracker("new snapshot example-borough --date 2025-08-31 --from-csv " + Quote((work / "aug.csv").string()) +
                  " --source " + Quote(starter.string())).exit == 0);
  {
    std::string kpis = ReadFile(starter / "data/kpis.json");
    kpis.replace(kpis.find('{'), 1, "{\n  \"$schema\": \"../schemas/kpis.schema.json\",");
    std::ofstream(starter / "data/kpis.json", std::ios::trunc) << kpis;
    const fs::path snap = starter / "data/example-borough/snapshots/2025-08-31.json";
    std::string text = ReadFile(snap);
    text.replace(text.find('{'), 1, "{\n  \"$schema\": \"../../../schemas/snapshot.schema.json\",");
    std::ofstream(snap, std::ios::trunc) << text;
  }
  REQUIRE(Tracker("check --source " + Quote(starter.string())).exit == 0);
  std::ofstream(script) << R"(
import json, pathlib, sys
from jsonschema import Draft202012Validator
docs = pathlib.Path(sys.argv[1]) / "docs/schemas"
kpis = Draft202012Validator(json.load(open(docs / "kpis.schema.json")))
snapshot = Draft202012Validator(json.load(open(docs / "snapshot.schema.json")))
Draft202012Validator.check_schema(kpis.schema)
Draft202012Validator.check_schema(snapshot.schema)
count = 0
for root in sys.argv[1:]:
    data = pathlib.Path(root) / "data"
    for path in sorted(data.rglob("*.json")):
        validator = kpis if path.name == "kpis.json" else snapshot
        for error in validator.iter_errors(json.load(open(path))):
            print(f"{path}: {error.message}")
            sys.exit(1)
        count += 1
print(count)
)";
  std::string cmd = "/usr/bin/python3 " + Quote(script.string()) + " " + Quote(TRACKER_REPO) + " " +
                    Quote((fs::path(TRACKER_TEST_DATA) / "fixtures/sample").string()) + " " + Quote(starter.string()) +
                    " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  int status = pclose(p);
  CHECK_MESSAGE(WEXITSTATUS(status) == 0, out);
  CHECK(std::atoi(out.c_str()) >= 6 + 27);  // kpis.json three times and every snapshot
}

TEST_CASE("the schemas reject what tracker rejects") {
  fs::path script = WorkDir("schema-bad") / "validate.py";
  std::ofstream(script) << R"(
import json, pathlib, sys
from jsonschema import Draft202012Validator
docs = pathlib.Path(sys.argv[1]) / "docs/schemas"
snapshot = Draft202012Validator(json.load(open(docs / "snapshot.schema.json")))
bad = [{"values": {}}, {"as_at": "2023-09", "values": {}}, {"as_at": "2023-09-01", "values": {"v": "supressed"}},
       {"as_at": "2023-09-01", "values": {}, "extra": 1}]
print(sum(1 for b in bad if not snapshot.is_valid(b)))
)";
  std::string cmd = "/usr/bin/python3 " + Quote(script.string()) + " " + Quote(TRACKER_REPO);
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[64] = {0};
  fgets(buf, sizeof buf, p);
  pclose(p);
  CHECK(std::string(buf) == "4\n");
}
