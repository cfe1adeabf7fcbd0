// Helpers for tests that run the real tracker binary.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace e2e {

namespace fs = std::filesystem;

struct Run {
  int exit = -1;
  std::string out, err;
};

inline std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `tracker ARGS` with stdout and stderr captured, in `cwd` if given.
inline Run Tracker(const std::string& args, const fs::path& cwd = {}) {
  static int n = 0;
  fs::path dir = fs::path(TRACKER_WORK_DIR) / "runs";
  fs::create_directories(dir);
  std::string stem = (dir / (std::to_string(::getpid()) + "-" + std::to_string(n++))).string();
  std::string cmd = (cwd.empty() ? std::string() : "cd " + Quote(cwd.string()) + " && ") + "LC_ALL=C " + Quote(TRACKER_BINARY) + " " + args + " >" + stem + ".out 2>" + stem + ".err";
  int status = std::system(cmd.c_str());
  Run r;
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(stem + ".out");
  r.err = ReadFile(stem + ".err");
  return r;
}

// A fresh folder for one test, under the build tree. CTest runs each test
// case in its own process, in parallel, so the process id keeps them apart.
inline fs::path WorkDir(const std::string& name) {
  fs::path p = fs::path(TRACKER_WORK_DIR) / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

// Every file under root, relative path -> bytes.
inline std::map<std::string, std::string> Tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  if (!fs::exists(root)) return files;
  for (auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files[fs::relative(e.path(), root).generic_string()] = ReadFile(e.path());
  return files;
}

// Runs a shell command with stdout and stderr together.
struct Output {
  int exit = -1;
  std::string text;
};
inline Output Shell(const std::string& cmd) {
  Output o;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return o;
  char buf[4096];
  while (fgets(buf, sizeof buf, p)) o.text += buf;
  int status = pclose(p);
  o.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

inline bool Contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace e2e
