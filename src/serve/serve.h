// `tracker serve`: builds the site, serves it on a loopback port, and
// rebuilds when a source changes, reloading open pages. docs/serve.md.
#pragma once
#include <iosfwd>
#include <string>

#include "build.h"

namespace tracker {

struct ServeOptions {
  BuildOptions build;  // source, out, as-at and jobs; the rest is serve's
  std::string bind = "127.0.0.1";
  int port = 8080;     // 0: any free port, printed
  bool poll = false;   // watch by polling, not inotify
};

// Runs until SIGINT or SIGTERM; the exit status is kExitOk then, or
// kExitEnvironment when the port cannot be had.
ExitCode RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace tracker
