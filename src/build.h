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

enum ExitCode { kExitOk = 0, kExitContentError = 1, kExitUsage = 2 };

// Runs the build, printing diagnostics to `err` and a summary to `out`.
ExitCode RunBuild(const BuildOptions& options, std::ostream& out, std::ostream& err);

}  // namespace tracker
