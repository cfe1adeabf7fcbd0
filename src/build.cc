#include "build.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <latch>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <mutex>
#include <ostream>
#include <set>

#include <nlohmann/json.hpp>

#include "assess/assess_site.h"
#include "diagnostics.h"
#include "escape.h"
#include "load/fingerprint.h"
#include "load/load_site.h"
#include "load/load_theme.h"
#include "load/source_tree.h"
#include "publish/publish.h"
#include "publish/records.h"
#include "render/format.h"
#include "render/render_site.h"
#include "version.h"
#include "render/summary.h"

namespace tracker {

namespace fs = std::filesystem;

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

// What an authority's pages are made from: its inputs and the as-at date,
// which every footer states.
std::string GroupFingerprint(const std::string& authority, const std::string& as_at) {
  return HashBytes(authority + "@" + as_at);
}

// The --json summary's word for an exit code.
const char* StatusWord(ExitCode code) {
  switch (code) {
    case kExitOk: return "ok";
    case kExitContentError: return "content errors";
    case kExitUsage: return "usage error";
    case kExitEnvironment: return "environment error";
    case kExitBusy: return "busy";
  }
  return "error";
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
    if (!opt_.json) err_ << "tracker: error: " << TerminalText(text) << "\n";
  }

  void Summary(ExitCode code, const nlohmann::ordered_json& counts) {
    if (!opt_.json) return;
    nlohmann::ordered_json j;
    j["status"] = StatusWord(code);
    j["exit_code"] = static_cast<int>(code);
    // One shape whatever happened, so a CI script reads every field in
    // every case: what this run did not learn is null.
    nlohmann::ordered_json summary;
    for (const char* key : {"authorities", "pages", "data_files", "files", "written", "unchanged", "deleted",
                            "reused_authorities", "warnings", "as_at", "jobs", "milliseconds"})
      summary[key] = nullptr;
    summary["up_to_date"] = false;
    summary["status_changes"] = nlohmann::ordered_json::array();
    for (const auto& [key, value] : counts.items()) summary[key] = value;
    j["summary"] = summary;
    j["errors"] = errors_;
    j["warnings"] = warnings_;
    j["diagnostics"] = nlohmann::ordered_json::array();
    for (const auto& d : diag_)
      j["diagnostics"].push_back({{"path", d.pos.path}, {"line", d.pos.line}, {"column", d.pos.col},
                                  {"severity", d.severity == Severity::kError ? "error" : "warning"},
                                  {"message", d.message}});
    j["message"] = fatal_.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(fatal_);
    // Replacing what is not UTF-8 (a file name's bytes, say): the summary
    // is always valid JSON, of the same shape.
    out_ << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  }

 private:
  const BuildOptions& opt_;
  std::ostream& out_;
  std::ostream& err_;
  std::vector<Diagnostic> diag_;
  int errors_ = 0, warnings_ = 0;
  std::string fatal_;
};

// Everything one build knows, handed from pass to pass. Filled in the
// order of the passes below; each says which parts it reads and fills.
struct Build {
  Build(const BuildOptions& o, std::ostream& out_stream, std::ostream& err_stream)
      : opt(o), out(out_stream), err(err_stream), report(o, out_stream, err_stream),
        out_dir(o.out.empty() ? o.source / "site" : o.out), jobs(o.jobs > 0 ? o.jobs : AvailableCores()),
        options("--as-at=" + (o.as_at ? o.as_at->Iso() : std::string())),
        tool(ToolIdentity()) {}

  const BuildOptions& opt;
  std::ostream& out;
  std::ostream& err;
  Reporter report;
  const fs::path out_dir;
  const int jobs;
  const std::string options, tool;
  const std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  long last_mark = 0;
  nlohmann::ordered_json counts;
  std::string why;

  // The records of the last build (OpenRecords, ReadLastSummaries).
  Publisher publisher{jobs};
  bool same_tool = false;
  std::future<SourceStats> listing;
  std::vector<Diagnostic> listing_problems;  // links out of the source, pipes...
  std::string sources_text;
  std::vector<SourceRecord> sources_cache;
  std::vector<CachedSummary> cached;
  std::vector<AuthoritySummary> published;  // the last build's: only slugs and statuses
  std::string prev_as_at, summaries_config;
  std::optional<FeedCutoff> feed_cutoff;
  std::future<void> summaries_read;

  // The sources (HashSources).
  Diagnostics diag;
  SourceTree tree;
  std::map<std::string, std::string> hashes;
  std::set<std::string> deferred;  // authority files whose hash their worker finds
  SourceStats stats;
  Fingerprints fp;
  std::future<void> sources_written;

  // What every page reads, and the authorities (KeepUnchanged, LoadShared).
  std::vector<AuthoritySummary> others;  // kept from the last build, not loaded
  SiteGlobals globals;
  std::optional<Theme> theme;
  std::vector<AuthorityFiles> plan;
  size_t n = 0;
  std::vector<SourceTree> own;
  std::mutex quoted_mu;
  SourceTree quoted;  // texts kept to quote in messages
  std::vector<Diagnostics> local;
  std::vector<std::vector<std::pair<std::string, std::string>>> own_hashes;
  std::vector<char> loading;

  // The as-at date (ResolveTheAsAtDate).
  std::vector<std::optional<std::vector<Snapshot>>> early;
  std::vector<std::optional<Authority>> preloaded;
  Date as_at;
  std::map<std::string, std::string> groups;
  std::set<std::string> slugs;

  // The output (BuildAuthorities, BuildSiteWide).
  std::atomic<size_t> pages{0}, data_files{0}, files{0};
  std::mutex progress_mu;
  std::chrono::steady_clock::time_point last_progress = std::chrono::steady_clock::now();
  FileSink sink;
  std::atomic<bool> failed{false};
  std::vector<std::optional<AuthoritySummary>> made;
  std::vector<std::vector<std::string>> render_errors;
  std::atomic<size_t> reused{0};
  std::optional<Site> only;  // with one authority, its dashboard is the home page
  // Counts down the authorities whose summary is not yet made: the
  // site-wide files wait for it.
  std::optional<std::latch> summaries_ready;
  std::vector<AuthoritySummary> summaries;
  Site wide;
  SiteAssessment wide_assessment;
  std::optional<SiteWideFiles> site_wide;

  long ElapsedMs() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  }
  // With --verbose, how long each pass took, as ninja's -d stats does.
  void Mark(const char* stage) {
    long now = ElapsedMs();
    report.Verbose(std::string("  ") + stage + ": " + std::to_string(now - last_mark) + " ms");
    last_mark = now;
  }
  ExitCode Stop(ExitCode code, const std::string& message) {
    report.Error(message);
    report.Summary(code, counts);
    return code;
  }
};

ExitCode UpToDate(Build& b) {
  const Manifest& prev = b.publisher.previous();
  b.publisher.Abort();
  b.counts = {{"files", prev.files.size()}, {"written", 0}, {"unchanged", prev.files.size()}, {"deleted", 0},
              {"up_to_date", true}, {"milliseconds", b.ElapsedMs()}, {"status_changes", nlohmann::ordered_json::array()}};
  b.report.Line("up to date: " + b.out_dir.string() + " already holds the site for these inputs (" +
                std::to_string(prev.files.size()) + " files, none written)");
  b.report.Summary(kExitOk, b.counts);
  return kExitOk;
}

void RecordSources(Build& b) {
  if (b.opt.write) b.publisher.WriteCache("sources", SourcesToText(b.fp.all, b.stats, b.hashes));
}

// What the site-wide files need of each authority, as the last build left
// it; used only if what every page reads is unchanged. Its feed entries are
// made with the site's settings, so site.yml is read too.
void ReadLastSummaries(Build& b) {
  if (!b.same_tool) return;
  Diagnostics quiet;
  SourceTree global;
  ReadSources(b.opt.source, {"site.yml"}, global, quiet);
  SiteConfig config = LoadConfig(global, quiet);
  if (!quiet.empty()) return;
  b.cached = SummariesFromJson(b.publisher.ReadCache("summaries.json"), config, &b.prev_as_at, &b.feed_cutoff);
  b.summaries_config = HashBytes(*global.Find("site.yml"));
  // What the published site said of each measure, to name the statuses
  // this build changes.
  for (const auto& c : b.cached) {
    AuthoritySummary was;
    was.slug = c.summary.slug;
    was.judged = c.summary.judged;
    b.published.push_back(std::move(was));
  }
}

// Sizes and times are taken before reading, so a file that changes during
// the build is seen as changed next time. Listing a large site takes a
// while, so it runs beside taking the lock and reading the last records.
std::optional<ExitCode> OpenRecords(Build& b) {
  std::error_code ec;
  if (!fs::is_directory(b.opt.source, ec))
    return b.Stop(kExitUsage, "source folder '" + b.opt.source.string() +
                                  "' does not exist; pass the folder that holds site.yml with --source");
  if (b.opt.write && !OutputIsSafe(b.opt.source, b.out_dir, &b.why)) return b.Stop(kExitUsage, b.why);
  if (b.opt.write) b.listing = std::async(std::launch::async, [&b] { return StatSourceTree(b.opt.source, b.jobs, &b.listing_problems); });
  if (b.opt.write && !b.publisher.Begin(b.out_dir, &b.why)) {
    b.listing.wait();
    return b.Stop(b.publisher.busy() ? kExitBusy : kExitEnvironment, b.why);
  }
  b.same_tool = b.opt.write && !b.opt.force && b.publisher.previous().tool == b.tool;
  b.sources_text = b.publisher.ReadCache("sources");
  b.sources_cache = SourcesFromText(b.sources_text, b.publisher.previous().inputs);
  if (b.opt.write) b.Mark("read the last build's records");
  return std::nullopt;
}

// A file whose size and time are unchanged is not read again: its hash is
// in the records. Nothing is built until the build is known to have work.
std::optional<ExitCode> HashSources(Build& b) {
  if (!b.opt.write) {
    b.tree = ReadSourceTree(b.opt.source, b.diag, b.jobs);
    for (const auto& [path, bytes] : b.tree.files) b.hashes[path] = HashBytes(bytes);
    b.fp = FingerprintInputs(b.hashes, b.options);
    return std::nullopt;
  }
  b.stats = b.listing.get();
  b.Mark("list the sources");
  // What could not be listed safely is an error in every build until it is
  // fixed: never "up to date".
  const bool listing_failed = std::any_of(b.listing_problems.begin(), b.listing_problems.end(),
                                          [](const Diagnostic& d) { return d.severity == Severity::kError; });
  const Manifest& prev = b.publisher.previous();
  // Both in path order: walked side by side.
  bool all_same = !listing_failed && b.same_tool && prev.options == b.options && !b.sources_cache.empty() &&
                  b.sources_cache.size() == b.stats.size();
  if (all_same) {
    auto r = b.sources_cache.begin();
    for (const auto& [path, stat] : b.stats) {
      if (r->path != path || r->stat != stat) {
        all_same = false;
        break;
      }
      ++r;
    }
  }
  if (all_same) return UpToDate(b);
  b.publisher.EmptyTrash();  // beside the work to come
  std::vector<std::string> unread;
  auto r = b.sources_cache.begin();
  for (const auto& [path, stat] : b.stats) {
    while (r != b.sources_cache.end() && r->path < path) ++r;
    if (r != b.sources_cache.end() && r->path == path && r->stat == stat)
      b.hashes.emplace_hint(b.hashes.end(), path, std::string(r->hash));
    else
      unread.push_back(path);
  }
  b.summaries_read = std::async(std::launch::async, [&b] { ReadLastSummaries(b); });
  // With a last build to compare with, every changed file is hashed now,
  // as the same bytes under new times (a fresh checkout in CI) still leave
  // nothing to do. Without one, only the files every page reads are read
  // here: an authority's are read and hashed by the worker that loads it.
  if (!b.same_tool) {
    std::vector<std::string> now;
    for (auto& path : unread) {
      if (OwnerOf(path).empty()) {
        now.push_back(std::move(path));
      } else {
        b.hashes.emplace(path, "");  // filled in by the authority's worker
        b.deferred.insert(std::move(path));
      }
    }
    unread = std::move(now);
  }
  ReadSources(b.opt.source, unread, b.tree, b.diag, b.jobs);
  for (const auto& [path, bytes] : b.tree.files) b.hashes[path] = HashBytes(bytes);
  // An authority's files are read again by the worker that loads it, so
  // memory never holds every authority's at once.
  std::erase_if(b.tree.files, [](const auto& f) { return !OwnerOf(f.first).empty(); });
  b.Mark("read the changed sources");
  b.fp = FingerprintInputs(b.hashes, b.options);
  // Same bytes under new times (a fresh checkout in CI): still nothing to do.
  if (!listing_failed && b.same_tool && prev.inputs == b.fp.all && b.diag.empty()) {
    RecordSources(b);
    return UpToDate(b);
  }
  b.diag.Add(b.listing_problems);
  return std::nullopt;
}

// When only some authorities' files changed, the others are listed from
// their summaries of the last build and their pages kept as they are;
// anything unusual loads everything, so the result is always that of a
// clean build.
void KeepUnchangedAuthorities(Build& b) {
  // Each source's hash, for the next build: true of the sources whatever
  // becomes of this build, so kept beside the rest of the work (once every
  // hash is known).
  if (b.deferred.empty()) b.sources_written = std::async(std::launch::async, [&b] { RecordSources(b); });
  if (b.summaries_read.valid()) b.summaries_read.get();
  const Manifest& prev = b.publisher.previous();
  auto site_yml = b.hashes.find("site.yml");
  if (!(prev.global == b.fp.global && b.fp.authorities.size() > 1 && b.diag.empty() && site_yml != b.hashes.end() &&
        site_yml->second == b.summaries_config))
    b.cached.clear();
  for (auto& c : b.cached) {
    auto own = b.fp.authorities.find(c.summary.slug);
    if (own == b.fp.authorities.end()) continue;
    const std::string group = GroupFingerprint(own->second, b.prev_as_at);
    auto published = prev.groups.find(c.summary.slug);
    if (c.fingerprint != group || published == prev.groups.end() || published->second != group) continue;
    if (!b.publisher.Reuse(c.summary.slug)) continue;
    b.report.Verbose("kept " + c.summary.slug + ": its inputs are unchanged");
    b.others.push_back(std::move(c.summary));
  }
  if (!b.cached.empty()) b.Mark("keep the unchanged authorities' pages");
}

// Which authorities are loaded: all but those kept from the last build.
void MarkLoading(Build& b) {
  std::set<std::string> kept;
  for (const auto& o : b.others) kept.insert(o.slug);
  for (size_t i = 0; i < b.n; ++i) b.loading[i] = !kept.count(b.plan[i].slug);
}

// site.yml, kpis.json and the theme, and which files make up each
// authority. The authorities themselves are loaded one at a time later.
void LoadShared(Build& b) {
  SourceTree global;
  std::vector<std::string> unread;
  for (const auto& [path, _] : b.hashes)
    if (OwnerOf(path).empty() && !b.tree.files.count(path)) unread.push_back(path);
  ReadSources(b.opt.source, unread, b.tree, b.diag, b.jobs);
  for (auto it = b.tree.files.begin(); it != b.tree.files.end();) {
    if (OwnerOf(it->first).empty())
      global.files.insert(b.tree.files.extract(it++));
    else
      ++it;
  }
  b.globals = LoadGlobals(global, b.diag);
  b.theme.emplace(CompileTheme(LoadTheme(global, b.globals.config, b.diag), b.diag));
  std::vector<std::string_view> paths;
  paths.reserve(b.hashes.size());
  for (const auto& [path, _] : b.hashes) paths.push_back(path);
  b.plan = PlanAuthorities(paths, b.diag);
  if (b.plan.empty() && global.Find("site.yml"))
    b.diag.Warning({"content", 0, 0}, "no authorities yet: add content/<authority>/_authority.md");
  // Problems outside the authorities are reported as a clean build would:
  // everything is loaded.
  if (!b.others.empty() && !b.diag.empty()) {
    b.report.Verbose("loading every authority: there are problems to report");
    b.others.clear();
  }
  b.n = b.plan.size();
  // Each authority's files read so far, handed to it.
  b.own.resize(b.n);
  std::map<std::string, size_t, std::less<>> index;
  for (size_t i = 0; i < b.n; ++i) index[b.plan[i].slug] = i;
  for (auto it = b.tree.files.begin(); it != b.tree.files.end();) {
    auto at = index.find(OwnerOf(it->first));
    if (at != index.end())
      b.own[at->second].files.insert(b.tree.files.extract(it++));
    else
      ++it;
  }
  b.quoted = std::move(global);
  b.quoted.files.merge(b.tree.files);  // read, but no authority's: kept for the messages
  b.local.resize(b.n);
  b.own_hashes.resize(b.n);
  b.loading.assign(b.n, 1);
  MarkLoading(b);
  b.early.resize(b.n);
  b.preloaded.resize(b.n);
}

// A snapshot's text goes once it is parsed, so one that a later check names
// is read again: only ever when there is a problem to show.
void KeepQuotes(Build& b, size_t i) {
  std::set<std::string> noisy;
  for (const auto& d : b.local[i].Sorted()) noisy.insert(d.pos.path);
  std::vector<std::string> gone;
  {
    std::lock_guard<std::mutex> lock(b.quoted_mu);
    for (const auto& path : noisy) {
      if (auto it = b.own[i].files.find(path); it != b.own[i].files.end())
        b.quoted.files.insert(b.own[i].files.extract(it));
      else if (!b.quoted.files.count(path) && b.hashes.count(path))
        gone.push_back(path);
    }
  }
  if (gone.empty()) return;
  SourceTree again;
  Diagnostics unread;  // what cannot be read again is shown without its line
  ReadSources(b.opt.source, gone, again, unread, 1);
  std::lock_guard<std::mutex> lock(b.quoted_mu);
  b.quoted.files.merge(again.files);
}

// Reads an authority's snapshots, the rest of its files, or both, unless
// already read, hashing those no hash is known for yet.
void ReadOwn(Build& b, size_t i, bool snapshots, bool rest) {
  std::vector<std::string> unread;
  for (const auto& f : b.plan[i].files)
    if ((f.kind == AuthorityFiles::kSnapshot ? snapshots : rest) && !b.own[i].files.count(f.path))
      unread.push_back(f.path);
  ReadSources(b.opt.source, unread, b.own[i], b.local[i], 1);
  for (const auto& path : unread)
    if (b.deferred.count(path))
      if (const std::string* text = b.own[i].Find(path)) b.own_hashes[i].emplace_back(path, HashBytes(*text));
}

void MakeGroups(Build& b) {
  for (const auto& [slug, hash] : b.fp.authorities) b.groups[slug] = GroupFingerprint(hash, b.as_at.Iso());
}

// The flag, else site.yml, else the newest snapshot of any authority or
// official figure, so the snapshots are read first; else the newest
// document.
void ResolveTheAsAtDate(Build& b) {
  NewestDates newest;
  for (const auto& o : b.others) newest.Add(o.newest);
  if (!b.opt.as_at && !b.globals.config.as_at) {
    ParallelFor(b.n, b.jobs, [&](size_t i) {
      if (!b.loading[i]) return;
      ReadOwn(b, i, true, false);
      b.early[i] = LoadSnapshots(b.plan[i], b.own[i], b.globals, b.local[i]);
      // Parsed: their texts go, but for those with problems to quote.
      KeepQuotes(b, i);
      for (const auto& f : b.plan[i].files)
        if (f.kind == AuthorityFiles::kSnapshot) b.own[i].files.erase(f.path);
    });
    for (size_t i = 0; i < b.n; ++i)
      if (b.early[i])
        for (const auto& snap : *b.early[i]) newest.snapshot = std::max(newest.snapshot, snap.as_at);
    if (b.globals.official) newest.official = NewestOfficial(*b.globals.official);
    if (!newest.snapshot.valid() && !newest.official.valid()) {
      // No figures anywhere: a small site, so its authorities are loaded
      // whole to find their newest document.
      ParallelFor(b.n, b.jobs, [&](size_t i) {
        if (!b.loading[i]) return;
        ReadOwn(b, i, !b.early[i], true);
        b.preloaded[i] = LoadAuthority(b.plan[i], b.own[i], b.globals, std::move(b.early[i]), b.local[i]);
        newest.document = std::max(newest.document, NewestOf(*b.preloaded[i]).document);
      });
    }
  }
  b.as_at = ResolveAsAt(b.globals.config, b.opt.as_at, newest);
  // A new as-at date changes every page.
  if (!b.others.empty() && b.as_at.Iso() != b.prev_as_at) {
    b.report.Verbose("loading every authority: the as-at date changed");
    b.others.clear();
    MarkLoading(b);
  }
  b.Mark("load what every page reads, and the snapshots");
  // An authority's pages read its own files, the global ones and the as-at
  // date (every footer states it), so those decide whether they can be kept.
  // Without a last build to compare with, they are known only once every
  // authority's files are hashed, and needed only for the manifest.
  MakeGroups(b);
  for (const auto& a : b.plan) b.slugs.insert(a.slug);
}

// Where every output goes: counted, and written to the back folder.
void OpenSink(Build& b) {
  b.sink = [&b](const OutputFile& f) {
    ++b.files;
    bool html = f.path.size() > 5 && f.path.compare(f.path.size() - 5, 5, ".html") == 0;
    if (html) ++b.pages;
    if (f.path.rfind("downloads/", 0) == 0) ++b.data_files;
    if (b.opt.write) b.publisher.Write(GroupOf(f.path, b.slugs), f);
    if (b.opt.progress && b.ElapsedMs() > 1000) {
      std::lock_guard<std::mutex> lock(b.progress_mu);
      auto now = std::chrono::steady_clock::now();
      if (now - b.last_progress > std::chrono::milliseconds(200)) {
        b.last_progress = now;
        b.err << "\r\033[K" << b.files.load() << " files rendered" << std::flush;
      }
    }
  };
  b.failed = b.diag.HasErrors();
  b.made.resize(b.n);
  b.render_errors.resize(b.n);
  b.summaries_ready.emplace(std::count(b.loading.begin(), b.loading.end(), 1));
}

// One authority: read, checked, judged at the as-at date and rendered, its
// pages going to the back folder as they are made, then let go, so memory
// holds one authority per worker, not the site. Once any problem is an
// error, nothing more is rendered, but every authority is still checked.
// `counted`: its summary is one the site-wide files wait for.
void ProcessAuthority(Build& b, size_t i, bool counted) {
  auto ready = [&] {
    if (counted) b.summaries_ready->count_down();
  };
  Diagnostics& d = b.local[i];
  Site one;
  one.config = b.globals.config;
  one.kpis = b.globals.kpis;
  one.official = b.globals.official;
  if (b.preloaded[i]) {
    one.authorities.push_back(std::move(*b.preloaded[i]));
  } else {
    ReadOwn(b, i, !b.early[i], true);
    one.authorities.push_back(LoadAuthority(b.plan[i], b.own[i], b.globals, std::move(b.early[i]), d));
  }
  KeepQuotes(b, i);
  b.own[i] = SourceTree();
  if (d.HasErrors()) b.failed = true;
  if (b.failed) return ready();
  const SiteAssessment assessment = AssessSite(one, b.as_at);
  // Loaded, yet its inputs are those of the published pages: they stay.
  bool keep = false;
  if (b.same_tool) {
    const Manifest& prev = b.publisher.previous();
    auto old = prev.groups.find(b.plan[i].slug);
    keep = old != prev.groups.end() && old->second == b.groups[b.plan[i].slug] && b.publisher.Reuse(b.plan[i].slug);
  }
  if (keep) {
    ++b.reused;
    b.report.Verbose("kept " + b.plan[i].slug + "'s pages: its inputs are unchanged");
  }
  RenderAuthority(one, assessment, 0, *b.theme, !keep, b.sink,
                  [&](AuthoritySummary s) {
                    b.made[i] = std::move(s);
                    ready();
                  },
                  &b.render_errors[i]);
  if (b.n == 1) b.only = std::move(one);
}

// The site-wide files, made from every authority's summary once all are in,
// unless an error stops the build or the site-wide feed needs the kept
// authorities loaded too: the kept summaries hold only the feed entries
// that made the last feed, and the loaded ones must not push past them.
void PrepareSiteWide(Build& b) {
  if (b.failed) return;
  b.summaries = b.others;
  for (auto& m : b.made)
    if (m) b.summaries.push_back(*m);
  std::sort(b.summaries.begin(), b.summaries.end(),
            [](const AuthoritySummary& x, const AuthoritySummary& y) { return x.slug < y.slug; });
  if (!b.others.empty() && !SiteFeedKnown(b.summaries, b.feed_cutoff)) return;
  b.wide.config = b.globals.config;
  b.wide.kpis = b.globals.kpis;
  b.wide.official = b.globals.official;
  if (b.only) b.wide = std::move(*b.only);
  b.wide_assessment = AssessSite(b.wide, b.as_at);
  b.site_wide.emplace(b.wide, b.wide_assessment, *b.theme, b.summaries);
}

// Every authority, and beside the last of them the all-authorities JSON and
// CSV and the site-wide pages: three slots after the authorities', which
// wait for the last summary, then each takes the next site-wide task
// whenever it is free. A site of one authority makes them after it, as its
// dashboard is the home page.
void BuildAuthoritiesAndSiteWide(Build& b) {
  constexpr size_t kSiteWideTasks = 3;
  const size_t beside = b.n > 1 ? kSiteWideTasks : 0;
  std::once_flag prepared;
  bool made_beside = false;  // set once, under `prepared`, before any slot reads it
  std::atomic<size_t> next_site_wide{0};
  ParallelFor(b.n + beside, b.jobs, [&](size_t i) {
    if (i < b.n) {
      if (b.loading[i]) ProcessAuthority(b, i, true);
      return;
    }
    b.summaries_ready->wait();
    std::call_once(prepared, [&] {
      PrepareSiteWide(b);
      made_beside = b.site_wide.has_value();
    });
    if (!made_beside) return;
    for (size_t t; (t = next_site_wide++) < b.site_wide->tasks();) b.site_wide->Render(t, b.sink);
  });
  std::call_once(prepared, [&] { PrepareSiteWide(b); });
  if (!b.failed && !b.site_wide) {
    b.report.Verbose("loading every authority: the site-wide feed needs older entries");
    std::vector<char> before = b.loading;
    b.others.clear();
    MarkLoading(b);
    ParallelFor(b.n, b.jobs, [&](size_t i) {
      if (b.loading[i] && !before[i]) ProcessAuthority(b, i, false);
    });
    PrepareSiteWide(b);
  }
  if (b.site_wide && !made_beside) b.site_wide->RenderAll(b.jobs, b.sink);
}

// Gathers every worker's problems, and hashes the files no worker hashed:
// those no authority loads (reported as ignored or misplaced) are hashed
// too, and kept for the messages that quote them.
void GatherProblemsAndHashes(Build& b) {
  for (const auto& d : b.local) b.diag.Append(d);
  if (b.deferred.empty()) return;
  for (const auto& mine : b.own_hashes)
    for (const auto& [path, hash] : mine) b.hashes[path] = hash;
  std::vector<std::string> rest;
  for (const auto& path : b.deferred)
    if (b.hashes[path].empty()) rest.push_back(path);
  SourceTree leftover;
  ReadSources(b.opt.source, rest, leftover, b.diag, b.jobs);
  for (auto& [path, text] : leftover.files) b.hashes[path] = HashBytes(text);
  b.quoted.files.merge(leftover.files);
  b.fp = FingerprintInputs(b.hashes, b.options);
  MakeGroups(b);
  b.sources_written = std::async(std::launch::async, [&b] { RecordSources(b); });
}

// Every problem, all in one run; then, for `check`, what would be written.
std::optional<ExitCode> Report(Build& b) {
  b.report.Diagnostics(b.diag, b.quoted);
  const bool progress_line = b.opt.progress && b.ElapsedMs() > 1000;
  if (b.diag.HasErrors()) {
    if (progress_line) b.err << "\r\033[K" << std::flush;
    if (!b.opt.json) b.err << (b.opt.write ? "build stopped: nothing was written\n" : "check failed\n");
    b.report.Summary(kExitContentError, b.counts);
    return kExitContentError;
  }
  std::vector<std::string> errors;
  for (const auto& e : b.render_errors) errors.insert(errors.end(), e.begin(), e.end());
  if (b.site_wide) errors.insert(errors.end(), b.site_wide->errors().begin(), b.site_wide->errors().end());
  if (progress_line) b.err << "\r\033[K" << std::flush;
  if (!errors.empty()) {
    for (const auto& e : errors) b.report.Error(e);
    if (!b.opt.json) b.err << "build stopped: nothing was written\n";
    b.report.Summary(kExitContentError, b.counts);
    return kExitContentError;
  }
  if (b.opt.write) return std::nullopt;
  const size_t authorities = b.summaries.size();
  b.counts = {{"authorities", authorities}, {"pages", b.pages.load()}, {"data_files", b.data_files.load()},
              {"files", b.files.load()}, {"as_at", b.as_at.Iso()}, {"milliseconds", b.ElapsedMs()},
              {"status_changes", nlohmann::ordered_json::array()}};
  b.report.Line("ok: " + Plural(authorities, "authority", "authorities") + ", " + std::to_string(b.files.load()) +
                " files would be written (as at " + b.as_at.Iso() + ")");
  b.report.Summary(kExitOk, b.counts);
  return kExitOk;
}

// The statuses that changed since the published site, for the summary and
// --json: what a CI log shows of the build.
void SummarizeStatusChanges(const std::vector<StatusChange>& changed, bool compared, nlohmann::ordered_json* json,
                            std::string* text) {
  *json = nlohmann::ordered_json::array();
  *text = compared ? Plural(changed.size(), "change", "changes") + " since the last build"
                   : std::string("no earlier build to compare with");
  for (const auto& c : changed) {
    json->push_back({{"authority", c.authority}, {"measure", c.measure}, {"title", c.title},
                     {"before", StatusId(c.before)}, {"after", StatusId(c.after)},
                     {"evidence", c.evidence.valid() ? nlohmann::ordered_json(c.evidence.Iso()) : nlohmann::ordered_json()}});
    *text += "\n    " + c.authority + "/" + c.measure + ": " + StatusLabel(c.before) + " -> " + StatusLabel(c.after) +
             (c.evidence.valid() ? " (evidence of " + c.evidence.Iso() + ")" : "");
  }
}

// The new site swapped in whole, then the records for the next build, then
// the summary.
ExitCode Finish(Build& b) {
  Manifest manifest;
  manifest.inputs = b.fp.all;
  manifest.global = b.fp.global;
  manifest.options = b.options;
  for (const auto& sum : b.summaries) manifest.groups[sum.slug] = b.groups[sum.slug];
  const size_t kept = b.others.size() + b.reused.load();
  const size_t authorities = b.summaries.size();
  // Before the summaries move into the records below.
  nlohmann::ordered_json status_changes;
  std::string changed;
  SummarizeStatusChanges(StatusChanges(b.published, b.summaries), !b.published.empty(), &status_changes, &changed);
  // For the next build, each authority's summary unless it had problems to
  // report again: made beside the swap, kept only once the site is in.
  auto summaries_text = std::async(std::launch::async, [&b] {
    std::set<std::string> noisy;
    for (const auto& d : b.diag.Sorted()) noisy.insert(std::string(OwnerOf(d.pos.path)));
    const std::vector<FeedEntry> site_feed = SiteFeed(b.summaries);
    std::vector<CachedSummary> next;
    for (auto& sum : b.summaries)
      if (!noisy.count(sum.slug)) next.push_back({b.groups.at(sum.slug), std::move(sum)});
    return SummariesToJson(next, b.as_at.Iso(), site_feed);
  });
  if (!b.publisher.Commit(manifest, &b.why)) {
    summaries_text.wait();
    return b.Stop(kExitEnvironment, b.why + "; the previous site is unchanged");
  }
  b.Mark("swap the new site in");
  b.publisher.WriteCache("summaries.json", summaries_text.get());
  b.sources_written.get();
  b.Mark("keep the sources' hashes and the summaries for the next build");
  PublishStats st = b.publisher.stats();
  b.counts = {{"authorities", authorities},   {"pages", b.pages.load()},        {"data_files", b.data_files.load()},
              {"files", st.written + st.unchanged}, {"written", st.written}, {"unchanged", st.unchanged},
              {"deleted", st.deleted},        {"reused_authorities", kept},    {"warnings", b.diag.warnings()},
              {"as_at", b.as_at.Iso()},       {"jobs", b.jobs},                {"milliseconds", b.ElapsedMs()},
              {"status_changes", status_changes}};
  b.report.Line("built " + b.out_dir.string() + " for " + Plural(authorities, "authority", "authorities") +
                " as at " + b.as_at.Iso() + "\n" + "  pages       " + std::to_string(b.pages.load()) + " rendered" +
                (kept == 0 ? "" : ", " + Plural(kept, "authority", "authorities") + " kept unchanged") + "\n" +
                "  data files  " + std::to_string(b.data_files.load()) + "\n" + "  outputs     " +
                std::to_string(st.written) + " written, " + std::to_string(st.unchanged) + " unchanged, " +
                std::to_string(st.deleted) + " deleted\n" + "  warnings    " + std::to_string(b.diag.warnings()) +
                "\n" + "  statuses    " + changed + "\n" + "  time        " + std::to_string(b.ElapsedMs()) +
                " ms on " + Plural(b.jobs, "thread", "threads"));
  b.report.Summary(kExitOk, b.counts);
  return kExitOk;
}

}  // namespace

ExitCode RunBuild(const BuildOptions& opt, std::ostream& out, std::ostream& err) {
  auto build = std::make_unique<Build>(opt, out, err);
  Build& b = *build;
  // Open the records: the lock on the output, the last build's manifest,
  // its sources' hashes and its summaries.
  if (auto stop = OpenRecords(b)) return *stop;
  // Hash the sources that changed; stop if nothing did.
  if (auto stop = HashSources(b)) return *stop;
  // Keep the authorities whose files did not change, as they were published.
  KeepUnchangedAuthorities(b);
  // Load what every page reads: site.yml, kpis.json, the theme, the plan of
  // each authority's files.
  LoadShared(b);
  // Resolve the as-at date, reading the snapshots first when it depends on them.
  ResolveTheAsAtDate(b);
  // Load, assess, render and write each authority, and the site-wide files.
  OpenSink(b);
  BuildAuthoritiesAndSiteWide(b);
  b.Mark("load, assess, render and write the authorities and the site-wide files");
  GatherProblemsAndHashes(b);
  // Report every problem; `check` ends here.
  if (auto stop = Report(b)) return *stop;
  // Swap the new site in, keep the records, say what was done.
  const ExitCode code = Finish(b);
  if (code == kExitOk && opt.exit_when_done) {
    // As compilers and linkers do: the site is in and every record written,
    // so what is left is letting go of tens of thousands of strings and map
    // nodes one at a time, which the OS does faster in one go.
    b.publisher.WaitForTrash();
    out.flush();
    err.flush();
    std::fflush(nullptr);
    std::_Exit(kExitOk);
  }
  return code;
}

}  // namespace tracker
