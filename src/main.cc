// tracker: builds a children's services improvement tracker website.
#include <unistd.h>

#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "build.h"
#include "version.h"

// jemalloc's settings for a batch process: freed memory is kept for reuse
// rather than handed back to the kernel, only to fault it in again. Huge
// pages are not asked for: a build streams one authority at a time and
// touches under 100 MB, and on the virtual machine measured (first touch
// after a minute idle) a 2 MB huge page cost four times its 4 KB pages
// (docs/performance.md).
extern "C" {
const char* malloc_conf = "thp:never,dirty_decay_ms:-1,muzzy_decay_ms:-1";
}

int main(int argc, char** argv) {
  using namespace tracker;
  CLI::App app{"tracker " TRACKER_VERSION
               ": builds a static website that tracks a council's children's services improvement\n"
               "from Markdown documents and JSON KPI snapshots."};
  app.set_version_flag("--version", ToolIdentity());
  app.require_subcommand(1);
  app.footer(
      "Exit status:\n"
      "  0  success\n"
      "  1  content errors, each printed as path:line:col\n"
      "  2  usage error: the command line is wrong\n"
      "  3  environment error: the output could not be written (disk full, permissions, read-only)\n"
      "  4  busy: another build is writing to the same output; try again when it ends\n"
      "Documentation: README.md and docs/ in the tracker repository.");

  BuildOptions opt;
  std::string as_at, source = ".", out;
  auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("-s,--source", source, "folder holding site.yml, content/ and data/")->capture_default_str();
    cmd->add_option("--as-at", as_at, "judge everything as at this date, YYYY-MM-DD "
                                      "(default: site.yml's as_at, else the newest snapshot)");
    cmd->add_option("-j,--jobs", opt.jobs, "threads to use (default: every core this process may use)")
        ->check(CLI::Range(1, 256));
    cmd->add_flag("-q,--quiet", opt.quiet, "print only errors");
    cmd->add_flag("--json", opt.json, "print the summary and every diagnostic as JSON, for CI tools");
  };
  CLI::App* build = app.add_subcommand("build", "check the content and write the website");
  add_common(build);
  build->add_option("-o,--out", out, "output folder (default: <source>/site); tracker keeps its lock and caches in .<out>.tracker/ beside it");
  build->add_flag("--force", opt.force, "render every page, even those whose inputs have not changed");
  build->add_flag("-v,--verbose", opt.verbose, "say which authorities were kept unchanged and how long each stage took");
  CLI::App* check = app.add_subcommand("check", "check the content and report every problem; write nothing");
  add_common(check);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }

  opt.source = source;
  opt.out = out;
  opt.write = build->parsed();
  // A progress line only where a person watches: not in CI logs or pipes.
  opt.progress = !opt.quiet && !opt.json && isatty(STDERR_FILENO) && !getenv("CI");
  if (!as_at.empty()) {
    std::string why;
    auto d = ParseDate(as_at, &why);
    if (!d || d->precision() != Date::Precision::kDay) {
      std::cerr << "tracker: error: --as-at '" << as_at << "' is not a date: use YYYY-MM-DD\n";
      return kExitUsage;
    }
    opt.as_at = d;
  }
#if !defined(TRACKER_SANITIZED)
  opt.exit_when_done = true;  // under a sanitizer, its checks at exit still run
#endif
  return RunBuild(opt, std::cout, std::cerr);
}
