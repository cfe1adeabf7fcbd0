// The texts `tracker new` writes (scaffold/new_files), without a disk.
#include <doctest/doctest.h>

#include "scaffold/new_files.h"

using namespace tracker;

TEST_CASE("new: a meeting is added after the list's last item, at the list's own indent") {
  std::string why;
  const std::string flush = "---\nname: A\nmeetings:\n- date: 2025-01-01\n  title: Panel\nregion: R\n---\nBody\n";
  CHECK(*WithMeeting(flush, "2025-02-01", "Panel", "", &why) ==
        "---\nname: A\nmeetings:\n- date: 2025-01-01\n  title: Panel\n- date: 2025-02-01\n  title: \"Panel\"\nregion: R\n---\nBody\n");
  const std::string none = "---\nname: A\n---\n";
  CHECK(*WithMeeting(none, "2025-02-01", "Board", "minutes", &why) ==
        "---\nname: A\nmeetings:\n  - date: 2025-02-01\n    title: \"Board\"\n    source: minutes\n---\n");
}

TEST_CASE("new: a meeting list on one line, or a file without front matter, is left alone with the reason") {
  std::string why;
  CHECK_FALSE(WithMeeting("---\nname: A\nmeetings: []\n---\n", "2025-02-01", "Panel", "", &why));
  CHECK(why.find("written on one line") != std::string::npos);
  CHECK_FALSE(WithMeeting("name: A\n", "2025-02-01", "Panel", "", &why));
  CHECK(why == "it has no front matter");
}

TEST_CASE("new: a snapshot names every KPI null, and a breakdown's items as last reported") {
  Kpi a;
  a.id = "visits";
  Kpi b;
  b.id = "supervision";
  b.breakdown = "Team";
  CHECK(SnapshotFile(Date{2025, 8, 31}, {a, b}, {{"supervision", {"North", "South"}}}) ==
        "{\n  \"as_at\": \"2025-08-31\",\n  \"values\": {\n    \"visits\": null,\n"
        "    \"supervision\": {\"North\": null, \"South\": null}\n  }\n}\n");
  CHECK(SnapshotFile(Date{2025, 8, 31}, {a, b}, {}).find("\"supervision\": null") != std::string::npos);
}
