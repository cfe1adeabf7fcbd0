#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

#include "e2e.h"

using namespace e2e;

// A build killed at any moment leaves either the previous site or the new
// one, whole: never a mix, never nothing.
TEST_CASE("a build killed part way leaves the previous site intact") {
  fs::path work = WorkDir("interrupt");
  fs::copy(fs::path(TRACKER_TEST_DATA) / "fixtures/sample", work / "src", fs::copy_options::recursive);
  // Enough documents that writing the site takes a while.
  std::string para(2000, 'x');
  for (int i = 0; i < 400; ++i)
    std::ofstream(work / "src/content/sampleton/documents" / ("doc-" + std::to_string(i) + ".md"))
        << "---\ntitle: Document " << i << "\ntype: other\ndate: 2022-05-01\n---\n## Part\n\n" << para << "\n";
  const std::string src = (work / "src").string(), site = (work / "site").string();
  REQUIRE(Tracker("build --quiet --source " + Quote(src) + " --out " + Quote(site)).exit == 0);
  auto old_tree = Tree(site);

  std::ofstream(work / "src/content/sampleton/documents/doc-0.md")
      << "---\ntitle: Document zero, revised\ntype: other\ndate: 2022-05-01\n---\nNew text.\n";
  REQUIRE(Tracker("build --quiet --source " + Quote(src) + " --out " + Quote((work / "expected").string())).exit == 0);
  auto new_tree = Tree(work / "expected");
  REQUIRE(new_tree != old_tree);

  // Most kills must land while the build runs, or the test proves nothing:
  // those are the runs that end by the signal, not by exiting.
  int killed_mid_build = 0;
  for (int delay_ms : {0, 2, 5, 10, 15, 20, 30, 40, 60, 80, 160}) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      execl(TRACKER_BINARY, TRACKER_BINARY, "build", "--quiet", "--source", src.c_str(), "--out", site.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++killed_mid_build;
    auto now = Tree(site);
    CHECK_MESSAGE((now == old_tree || now == new_tree), "killed after " << delay_ms << " ms: the site is a mix");
  }
  CHECK_MESSAGE(killed_mid_build >= 6, killed_mid_build << " of 11 kills landed while the build ran");
  // The next build finishes the job; beside the site there is nothing but
  // tracker's own folder, whatever the killed builds left in it.
  REQUIRE(Tracker("build --quiet --source " + Quote(src) + " --out " + Quote(site)).exit == 0);
  CHECK(Tree(site) == new_tree);
  const std::set<std::string> expected = {"src", "site", "expected", ".site.tracker", ".expected.tracker"};
  for (auto& e : fs::directory_iterator(work))
    CHECK_MESSAGE(expected.count(e.path().filename().string()), e.path().string());
  // And a build after that, with a change, is right too.
  std::ofstream(work / "src/content/sampleton/documents/doc-1.md")
      << "---\ntitle: Document one, revised\ntype: other\ndate: 2022-05-01\n---\nNew text.\n";
  REQUIRE(Tracker("build --quiet --source " + Quote(src) + " --out " + Quote(site)).exit == 0);
  REQUIRE(Tracker("build --quiet --source " + Quote(src) + " --out " + Quote((work / "clean").string())).exit == 0);
  CHECK(Tree(site) == Tree(work / "clean"));
}
