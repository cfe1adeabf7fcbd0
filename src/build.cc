#include "build.h"

#include <sched.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <ostream>
#include <set>

#include <nlohmann/json.hpp>

#include "assess/assess_site.h"
#include "diagnostics.h"
#include "load/fingerprint.h"
#include "load/load_site.h"
#include "load/load_theme.h"
#include "load/source_tree.h"
#include "publish/publish.h"
#include "render/format.h"
#include "render/render_site.h"

namespace tracker {

namespace fs = std::filesystem;

int AvailableCores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return 1;
}

namespace {

// The output must not swallow the source: replacing it would delete content.
bool OutputIsSafe(const fs::path& source, const fs::path& out, std::string* why) {
  std::error_code ec;
  fs::path s = fs::weakly_canonical(source, ec);
  fs::path o = fs::weakly_canonical(out, ec);
  auto within = [](const fs::path& inner, const fs::path& outer) {
    auto i = inner.begin();
    for (auto p = outer.begin(); p != outer.end(); ++p, ++i)
      if (i == inner.end() || *i != *p) return false;
    return true;
  };
  if (within(s, o)) {
    *why = "--out " + out.string() + " holds the source folder; building there would replace the content";
    return false;
  }
  for (const char* dir : {"content", "data", "themes"}) {
    if (within(o, s / dir)) {
      *why = std::string("--out ") + out.string() + " is inside the source's " + dir + "/ folder; choose another";
      return false;
    }
  }
  return true;
}

// The authority an output belongs to, for the manifest: its pages, feed and
// open data; "" for what lists every authority. Called for every file, so it
// reads the path rather than scanning the authorities.
std::string GroupOf(const std::string& path, const std::set<std::string>& slugs) {
  size_t slash = path.find('/');
  if (slash == std::string::npos) return "";
  std::string first = path.substr(0, slash);
  if (first == "downloads") first = path.substr(slash + 1, path.find('.', slash) - slash - 1);
  return slugs.count(first) ? first : "";
}

class Reporter {
 public:
  Reporter(const BuildOptions& o, std::ostream& out, std::ostream& err) : opt_(o), out_(out), err_(err) {}

  void Diagnostics(const tracker::Diagnostics& diag, const SourceTree& tree) {
    diag_ = diag.Sorted();
    errors_ = diag.errors();
    warnings_ = diag.warnings();
    if (opt_.json) return;
    for (const auto& d : diag_) err_ << FormatDiagnostic(d, &tree.files);
    if (errors_ || warnings_) {
      err_ << Plural(errors_, "error", "errors");
      if (warnings_) err_ << ", " << Plural(warnings_, "warning", "warnings");
      err_ << "\n";
    }
  }

  void Line(const std::string& text) {
    if (!opt_.quiet && !opt_.json) out_ << text << "\n";
  }
  void Verbose(const std::string& text) {
    if (opt_.verbose && !opt_.json) out_ << text << "\n";
  }
  void Error(const std::string& text) {
    fatal_ = text;
    if (!opt_.json) err_ << "tracker: error: " << text << "\n";
  }

  void Summary(ExitCode code, const nlohmann::ordered_json& counts) {
    if (!opt_.json) return;
    nlohmann::ordered_json j;
    j["status"] = code == kExitOk ? "ok" : code == kExitUsage ? "usage error" : "content errors";
    j["exit_code"] = static_cast<int>(code);
    j["summary"] = counts;
    j["errors"] = errors_;
    j["warnings"] = warnings_;
    j["diagnostics"] = nlohmann::ordered_json::array();
    for (const auto& d : diag_)
      j["diagnostics"].push_back({{"path", d.pos.path}, {"line", d.pos.line}, {"column", d.pos.col},
                                  {"severity", d.severity == Severity::kError ? "error" : "warning"},
                                  {"message", d.message}});
    if (!fatal_.empty()) j["message"] = fatal_;
    out_ << j.dump(2) << "\n";
  }

 private:
  const BuildOptions& opt_;
  std::ostream& out_;
  std::ostream& err_;
  std::vector<Diagnostic> diag_;
  int errors_ = 0, warnings_ = 0;
  std::string fatal_;
};

}  // namespace

ExitCode RunBuild(const BuildOptions& opt, std::ostream& out, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  auto elapsed_ms = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  };
  Reporter report(opt, out, err);
  nlohmann::ordered_json counts;
  const fs::path out_dir = opt.out.empty() ? opt.source / "site" : opt.out;
  const int jobs = opt.jobs > 0 ? opt.jobs : AvailableCores();

  std::error_code ec;
  if (!fs::is_directory(opt.source, ec)) {
    report.Error("source folder '" + opt.source.string() + "' does not exist; pass the folder that holds site.yml with --source");
    report.Summary(kExitUsage, counts);
    return kExitUsage;
  }
  std::string why;
  if (opt.write && !OutputIsSafe(opt.source, out_dir, &why)) {
    report.Error(why);
    report.Summary(kExitUsage, counts);
    return kExitUsage;
  }

  const std::string options = "--as-at=" + (opt.as_at ? opt.as_at->Iso() : std::string());
  const std::string tool = std::string("tracker ") + TRACKER_VERSION;
  Publisher publisher;
  std::map<std::string, std::string> sources;
  auto up_to_date = [&](const Manifest& prev) {
    publisher.Abort();
    counts = {{"files", prev.files.size()}, {"written", 0}, {"unchanged", prev.files.size()}, {"deleted", 0},
              {"up_to_date", true}, {"milliseconds", elapsed_ms()}};
    report.Line("up to date: " + out_dir.string() + " already holds the site for these inputs (" +
                std::to_string(prev.files.size()) + " files, none written)");
    report.Summary(kExitOk, counts);
    return kExitOk;
  };
  if (opt.write) {
    if (!publisher.Begin(out_dir, &why)) {
      report.Error(why);
      report.Summary(kExitContentError, counts);
      return kExitContentError;
    }
    // Sizes and times first, taken before reading, so a file that changes
    // during the build is seen as changed next time.
    sources = StatSourceTree(opt.source);
    const Manifest& prev = publisher.previous();
    if (!opt.force && prev.tool == tool && prev.options == options && !publisher.previous_sources().empty() &&
        publisher.previous_sources() == sources)
      return up_to_date(prev);
  }

  // load: read every source file once, then parse and check it all.
  Diagnostics diag;
  SourceTree tree = ReadSourceTree(opt.source, diag);
  const Fingerprints fp = FingerprintInputs(tree, options);
  // Same bytes under new times (a fresh checkout in CI): still nothing to do.
  if (opt.write && !opt.force && publisher.previous().inputs == fp.all && publisher.previous().tool == tool) {
    publisher.RecordSources(sources);  // the cache beside the site, not the site
    return up_to_date(publisher.previous());
  }

  Site site = LoadSite(tree, diag);
  Theme theme = LoadTheme(tree, site.config, diag);
  report.Diagnostics(diag, tree);
  if (diag.HasErrors()) {
    if (!opt.json) err << (opt.write ? "build stopped: nothing was written\n" : "check failed\n");
    report.Summary(kExitContentError, counts);
    return kExitContentError;
  }

  // The model holds what the pages need; the raw bytes can go.
  tree.files.clear();

  // assess: every measure's status at the as-at date.
  const Date as_at = ResolveAsAt(site, opt.as_at);
  SiteAssessment assessment = AssessSite(site, as_at);

  // render and publish: pages go to the staging folder as they are made;
  // an authority whose inputs are unchanged is linked, not rendered.
  RenderOptions ropt;
  ropt.jobs = jobs;
  const Manifest& prev = publisher.previous();
  // An authority's pages read its own files, the global ones and the as-at
  // date (every footer states it), so those decide whether they can be reused.
  std::map<std::string, std::string> groups;
  for (const auto& [slug, hash] : fp.authorities) groups[slug] = HashBytes(hash + "@" + as_at.Iso());
  if (opt.write && !opt.force && prev.tool == std::string("tracker ") + TRACKER_VERSION) {
    for (const auto& a : site.authorities) {
      auto old = prev.groups.find(a.slug);
      auto now = groups.find(a.slug);
      if (old != prev.groups.end() && now != groups.end() && old->second == now->second &&
          publisher.Reuse(a.slug)) {
        ropt.reuse.insert(a.slug);
        report.Verbose("reused " + a.slug + ": its inputs are unchanged");
      }
    }
  }
  std::set<std::string> slugs;
  for (const auto& a : site.authorities) slugs.insert(a.slug);
  std::atomic<size_t> pages{0}, data_files{0}, files{0};
  std::mutex progress_mu;
  auto last_progress = std::chrono::steady_clock::now();
  FileSink sink = [&](const OutputFile& f) {
    ++files;
    bool html = f.path.size() > 5 && f.path.compare(f.path.size() - 5, 5, ".html") == 0;
    if (html) ++pages;
    if (f.path.rfind("downloads/", 0) == 0) ++data_files;
    if (opt.write) publisher.Write(GroupOf(f.path, slugs), f);
    if (opt.progress && elapsed_ms() > 1000) {
      std::lock_guard<std::mutex> lock(progress_mu);
      auto now = std::chrono::steady_clock::now();
      if (now - last_progress > std::chrono::milliseconds(200)) {
        last_progress = now;
        err << "\r\033[K" << files.load() << " files rendered" << std::flush;
      }
    }
  };
  std::vector<std::string> errors = RenderSite(site, assessment, theme, ropt, sink);
  if (opt.progress && elapsed_ms() > 1000) err << "\r\033[K" << std::flush;
  if (!errors.empty()) {
    for (const auto& e : errors) report.Error(e);
    if (!opt.json) err << "build stopped: nothing was written\n";
    report.Summary(kExitContentError, counts);
    return kExitContentError;
  }

  if (!opt.write) {
    counts = {{"authorities", site.authorities.size()}, {"pages", pages.load()}, {"data_files", data_files.load()},
              {"files", files.load()}, {"as_at", as_at.Iso()}, {"milliseconds", elapsed_ms()}};
    report.Line("ok: " + Plural(site.authorities.size(), "authority", "authorities") + ", " +
                std::to_string(files.load()) + " files would be written (as at " + as_at.Iso() + ")");
    report.Summary(kExitOk, counts);
    return kExitOk;
  }

  if (!publisher.Commit(fp.all, groups, options, &why)) {
    report.Error(why + "; the previous site is unchanged");
    report.Summary(kExitContentError, counts);
    return kExitContentError;
  }
  publisher.RecordSources(sources);
  PublishStats st = publisher.stats();
  counts = {{"authorities", site.authorities.size()},
            {"pages", pages.load()},
            {"data_files", data_files.load()},
            {"files", st.written + st.unchanged},
            {"written", st.written},
            {"unchanged", st.unchanged},
            {"deleted", st.deleted},
            {"reused_authorities", ropt.reuse.size()},
            {"warnings", diag.warnings()},
            {"as_at", as_at.Iso()},
            {"jobs", jobs},
            {"milliseconds", elapsed_ms()}};
  report.Line("built " + out_dir.string() + " for " + Plural(site.authorities.size(), "authority", "authorities") +
              " as at " + as_at.Iso() + "\n" +
              "  pages       " + std::to_string(pages.load()) + " rendered" +
              (ropt.reuse.empty() ? "" : ", " + Plural(ropt.reuse.size(), "authority", "authorities") + " reused unchanged") + "\n" +
              "  data files  " + std::to_string(data_files.load()) + "\n" +
              "  outputs     " + std::to_string(st.written) + " written, " + std::to_string(st.unchanged) +
              " unchanged, " + std::to_string(st.deleted) + " deleted\n" +
              "  warnings    " + std::to_string(diag.warnings()) + "\n" +
              "  time        " + std::to_string(elapsed_ms()) + " ms on " + Plural(jobs, "thread", "threads"));
  report.Summary(kExitOk, counts);
  return kExitOk;
}

}  // namespace tracker
