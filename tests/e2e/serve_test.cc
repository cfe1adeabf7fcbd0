// `tracker serve`, as an editor uses it: the real binary on a loopback
// port, fetched with a real HTTP client (cpp-httplib), the sources edited,
// broken and fixed on disk, and the server stopped as Ctrl+C stops it.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include <chrono>
#include <regex>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "e2e.h"

using namespace e2e;
using namespace std::chrono_literals;

namespace {

// The server as a child process, its output in files.
struct Served {
  pid_t pid = -1;
  int port = 0;
  fs::path out, err;

  Served(const fs::path& source, const std::vector<std::string>& extra = {}) {
    out = source.string() + ".serve.out";
    err = source.string() + ".serve.err";
    pid = ::fork();
    if (pid == 0) {
      const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(o, 1);
      ::dup2(e, 2);
      std::vector<std::string> args = {TRACKER_BINARY, "serve", "--source", source.string(), "--port", "0", "--jobs", "2"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(TRACKER_BINARY, argv.data());
      ::_exit(127);
    }
    // It prints its address once it listens.
    const std::regex address("http://127\\.0\\.0\\.1:([0-9]+)/");
    for (int i = 0; i < 200 && !port; ++i) {
      std::smatch m;
      const std::string text = ReadFile(out);
      if (std::regex_search(text, m, address)) port = std::stoi(m[1]);
      else std::this_thread::sleep_for(50ms);
    }
  }
  // Stops it as Ctrl+C would; its exit status.
  int Stop() {
    if (pid <= 0) return -1;
    ::kill(pid, SIGINT);
    int status = 0;
    for (int i = 0; i < 100; ++i) {
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(50ms);
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    pid = -1;
    return -2;  // it did not stop by itself
  }
  ~Served() {
    if (pid > 0) Stop();
  }
};

// A request sent byte for byte as written, so no client library tidies
// the path first; the response's status code.
int RawStatus(int port, const std::string& target) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  const std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  if (::write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) return -1;
  std::string reply;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) reply.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return reply.size() > 12 ? std::stoi(reply.substr(9, 3)) : -1;
}

// Fetches `path` until `ok` holds of the response, for up to `limit`.
bool Eventually(httplib::Client& c, const std::string& path, std::chrono::milliseconds limit,
                const std::function<bool(const httplib::Result&)>& ok) {
  const auto until = std::chrono::steady_clock::now() + limit;
  do {
    auto r = c.Get(path);
    if (r && ok(r)) return true;
    std::this_thread::sleep_for(25ms);
  } while (std::chrono::steady_clock::now() < until);
  return false;
}

fs::path BundledCopy(const std::string& name) {
  const fs::path dir = WorkDir(name);
  for (const char* part : {"site.yml", "content", "data"})
    fs::copy(fs::path(TRACKER_REPO) / part, dir / part, fs::copy_options::recursive);
  return dir;
}

void Replace(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = ReadFile(file);
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace

TEST_CASE("tracker serve serves the site, rebuilds on an edit, shows a broken build's errors, and stops on Ctrl+C") {
  const fs::path dir = BundledCopy("serve");
  Served server(dir);
  REQUIRE_MESSAGE(server.port > 0, (ReadFile(server.out) + ReadFile(server.err)));
  httplib::Client c("127.0.0.1", server.port);
  c.set_read_timeout(5, 0);

  // Pages, with their content types, folder index pages and the site's 404 page.
  auto home = c.Get("/");
  REQUIRE(home);
  CHECK(home->status == 200);
  CHECK(home->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(Contains(home->body, "North East Lincolnshire"));
  // The reload script is served, and allowed, only here: the file on disk has neither.
  CHECK(Contains(home->body, "<script src=\"/__tracker/reload.js\""));
  CHECK(Contains(home->body, "script-src 'self'"));
  const std::string on_disk = ReadFile(dir / "site/index.html");
  CHECK(Contains(on_disk, "script-src 'none'"));
  CHECK_FALSE(Contains(on_disk, "reload.js"));
  auto css = c.Get("/assets/tracker.css");
  REQUIRE(css);
  CHECK(css->status == 200);
  CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
  auto folder = c.Get("/north-east-lincolnshire/");
  REQUIRE(folder);
  CHECK(folder->status == 200);
  const std::string index = ReadFile(dir / "site/north-east-lincolnshire/index.html");
  const size_t title = index.find("<title>");
  REQUIRE(title != std::string::npos);
  CHECK(Contains(folder->body, index.substr(title, index.find("</title>") - title)));
  auto bare = c.Get("/north-east-lincolnshire");
  REQUIRE(bare);
  CHECK(bare->status == 301);
  CHECK(bare->get_header_value("Location") == "/north-east-lincolnshire/");
  auto missing = c.Get("/no-such-page.html");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(Contains(missing->body, ReadFile(dir / "site/404.html").substr(0, 200)));

  // An edit is served within two seconds.
  const fs::path measure = dir / "content/north-east-lincolnshire/measures/asye-programme.md";
  const std::string page = "/north-east-lincolnshire/measures/asye-programme.html";
  Replace(measure, "Review the programme for first-year social workers", "Review the programme (edited in serve's test)");
  CHECK(Eventually(c, page, 2000ms, [](const httplib::Result& r) {
    return r->status == 200 && Contains(r->body, "Review the programme (edited in serve&apos;s test)");
  }));

  // A broken file: every page shows the problem at its line and column.
  Replace(measure, "title:", "titel:");
  CHECK(Eventually(c, page, 2000ms, [](const httplib::Result& r) {
    return r->status == 500 &&
           Contains(r->body, "content/north-east-lincolnshire/measures/asye-programme.md:2:1: error") &&
           Contains(r->body, "unknown field &apos;titel&apos; in the measure; did you mean &apos;title&apos;?");
  }));
  auto other = c.Get("/");
  REQUIRE(other);
  CHECK(other->status == 500);
  // The last good site is still on disk.
  CHECK(Contains(ReadFile(dir / "site" / page.substr(1)), "(edited in serve"));
  CHECK(Contains(ReadFile(server.err), "asye-programme.md:2:1: error: unknown field 'titel'"));

  // Fixed, the page comes back.
  Replace(measure, "titel:", "title:");
  CHECK(Eventually(c, page, 2000ms, [](const httplib::Result& r) { return r->status == 200; }));

  // Nothing outside the site, however the path is written.
  std::ofstream(dir / "secret.txt") << "not for the web";
  fs::create_symlink(dir / "secret.txt", dir / "site/linked.txt");
  fs::create_directory_symlink(dir / "content", dir / "site/linked-folder");
  for (const char* target : {"/../secret.txt", "/../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd",
                             "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt",
                             "/%252e%252e/secret.txt", "//etc/passwd", "/etc/passwd", "/linked.txt",
                             "/linked-folder/north-east-lincolnshire/_authority.md", "/./secret.txt",
                             "/assets/..;/secret.txt", "/%00../secret.txt", "http://127.0.0.1/../secret.txt"}) {
    CAPTURE(target);
    const int status = RawStatus(server.port, target);
    CHECK((status == 400 || status == 404));
  }

  // Stopped as Ctrl+C stops it: exit 0, and the port is free.
  CHECK(server.Stop() == 0);
  CHECK(Contains(ReadFile(server.out), "Stopped."));
  CHECK_FALSE(httplib::Client("127.0.0.1", server.port).Get("/"));
}

TEST_CASE("tracker serve watches by polling where asked, and a port in use is an environment error") {
  const fs::path dir = BundledCopy("serve-poll");
  Served server(dir, {"--poll"});
  REQUIRE(server.port > 0);
  CHECK(Contains(ReadFile(server.out), "by polling"));
  httplib::Client c("127.0.0.1", server.port);
  const fs::path measure = dir / "content/north-east-lincolnshire/measures/asye-programme.md";
  Replace(measure, "Review the programme for first-year social workers", "Polled edit");
  CHECK(Eventually(c, "/north-east-lincolnshire/measures/asye-programme.html", 2000ms,
                   [](const httplib::Result& r) { return Contains(r->body, "Polled edit"); }));
  Run busy = Tracker("serve --source " + Quote(dir.string()) + " --port " + std::to_string(server.port));
  CHECK(busy.exit == 3);
  CHECK(Contains(busy.err, "cannot listen on 127.0.0.1:" + std::to_string(server.port)));
  CHECK(server.Stop() == 0);
}

TEST_CASE("under tracker serve, an open page in chromium reloads on its own when its source changes") {
  const fs::path dir = BundledCopy("serve-browser");
  Served server(dir);
  REQUIRE(server.port > 0);
  const std::string url =
      "http://127.0.0.1:" + std::to_string(server.port) + "/north-east-lincolnshire/measures/asye-programme.html";
  Output o = Shell("node " + Quote(std::string(TRACKER_REPO) + "/tests/browser/serve_reload.mjs") + " " + Quote(url) + " " +
                   Quote((dir / "content/north-east-lincolnshire/measures/asye-programme.md").string()) +
                   " 'Review the programme for first-year social workers' 3");
  INFO(o.text);
  REQUIRE(o.exit == 0);
  const auto result = nlohmann::json::parse(o.text.substr(o.text.find('{')));
  CHECK(result["runs"] == 3);
  CHECK(result["max_ms"].get<int>() < 2000);
  CHECK(server.Stop() == 0);
}
