// The benchmark (not a test): builds a synthetic national corpus with the real
// tracker binary and compares each build with the floor, the time cmark-gfm
// alone needs to render all the corpus's Markdown on every core plus writing
// as many bytes as the site holds. Ratios from one run on one machine are
// what count: the machine is shared and noisy. See docs/performance.md.
//
//   build/tests/benchmark/tracker_benchmark [--corpus DIR] [--tracker PATH] [--settle SECONDS]
//
// Before each measurement the benchmark syncs and waits (--settle, 65 s by
// default): on ext4 without a journal, as on the machine this runs on, the
// kernel skips inodes freed in the last minute when it makes new files, so a
// run that follows a large deletion pays for it. Waiting puts the floor and
// every build on the same footing. The wait also lets the machine page out
// idle files, so each build then has its sources, the last site and
// tracker's folder read into the page cache first, as a CI job finds them
// after a checkout; one more clean build without that is reported for the
// record.
#include <malloc.h>
#include <sys/resource.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "build.h"
#include "generate_corpus.h"
#include "load/front_matter.h"

namespace fs = std::filesystem;
using tracker::bench::CorpusShape;

namespace {

struct Measurement {
  std::string name;
  double seconds = 0;
  double peak_mb = 0;
  std::string note;
};

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Runs the tracker binary; returns wall seconds and the child's peak RSS.
Measurement RunTracker(const std::string& name, const std::vector<std::string>& args) {
  // A forked child's peak counts the memory it shared with this process
  // before exec: give back what the floor's corpus used first.
  ::malloc_trim(0);
  double start = Now();
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, STDOUT_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  wait4(pid, &status, 0, &usage);
  Measurement m{name, Now() - start, usage.ru_maxrss / 1024.0, ""};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) m.note = "FAILED (exit " + std::to_string(WEXITSTATUS(status)) + ")";
  return m;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The floor: cmark-gfm with the same extensions on every core, then writing
// `bytes` spread over `files` files.
Measurement Floor(const fs::path& corpus, size_t bytes, size_t files, const fs::path& scratch) {
  std::vector<std::string> bodies;
  for (auto& e : fs::recursive_directory_iterator(corpus / "content"))
    if (e.is_regular_file() && e.path().extension() == ".md")
      if (std::string text = ReadFile(e.path()); true) bodies.emplace_back(tracker::SplitFrontMatter(text).body);
  cmark_gfm_core_extensions_ensure_registered();
  double start = Now();
  std::atomic<size_t> next{0}, html_bytes{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < bodies.size();) {
      cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
      for (const char* ext : {"table", "autolink", "strikethrough", "tagfilter"})
        cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(ext));
      cmark_parser_feed(parser, bodies[i].data(), bodies[i].size());
      cmark_node* doc = cmark_parser_finish(parser);
      char* html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
      html_bytes += std::strlen(html);
      free(html);
      cmark_node_free(doc);
      cmark_parser_free(parser);
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < tracker::AvailableCores(); ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  // Writing the same number of bytes as the site, in as many files.
  fs::remove_all(scratch);
  fs::create_directories(scratch);
  std::string chunk(bytes / std::max<size_t>(files, 1), 'x');
  next = 0;
  auto writer = [&] {
    for (size_t i; (i = next++) < files;) {
      fs::path p = scratch / std::to_string(i % 200) / (std::to_string(i) + ".html");
      std::error_code ec;
      fs::create_directories(p.parent_path(), ec);
      std::ofstream(p, std::ios::binary) << chunk;
    }
  };
  threads.clear();
  for (int t = 0; t < tracker::AvailableCores(); ++t) threads.emplace_back(writer);
  for (auto& t : threads) t.join();
  Measurement m{"floor: cmark-gfm alone + writing the same bytes", Now() - start, 0, ""};
  m.note = std::to_string(bodies.size()) + " Markdown files";
  fs::remove_all(scratch);
  return m;
}

// Reads every file under `dirs`, so the build after it finds them in the
// page cache, as a CI job does right after a checkout (and the floor, which
// reads the corpus before its clock starts).
void Warm(const std::vector<fs::path>& dirs) {
  std::vector<char> buf(1 << 20);
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec || !it->is_regular_file(ec)) continue;
      int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) continue;
      while (::read(fd, buf.data(), buf.size()) > 0) {
      }
      ::close(fd);
    }
  }
}

std::string Fixed(double v) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << v;
  return s.str();
}

void SiteSize(const fs::path& site, size_t* bytes, size_t* files) {
  *bytes = 0;
  *files = 0;
  for (auto& e : fs::recursive_directory_iterator(site))
    if (e.is_regular_file()) {
      *bytes += e.file_size();
      ++*files;
    }
}

}  // namespace

int main(int argc, char** argv) {
  fs::path corpus = "build/bench/corpus", tracker_bin = "build/tracker";
  int settle_s = 65;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--corpus") corpus = argv[i + 1];
    if (std::string(argv[i]) == "--tracker") tracker_bin = argv[i + 1];
    if (std::string(argv[i]) == "--settle") settle_s = std::stoi(argv[i + 1]);
  }
  auto settle = [&] {
    ::sync();
    if (settle_s > 0) std::this_thread::sleep_for(std::chrono::seconds(settle_s));
  };
  CorpusShape shape;
  if (!fs::exists(corpus / "site.yml")) {
    std::cerr << "generating the corpus in " << corpus << " ...\n";
    size_t md = tracker::bench::GenerateCorpus(corpus, shape);
    std::cerr << "  " << md / (1024 * 1024) << " MB of Markdown\n";
  }
  const fs::path site = corpus.parent_path() / "site";
  const std::string bin = fs::absolute(tracker_bin).string(), src = corpus.string(), out = site.string();
  const fs::path cache = corpus.parent_path() / ".site.tracker";
  // Each build starts as a CI job's does: after the wait, with the sources,
  // the last site and tracker's own folder in the page cache, as a checkout
  // and a restored cache leave them. The wait is longer than this machine
  // keeps idle files cached (it pages out what is unused for a minute), so
  // without this every build would read its sources from the disk while the
  // floor, whose clock starts with the Markdown in memory, would not.
  auto ready = [&] {
    settle();
    Warm({corpus, site, cache});
  };
  // Clean: no site, and none of tracker's caches beside it.
  fs::remove_all(site);
  fs::remove_all(cache);
  std::cerr << "measuring, waiting " << settle_s << " s before each figure ...\n";

  // The floor writes as many bytes in as many files as the site holds: the
  // size of a previous run's site, else a first build to learn it.
  const fs::path scratch = corpus.parent_path() / "floor-scratch";
  size_t bytes = 0, files = 0;
  std::ifstream size_file(corpus.parent_path() / "site-size.txt");
  if (!(size_file >> bytes >> files)) {
    RunTracker("(size)", {bin, "build", "--quiet", "--source", src, "--out", out});
    SiteSize(site, &bytes, &files);
    fs::remove_all(site);
    fs::remove_all(corpus.parent_path() / ".site.tracker");
  }
  settle();
  Measurement floor1 = Floor(corpus, bytes, files, scratch);

  std::vector<Measurement> rows;
  ready();
  rows.push_back(RunTracker("full clean build", {bin, "build", "--quiet", "--source", src, "--out", out}));
  SiteSize(site, &bytes, &files);
  std::ofstream(corpus.parent_path() / "site-size.txt") << bytes << " " << files << "\n";
  rows.back().note = std::to_string(files) + " files, " + std::to_string(bytes / (1024 * 1024)) + " MB";
  ready();
  rows.push_back(RunTracker("no-op rebuild", {bin, "build", "--quiet", "--source", src, "--out", out}));

  // One snapshot of one authority changes, as when a month's figures land.
  fs::path snap = corpus / "data/authority-1000/snapshots/2024-12-31.json";
  std::string original = ReadFile(snap);
  std::string changed = original;
  changed.replace(changed.find("\"kpi_1\": "), 9, "\"kpi_1\": 1");
  std::ofstream(snap, std::ios::binary) << changed;
  ready();
  rows.push_back(RunTracker("one snapshot of one authority changed", {bin, "build", "--quiet", "--source", src, "--out", out}));
  std::ofstream(snap, std::ios::binary) << original;

  // One template changes: every page that uses it is rendered again.
  fs::path tmpl = corpus / "themes/default/templates/_footer.html";
  fs::create_directories(tmpl.parent_path());
  std::string footer;
  for (const auto& f : fs::directory_iterator("themes/default/templates"))
    if (f.path().filename() == "_footer.html") footer = ReadFile(f.path());
  std::ofstream(tmpl, std::ios::binary) << footer << "<!-- changed -->\n";
  ready();
  rows.push_back(RunTracker("one template changed", {bin, "build", "--quiet", "--source", src, "--out", out}));
  fs::remove_all(corpus / "themes");
  RunTracker("(restore)", {bin, "build", "--quiet", "--source", src, "--out", out});

  // For the record, not a target: a clean build whose sources must come
  // from the disk, the wait having paged them out.
  fs::remove_all(site);
  fs::remove_all(cache);
  settle();
  rows.push_back(RunTracker("full clean build, sources not in the page cache (not a target)",
                            {bin, "build", "--quiet", "--source", src, "--out", out}));

  // The floor again, and the faster of the two: the stricter comparison.
  settle();
  Measurement floor2 = Floor(corpus, bytes, files, scratch);
  Measurement floor = floor2.seconds < floor1.seconds ? floor2 : floor1;
  floor.note += ", the faster of " + Fixed(floor1.seconds) + " and " + Fixed(floor2.seconds) + " s";
  const double full = rows[0].seconds;

  std::ostringstream table;
  table << "| figure | seconds | × floor | × full build | peak memory |\n|---|--:|--:|--:|--:|\n";
  auto row = [&](const Measurement& m) {
    table << "| " << m.name << (m.note.empty() ? "" : " (" + m.note + ")") << " | " << std::fixed << std::setprecision(2)
          << m.seconds << " | " << m.seconds / floor.seconds << " | " << m.seconds / full << " | "
          << (m.peak_mb > 0 ? std::to_string(static_cast<int>(m.peak_mb)) + " MB" : "") << " |\n";
  };
  row(floor);
  for (const auto& m : rows) row(m);
  table << "\nTargets (issue: CI-grade builds), on " << tracker::AvailableCores() << " cores:\n";
  auto target = [&](const std::string& what, bool met) { table << "- " << what << ": " << (met ? "met" : "MISSED") << "\n"; };
  target("full clean build ≤ 2× the floor", rows[0].seconds <= 2 * floor.seconds);
  target("no-op rebuild ≤ 5% of the full build", rows[1].seconds <= 0.05 * full);
  target("one snapshot changed ≤ 10% of the full build", rows[2].seconds <= 0.10 * full);
  target("peak memory of the full build ≤ 400 MB", rows[0].peak_mb <= 400);
  std::cout << table.str();
  std::ofstream(corpus.parent_path() / "results.md") << table.str();
  return 0;
}
