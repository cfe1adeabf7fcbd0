// The build as a short list of named stages: load, assess, render, publish.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <optional>

#include "model/date.h"

namespace tracker {

struct BuildOptions {
  std::filesystem::path source = ".";
  std::filesystem::path out;  // empty: <source>/site
  std::optional<Date> as_at;
  bool write = true;  // false for `tracker check`
  bool quiet = false;
};

enum ExitCode { kExitOk = 0, kExitContentError = 1, kExitUsage = 2 };

// Runs the build, printing diagnostics to `err` and a summary to `out`.
ExitCode RunBuild(const BuildOptions& options, std::ostream& out, std::ostream& err);

}  // namespace tracker
