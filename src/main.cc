// tracker: builds a children's services improvement tracker website.
#include <unistd.h>

#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "build.h"
#include "scaffold/new_authority.h"
#include "scaffold/new_files.h"
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
  std::string new_source = ".", new_name, new_authority_slug, new_slug, new_type, new_date, new_title, new_kpi, new_dir;
  auto add_source = [&](CLI::App* cmd) {
    cmd->add_option("-s,--source", new_source, "folder holding site.yml, content/ and data/")->capture_default_str();
  };
  CLI::App* new_site = make->add_subcommand("site", "a starter tracker for a made-up council, to replace with your own");
  new_site->add_option("dir", new_dir, "a new or empty folder")->required();
  CLI::App* new_authority = make->add_subcommand(
      "authority", "content/<authority>/_authority.md: by name, or with the name, codes and region the DfE's files give");
  std::vector<std::string> official_codes;
  add_source(new_authority);
  new_authority->add_option("name", new_name, "the council's name, e.g. \"Example Borough Council\"");
  new_authority->add_option("--official", official_codes,
                            "the authority's code in data/official/ (812 or E06000012), several, or all");
  CLI::App* new_document = make->add_subcommand("document", "content/<authority>/documents/<slug>.md");
  add_source(new_document);
  new_document->add_option("authority", new_authority_slug, "the authority's folder name")->required();
  new_document->add_option("slug", new_slug, "the document's file name, without .md")->required();
  new_document->add_option("--type", new_type, "improvement-notice, ofsted-letter, dfe-letter, scrutiny-report, ...")
      ->required();
  new_document->add_option("--date", new_date, "the document's date, YYYY-MM-DD (or YYYY-MM)")->required();
  new_document->add_option("--title", new_title, "its title, as published");
  CLI::App* new_measure = make->add_subcommand("measure", "content/<authority>/measures/<id>.md");
  add_source(new_measure);
  new_measure->add_option("authority", new_authority_slug, "the authority's folder name")->required();
  new_measure->add_option("id", new_slug, "the measure's file name, without .md")->required();
  new_measure->add_option("--kpi", new_kpi, "the KPI that measures it, from data/kpis.json");
  new_measure->add_option("--title", new_title, "what the council must achieve");
  CLI::App* new_snapshot = make->add_subcommand(
      "snapshot", "data/<authority>/snapshots/<date>.json with every KPI null, to fill in");
  add_source(new_snapshot);
  new_snapshot->add_option("authority", new_authority_slug, "the authority's folder name")->required();
  new_snapshot->add_option("--date", new_date, "the figures' date, YYYY-MM-DD (default: a month after the newest snapshot)");
  CLI::App* new_meeting = make->add_subcommand(
      "meeting", "a scrutiny panel's or board's meeting, added to content/<authority>/_authority.md");
  add_source(new_meeting);
  std::string new_from_document;
  new_meeting->add_option("authority", new_authority_slug, "the authority's folder name")->required();
  new_meeting->add_option("--date", new_date, "the meeting's date, YYYY-MM-DD")->required();
  new_meeting->add_option("--title", new_title, "its name (default: the last meeting's, e.g. Scrutiny panel)");
  new_meeting->add_option("--document", new_from_document, "the slug of its report or minutes, once published");
  std::string new_csv;
  new_snapshot->add_option("--from-csv", new_csv,
                           "take the figures from a CSV: kpi,value[,item][,note] columns, or the site's own "
                           "downloads/<authority>.csv (one snapshot per date)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }

  if (new_site->parsed()) return RunNewSite(new_dir, std::cout, std::cerr);
  if (new_authority->parsed()) {
    if (official_codes.empty() == new_name.empty()) {
      std::cerr << "tracker: error: give the council's name, or --official with its code, not both\n";
      return kExitUsage;
    }
    return official_codes.empty() ? RunNewAuthorityNamed(new_source, new_name, std::cout, std::cerr)
                                  : RunNewAuthority(new_source, official_codes, std::cout, std::cerr);
  }
  if (new_document->parsed())
    return RunNewDocument(new_source, new_authority_slug, new_slug, new_type, new_date, new_title, std::cout, std::cerr);
  if (new_measure->parsed())
    return RunNewMeasure(new_source, new_authority_slug, new_slug, new_kpi, new_title, std::cout, std::cerr);
  if (new_meeting->parsed())
    return RunNewMeeting(new_source, new_authority_slug, new_date, new_title, new_from_document, std::cout, std::cerr);
  if (new_snapshot->parsed())
    return RunNewSnapshot(new_source, new_authority_slug, new_date, new_csv, std::cout, std::cerr);

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
