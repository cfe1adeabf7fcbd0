#include "serve/serve.h"

#include <signal.h>
#include <unistd.h>
#include <sys/stat.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <ostream>
#include <sstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "escape.h"
#include "read_file.h"
#include "serve/site_files.h"
#include "serve/watch.h"

namespace tracker {

namespace fs = std::filesystem;
using namespace serve;

namespace {

// What every request reads and every build changes.
struct State {
  std::mutex mu;
  std::condition_variable changed;
  unsigned long generation = 1;  // one more for each build
  bool failed = false;
  std::vector<Problem> problems;
  std::string fatal;  // an environment error: disk full, the output busy
  bool stopping = false;
};

// One build, as `tracker build` would make it, its diagnostics printed in
// the terminal and kept for the pages.
void Build(const ServeOptions& o, State& s, std::ostream& err) {
  BuildOptions b = o.build;
  b.write = true;
  b.json = true;  // the diagnostics as data, for the error page
  b.progress = false;
  b.exit_when_done = false;
  std::ostringstream json_out, text_err;
  const ExitCode code = RunBuild(b, json_out, text_err);
  std::vector<Problem> problems;
  std::string fatal;
  long ms = 0, written = 0;
  try {
    const auto j = nlohmann::json::parse(json_out.str());
    for (const auto& d : j.at("diagnostics"))
      problems.push_back({d.value("path", ""), d.value("line", 0), d.value("column", 0), d.value("severity", "error"),
                          d.value("message", "")});
    if (j.contains("message") && j["message"].is_string()) fatal = j["message"];
    const auto& summary = j.at("summary");
    if (summary["milliseconds"].is_number()) ms = summary["milliseconds"];
    if (summary["written"].is_number()) written = summary["written"];
  } catch (const std::exception& e) {
    fatal = "the build's report could not be read: " + std::string(e.what());
  }
  for (const auto& p : problems)
    err << TerminalText(p.path) << (p.line ? ":" + std::to_string(p.line) + ":" + std::to_string(p.column) : "") << ": "
        << p.severity << ": " << TerminalText(p.message) << "\n";
  if (!fatal.empty()) err << "tracker: error: " << TerminalText(fatal) << "\n";
  if (code == kExitOk)
    err << "serve: built in " << ms << " ms, " << written << (written == 1 ? " file" : " files") << " written\n";
  else
    err << "serve: the build failed; pages show why until it is fixed, and the last good site stays on disk\n";
  err.flush();
  std::lock_guard lock(s.mu);
  s.failed = code != kExitOk;
  s.problems = std::move(problems);
  s.fatal = std::move(fatal);
  ++s.generation;
  s.changed.notify_all();
}

// Whether `rel` names a file in `root` with no symlink on the way to it.
bool NoSymlinks(const fs::path& root, const std::string& rel) {
  fs::path at = root;
  std::stringstream parts(rel);
  std::string part;
  while (std::getline(parts, part, '/')) {
    at /= part;
    struct stat st;
    if (::lstat(at.c_str(), &st) != 0) return true;  // missing: a 404 later
    if (S_ISLNK(st.st_mode)) return false;
  }
  return true;
}

std::optional<std::string> Slurp(const fs::path& p) {
  std::string text;
  if (ReadRegularFile(p, &text) != ReadFailure::kNone) return std::nullopt;
  return text;
}

void NoStore(httplib::Response& res) { res.set_header("Cache-Control", "no-store"); }


}  // namespace

ExitCode RunServe(const ServeOptions& o, std::ostream& out, std::ostream& err) {
  // Signals are taken by one thread, which stops everything in order.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const fs::path site = o.build.out.empty() ? o.build.source / "site" : o.build.out;
  State s;
  Build(o, s, err);

  httplib::Server svr;
  // Each open page holds a request waiting for the next build.
  svr.new_task_queue = [] { return new httplib::ThreadPool(32); };
  // Not httplib's SO_REUSEPORT, which would let a second server share the
  // port and take half the requests: a port in use is an error.
  svr.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  svr.Get("/__tracker/reload.js", [](const httplib::Request&, httplib::Response& res) {
    NoStore(res);
    res.set_content(std::string(ReloadScript()), "text/javascript; charset=utf-8");
  });
  svr.Get("/__tracker/wait", [&](const httplib::Request& req, httplib::Response& res) {
    const std::string since = req.get_param_value("since");
    std::unique_lock lock(s.mu);
    s.changed.wait_for(lock, std::chrono::seconds(20),
                       [&] { return s.stopping || std::to_string(s.generation) != since; });
    NoStore(res);
    res.set_content(std::to_string(s.generation), "text/plain; charset=utf-8");
  });
  svr.Get(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
    std::string why;
    const auto rel = SitePath(req.path, &why);
    if (!rel) {
      NoStore(res);
      res.status = 400;
      res.set_content("400 Bad Request: " + why + "\n", "text/plain; charset=utf-8");
      return;
    }
    unsigned long generation;
    bool failed;
    std::vector<Problem> problems;
    std::string fatal;
    {
      std::lock_guard lock(s.mu);
      generation = s.generation;
      failed = s.failed;
      if (failed) problems = s.problems, fatal = s.fatal;
    }
    fs::path file = site / *rel;
    std::error_code ec;
    const bool safe = NoSymlinks(site, *rel);
    if (safe && fs::is_directory(file, ec)) {
      // A folder is its index page, at an address ending in "/" so its
      // relative links resolve.
      if (!req.path.ends_with("/")) {
        res.set_redirect(req.path + "/", 301);
        return;
      }
      file /= "index.html";
    }
    std::optional<std::string> body;
    const bool exists = safe && fs::is_regular_file(file, ec);
    const bool html = !exists || file.extension() == ".html";
    if (exists && !html) {
      // Styles, fonts and charts are checked, not fetched again, on each
      // reload: their size and time make the tag.
      const auto size = fs::file_size(file, ec);
      const auto time = fs::last_write_time(file, ec).time_since_epoch().count();
      const std::string tag = "\"" + std::to_string(size) + "-" + std::to_string(time) + "\"";
      res.set_header("Cache-Control", "no-cache");
      res.set_header("ETag", tag);
      if (req.get_header_value("If-None-Match") == tag) {
        res.status = 304;
        return;
      }
    }
    if (exists) body = Slurp(file);
    if (html) NoStore(res);  // a page always as the newest build left it
    if (failed && html) {
      res.status = 500;
      res.set_content(ErrorPage(problems, fatal, generation), "text/html; charset=utf-8");
      return;
    }
    if (!body) {
      res.status = 404;
      if (auto page = Slurp(site / "404.html"))
        res.set_content(WithReload(std::move(*page), generation), "text/html; charset=utf-8");
      else
        res.set_content("404 Not Found\n", "text/plain; charset=utf-8");
      return;
    }
    const std::string name = file.filename().string();
    if (html) body = WithReload(std::move(*body), generation);
    res.set_content(std::move(*body), ContentType(name));
  });

  const int port = o.port == 0 ? svr.bind_to_any_port(o.bind) : (svr.bind_to_port(o.bind, o.port) ? o.port : -1);
  if (port < 0) {
    err << "tracker: error: cannot listen on " << o.bind << ":" << o.port
        << ": the port is in use or the address is not this machine's; choose another with --port or --bind\n";
    return kExitEnvironment;
  }
  const std::string host = o.bind.find(':') != std::string::npos ? "[" + o.bind + "]" : o.bind;
  SourceWatcher watcher(o.build.source, o.poll);
  out << "Serving " << site.string() << " at http://" << host << ":" << port << "/\n"
      << "Watching site.yml, content/, data/ and themes/ in " << o.build.source.string()
      << (watcher.polling() ? " by polling" : " with inotify") << "; press Ctrl+C to stop.\n"
      << std::flush;

  std::atomic<bool> stop{false};
  std::thread rebuilds([&] {
    while (watcher.WaitForChange(stop)) Build(o, s, err);
  });
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    stop = true;
    {
      std::lock_guard lock(s.mu);
      s.stopping = true;
      s.changed.notify_all();
    }
    svr.stop();
  });
  svr.listen_after_bind();
  // Stopped by a signal; or the server failed, and the stopper is woken
  // by one sent to this process.
  if (!stop) ::kill(::getpid(), SIGTERM);
  stopper.join();
  rebuilds.join();
  out << "Stopped.\n" << std::flush;
  return kExitOk;
}

}  // namespace tracker
