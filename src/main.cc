// tracker: builds a children's services improvement tracker website.
#include <unistd.h>

#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "build.h"
#include "scaffold/new_authority.h"
#include "serve/serve.h"
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
  CLI::App* serve = app.add_subcommand("serve", "build, serve the site on this machine, and rebuild and reload pages "
                                                "when a source changes");
  ServeOptions serve_opt;
  serve->add_option("-s,--source", source, "folder holding site.yml, content/ and data/")->capture_default_str();
  serve->add_option("-o,--out", out, "output folder (default: <source>/site); the last good site stays in it");
  serve->add_option("--as-at", as_at, "judge everything as at this date, YYYY-MM-DD");
  serve->add_option("-p,--port", serve_opt.port, "port to listen on; 0 picks a free one")
      ->capture_default_str()->check(CLI::Range(0, 65535));
  serve->add_option("--bind", serve_opt.bind, "address to listen on; only this machine by default")->capture_default_str();
  serve->add_flag("--poll", serve_opt.poll, "watch the sources by polling, where inotify cannot see changes (network shares)");
  serve->add_option("-j,--jobs", opt.jobs, "threads to use (default: every core this process may use)")
      ->check(CLI::Range(1, 256));
  CLI::App* make = app.add_subcommand("new", "start a new file of the content model, never overwriting one");
  make->require_subcommand(1);
  CLI::App* new_authority = make->add_subcommand(
      "authority", "content/<authority>/_authority.md with the name, codes and region the DfE's files give");
  std::string new_source = ".";
  std::vector<std::string> official_codes;
  new_authority->add_option("-s,--source", new_source, "folder holding site.yml, content/ and data/")->capture_default_str();
  new_authority->add_option("--official", official_codes,
                            "the authority's code in data/official/ (812 or E06000012), several, or all")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }

  if (new_authority->parsed()) return RunNewAuthority(new_source, official_codes, std::cout, std::cerr);

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
  if (serve->parsed()) {
    serve_opt.build = opt;
    return RunServe(serve_opt, std::cout, std::cerr);
  }
#if !defined(TRACKER_SANITIZED)
  opt.exit_when_done = true;  // under a sanitizer, its checks at exit still run
#endif
  return RunBuild(opt, std::cout, std::cerr);
}
