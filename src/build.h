// The build as a short list of named stages: load, assess, render, publish.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <optional>

#include "model/date.h"
#include "parallel.h"

namespace tracker {

struct BuildOptions {
  std::filesystem::path source = ".";
  std::filesystem::path out;  // empty: <source>/site
  std::optional<Date> as_at;
  bool write = true;    // false for `tracker check`
  int jobs = 0;         // 0: every core the process may use
  bool force = false;   // render everything, whatever the manifest says
  bool quiet = false;   // errors only
  bool verbose = false;  // say what was reused and why
  bool json = false;    // the summary and every diagnostic as JSON on stdout
  bool progress = false;  // a progress line, for a terminal
  // The command line's: once a build has succeeded and said so, the process
  // ends at once, its memory taken back by the OS in one go.
  bool exit_when_done = false;
};

// What a build's exit status means; --help and the README list them.
enum ExitCode {
  kExitOk = 0,
  kExitContentError = 1,  // the sources have problems, each printed at its place
  kExitUsage = 2,         // the command line is wrong
  kExitEnvironment = 3,   // the output could not be written: disk full, permissions, read-only
  kExitBusy = 4,          // another build holds the output's lock: try again when it ends
};

// Runs the build, printing diagnostics to `err` and a summary to `out`.
ExitCode RunBuild(const BuildOptions& options, std::ostream& out, std::ostream& err);

}  // namespace tracker
