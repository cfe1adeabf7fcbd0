#include "build.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <future>
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

// The sources cache: each source's size, time and hash, so a rebuild reads
// only the files that changed. Lines of "path<TAB>size:mtime<TAB>hash" after
// a header naming the inputs of the site it describes; a plain format, as
// it is read on every build.
constexpr const char* kSourcesHeader = "tracker sources 1\n";

std::string SourcesToText(const std::string& inputs, const SourceStats& stats,
                          const std::map<std::string, std::string>& hashes) {
  std::string text = std::string(kSourcesHeader) + inputs + "\n";
  size_t bytes = text.size();
  for (const auto& [path, stat] : stats) bytes += path.size() + stat.size() + 36;
  text.reserve(bytes);
  // Both maps are sorted by path, so they are walked side by side.
  auto h = hashes.begin();
  for (const auto& [path, stat] : stats) {
    while (h != hashes.end() && h->first < path) ++h;
    if (h == hashes.end() || h->first != path) continue;
    if (std::any_of(path.begin(), path.end(), [](char c) { return c == '\t' || c == '\n'; })) continue;
    text.append(path).append(1, '\t').append(stat).append(1, '\t').append(h->second).append(1, '\n');
  }
  return text;
}

// One source as the last build saw it: views into the records' text.
struct SourceRecord {
  std::string_view path, stat, hash;  // stat is "size:mtime"
};

// The records in path order, as SourcesToText writes them; empty unless
// they describe `inputs` and are whole and in order.
std::vector<SourceRecord> SourcesFromText(std::string_view text, const std::string& inputs) {
  std::vector<SourceRecord> out;
  std::string_view header = kSourcesHeader;
  if (inputs.empty() || text.substr(0, header.size()) != header) return out;
  text.remove_prefix(header.size());
  size_t nl = text.find('\n');
  if (nl == std::string_view::npos || text.substr(0, nl) != inputs) return out;
  text.remove_prefix(nl + 1);
  out.reserve(std::count(text.begin(), text.end(), '\n'));
  while (!text.empty()) {
    nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    size_t t1 = line.find('\t'), t2 = line.rfind('\t');
    if (t1 == std::string_view::npos || t1 == t2) return {};  // damaged: read every source
    SourceRecord r{line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)};
    if (!out.empty() && !(out.back().path < r.path)) return {};  // out of order: the same
    out.push_back(r);
  }
  return out;
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
  // With --verbose, how long each stage took, as ninja's -d stats does.
  long last_mark = 0;
  auto mark = [&](const char* stage) {
    long now = elapsed_ms();
    report.Verbose(std::string("  ") + stage + ": " + std::to_string(now - last_mark) + " ms");
    last_mark = now;
  };
  nlohmann::ordered_json counts;
  const fs::path out_dir = opt.out.empty() ? opt.source / "site" : opt.out;
  const int jobs = opt.jobs > 0 ? opt.jobs : AvailableCores();
  SetThreads(jobs);  // every stage, not only rendering

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
  auto up_to_date = [&](const Manifest& prev) {
    publisher.Abort();
    counts = {{"files", prev.files.size()}, {"written", 0}, {"unchanged", prev.files.size()}, {"deleted", 0},
              {"up_to_date", true}, {"milliseconds", elapsed_ms()}, {"status_changes", nlohmann::ordered_json::array()}};
    report.Line("up to date: " + out_dir.string() + " already holds the site for these inputs (" +
                std::to_string(prev.files.size()) + " files, none written)");
    report.Summary(kExitOk, counts);
    return kExitOk;
  };
  // load: sizes and times first, taken before reading, so a file that
  // changes during the build is seen as changed next time. Listing a large
  // site takes a while, so it runs beside reading the last build's records.
  std::future<SourceStats> listing;
  if (opt.write) listing = std::async(std::launch::async, [&] { return StatSourceTree(opt.source); });
  if (opt.write && !publisher.Begin(out_dir, &why)) {
    report.Error(why);
    report.Summary(kExitContentError, counts);
    return kExitContentError;
  }
  const Manifest& prev = publisher.previous();
  const bool same_tool = opt.write && !opt.force && prev.tool == tool;
  // What the site-wide files need of each authority, as the last build left
  // it; used below only if what every page reads is unchanged. Its feed
  // entries are made with the site's settings, so site.yml is read too.
  // Read only once the build is known to have work to do.
  std::vector<CachedSummary> cached;
  std::vector<AuthoritySummary> published;  // the last build's, only slugs and statuses
  std::string prev_as_at, summaries_config;
  std::optional<FeedCutoff> feed_cutoff;
  auto read_summaries = [&] {
    if (!same_tool) return;
    Diagnostics quiet;
    SourceTree global;
    ReadSources(opt.source, {"site.yml"}, global, quiet);
    SiteConfig config = LoadConfig(global, quiet);
    if (!quiet.empty()) return;
    cached = SummariesFromJson(publisher.ReadCache("summaries.json"), config, &prev_as_at, &feed_cutoff);
    summaries_config = HashBytes(*global.Find("site.yml"));
    // What the published site said of each measure, to name the statuses
    // this build changes.
    for (const auto& c : cached) {
      AuthoritySummary was;
      was.slug = c.summary.slug;
      was.judged = c.summary.judged;
      published.push_back(std::move(was));
    }
  };
  std::future<void> summaries_read;
  const std::string sources_text = publisher.ReadCache("sources");
  const std::vector<SourceRecord> sources_cache = SourcesFromText(sources_text, prev.inputs);
  if (opt.write) mark("read the last build's records");

  // A file whose size and time are unchanged is not read again: its hash is
  // in the cache.
  Diagnostics diag;
  SourceTree tree;
  std::map<std::string, std::string> hashes;
  std::set<std::string> deferred;  // authority files whose hash their worker finds
  SourceStats stats;
  if (opt.write) {
    stats = listing.get();
    mark("list the sources");
    // Both in path order: walked side by side. Nothing is built until the
    // build is known to have work to do.
    bool all_same = same_tool && prev.options == options && !sources_cache.empty() &&
                    sources_cache.size() == stats.size();
    if (all_same) {
      auto r = sources_cache.begin();
      for (const auto& [path, stat] : stats) {
        if (r->path != path || r->stat != stat) {
          all_same = false;
          break;
        }
        ++r;
      }
    }
    if (all_same) return up_to_date(prev);
    publisher.EmptyTrash();  // beside the work to come
    std::vector<std::string> unread;
    auto r = sources_cache.begin();
    for (const auto& [path, stat] : stats) {
      while (r != sources_cache.end() && r->path < path) ++r;
      if (r != sources_cache.end() && r->path == path && r->stat == stat)
        hashes.emplace_hint(hashes.end(), path, std::string(r->hash));
      else
        unread.push_back(path);
    }
    summaries_read = std::async(std::launch::async, read_summaries);
    // With a last build to compare with, every changed file is hashed now,
    // as the same bytes under new times (a fresh checkout in CI) still leave
    // nothing to do. Without one, only the files every page reads are read
    // here: an authority's are read and hashed by the worker that loads it.
    if (!same_tool) {
      std::vector<std::string> now;
      for (auto& path : unread) {
        if (OwnerOf(path).empty()) {
          now.push_back(std::move(path));
        } else {
          hashes.emplace(path, "");  // filled in by the authority's worker
          deferred.insert(std::move(path));
        }
      }
      unread = std::move(now);
    }
    ReadSources(opt.source, unread, tree, diag);
    for (const auto& [path, bytes] : tree.files) hashes[path] = HashBytes(bytes);
    // An authority's files are read again by the worker that loads it, so
    // memory never holds every authority's at once.
    for (auto it = tree.files.begin(); it != tree.files.end();) {
      if (OwnerOf(it->first).empty())
        ++it;
      else
        it = tree.files.erase(it);
    }
    mark("read the changed sources");
  } else {
    tree = ReadSourceTree(opt.source, diag);
    for (const auto& [path, bytes] : tree.files) hashes[path] = HashBytes(bytes);
  }
  Fingerprints fp = FingerprintInputs(hashes, options);
  auto record_sources = [&] {
    if (opt.write) publisher.WriteCache("sources", SourcesToText(fp.all, stats, hashes));
  };

  // Same bytes under new times (a fresh checkout in CI): still nothing to do.
  if (same_tool && prev.inputs == fp.all && diag.empty()) {
    record_sources();
    return up_to_date(prev);
  }
  // Each source's hash, for the next build: true of the sources whatever
  // becomes of this build, so kept beside the rest of the work (once every
  // hash is known).
  std::future<void> sources_written;
  if (deferred.empty()) sources_written = std::async(std::launch::async, record_sources);

  // Which authorities to load. When only some authorities' files changed,
  // the others are listed from their summaries of the last build and their
  // pages kept as they are; anything unusual loads everything, so the
  // result is always that of a clean build.
  if (summaries_read.valid()) summaries_read.get();
  auto site_yml = hashes.find("site.yml");
  if (!(prev.global == fp.global && fp.authorities.size() > 1 && diag.empty() && site_yml != hashes.end() &&
        site_yml->second == summaries_config))
    cached.clear();
  std::vector<AuthoritySummary> others;
  for (auto& c : cached) {
    auto own = fp.authorities.find(c.summary.slug);
    if (own == fp.authorities.end()) continue;
    const std::string group = GroupFingerprint(own->second, prev_as_at);
    auto published = prev.groups.find(c.summary.slug);
    if (c.fingerprint != group || published == prev.groups.end() || published->second != group) continue;
    if (!publisher.Reuse(c.summary.slug)) continue;
    report.Verbose("kept " + c.summary.slug + ": its inputs are unchanged");
    others.push_back(std::move(c.summary));
  }
  if (!cached.empty()) mark("keep the unchanged authorities' pages");

  // load, part one: what every page reads, and which files make up each
  // authority. The authorities themselves are loaded one at a time below.
  SourceTree global;
  {
    std::vector<std::string> unread;
    for (const auto& [path, _] : hashes)
      if (OwnerOf(path).empty() && !tree.files.count(path)) unread.push_back(path);
    ReadSources(opt.source, unread, tree, diag);
    for (auto it = tree.files.begin(); it != tree.files.end();) {
      if (OwnerOf(it->first).empty())
        global.files.insert(tree.files.extract(it++));
      else
        ++it;
    }
  }
  SiteGlobals globals = LoadGlobals(global, diag);
  Theme theme = CompileTheme(LoadTheme(global, globals.config, diag), diag);
  std::vector<std::string_view> paths;
  paths.reserve(hashes.size());
  for (const auto& [path, _] : hashes) paths.push_back(path);
  const std::vector<AuthorityFiles> plan = PlanAuthorities(paths, diag);
  if (plan.empty() && global.Find("site.yml"))
    diag.Warning({"content", 0, 0}, "no authorities yet: add content/<authority>/_authority.md");
  // Problems outside the authorities are reported as a clean build would:
  // everything is loaded.
  if (!others.empty() && !diag.empty()) {
    report.Verbose("loading every authority: there are problems to report");
    others.clear();
  }
  const size_t n = plan.size();
  // Each authority's files read so far, handed to it; the texts of files
  // with problems are kept, to quote in the messages.
  std::vector<SourceTree> own(n);
  {
    std::map<std::string, size_t, std::less<>> index;
    for (size_t i = 0; i < n; ++i) index[plan[i].slug] = i;
    for (auto it = tree.files.begin(); it != tree.files.end();) {
      auto at = index.find(OwnerOf(it->first));
      if (at != index.end())
        own[at->second].files.insert(tree.files.extract(it++));
      else
        ++it;
    }
  }
  std::mutex quoted_mu;
  SourceTree quoted = std::move(global);
  quoted.files.merge(tree.files);  // read, but no authority's: kept for the messages
  std::vector<Diagnostics> local(n);
  // A snapshot's text goes once it is parsed, so one that a later check
  // names is read again: only ever when there is a problem to show.
  auto keep_quotes = [&](size_t i) {
    std::set<std::string> noisy;
    for (const auto& d : local[i].Sorted()) noisy.insert(d.pos.path);
    std::vector<std::string> gone;
    {
      std::lock_guard<std::mutex> lock(quoted_mu);
      for (const auto& path : noisy) {
        if (auto it = own[i].files.find(path); it != own[i].files.end())
          quoted.files.insert(own[i].files.extract(it));
        else if (!quoted.files.count(path) && hashes.count(path))
          gone.push_back(path);
      }
    }
    if (gone.empty()) return;
    SourceTree again;
    Diagnostics unread;  // what cannot be read again is shown without its line
    ReadSources(opt.source, gone, again, unread, 1);
    std::lock_guard<std::mutex> lock(quoted_mu);
    quoted.files.merge(again.files);
  };
  // Reads an authority's snapshots, the rest of its files, or both, unless
  // already read, hashing those no hash is known for yet.
  std::vector<std::vector<std::pair<std::string, std::string>>> own_hashes(n);
  auto read_own = [&](size_t i, bool snapshots, bool rest) {
    std::vector<std::string> unread;
    for (const auto& f : plan[i].files)
      if ((f.kind == AuthorityFiles::kSnapshot ? snapshots : rest) && !own[i].files.count(f.path))
        unread.push_back(f.path);
    ReadSources(opt.source, unread, own[i], local[i], 1);
    for (const auto& path : unread)
      if (deferred.count(path))
        if (const std::string* text = own[i].Find(path)) own_hashes[i].emplace_back(path, HashBytes(*text));
  };
  std::vector<char> loading(n, 1);
  auto keep_others = [&] {
    std::set<std::string> kept;
    for (const auto& o : others) kept.insert(o.slug);
    for (size_t i = 0; i < n; ++i) loading[i] = !kept.count(plan[i].slug);
  };
  keep_others();

  // The as-at date: the flag, else site.yml, else the newest snapshot of
  // any authority, so the snapshots are read first; else the newest document.
  std::vector<std::optional<std::vector<Snapshot>>> early(n);
  std::vector<std::optional<Authority>> preloaded(n);
  NewestDates newest;
  for (const auto& o : others) newest.Add(o.newest);
  if (!opt.as_at && !globals.config.as_at) {
    ParallelFor(n, jobs, [&](size_t i) {
      if (!loading[i]) return;
      read_own(i, true, false);
      early[i] = LoadSnapshots(plan[i], own[i], globals, local[i]);
      // Parsed: their texts go, but for those with problems to quote.
      keep_quotes(i);
      for (const auto& f : plan[i].files)
        if (f.kind == AuthorityFiles::kSnapshot) own[i].files.erase(f.path);
    });
    for (size_t i = 0; i < n; ++i)
      if (early[i])
        for (const auto& snap : *early[i]) newest.snapshot = std::max(newest.snapshot, snap.as_at);
    if (!newest.snapshot.valid()) {
      // No figures anywhere: a small site, so its authorities are loaded
      // whole to find their newest document.
      ParallelFor(n, jobs, [&](size_t i) {
        if (!loading[i]) return;
        read_own(i, !early[i], true);
        preloaded[i] = LoadAuthority(plan[i], own[i], globals, std::move(early[i]), local[i]);
        newest.document = std::max(newest.document, NewestOf(*preloaded[i]).document);
      });
    }
  }
  Date as_at = ResolveAsAt(globals.config, opt.as_at, newest);
  // A new as-at date changes every page.
  if (!others.empty() && as_at.Iso() != prev_as_at) {
    report.Verbose("loading every authority: the as-at date changed");
    others.clear();
    keep_others();
  }
  mark("load what every page reads, and the snapshots");

  // An authority's pages read its own files, the global ones and the as-at
  // date (every footer states it), so those decide whether they can be kept.
  // Without a last build to compare with, they are known only once every
  // authority's files are hashed, and needed only for the manifest.
  std::map<std::string, std::string> groups;
  auto make_groups = [&] {
    for (const auto& [slug, hash] : fp.authorities) groups[slug] = GroupFingerprint(hash, as_at.Iso());
  };
  make_groups();
  std::set<std::string> slugs;
  for (const auto& a : plan) slugs.insert(a.slug);
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

  // load, assess, render and publish, one authority at a time: each is
  // read, checked, judged at the as-at date and rendered, its pages going
  // to the back folder as they are made, then let go, so memory holds one
  // authority per worker, not the site. Once any problem is an error,
  // nothing more is rendered, but every authority is still checked.
  std::atomic<bool> failed{diag.HasErrors()};
  std::vector<std::optional<AuthoritySummary>> made(n);
  std::vector<std::vector<std::string>> render_errors(n);
  std::atomic<size_t> reused{0};
  // With one authority, its dashboard is the home page: kept for the
  // site-wide files.
  std::optional<Site> only;
  // The site-wide files need every authority's summary, which is made
  // before its pages: counted down, so they can be made beside the last
  // authorities' pages.
  std::mutex ready_mu;
  std::condition_variable ready_cv;
  size_t waiting = std::count(loading.begin(), loading.end(), 1);
  auto one_ready = [&] {
    std::lock_guard<std::mutex> lock(ready_mu);
    if (--waiting == 0) ready_cv.notify_all();
  };
  auto process = [&](size_t i, bool counted) {
    auto ready = [&] {
      if (counted) one_ready();
    };
    Diagnostics& d = local[i];
    Site one;
    one.config = globals.config;
    one.kpis = globals.kpis;
    if (preloaded[i]) {
      one.authorities.push_back(std::move(*preloaded[i]));
    } else {
      read_own(i, !early[i], true);
      one.authorities.push_back(LoadAuthority(plan[i], own[i], globals, std::move(early[i]), d));
    }
    keep_quotes(i);
    own[i] = SourceTree();
    if (d.HasErrors()) failed = true;
    if (failed) return ready();
    const SiteAssessment assessment = AssessSite(one, as_at);
    // Loaded, yet its inputs are those of the published pages: they stay.
    bool keep = false;
    if (same_tool) {
      auto old = prev.groups.find(plan[i].slug);
      keep = old != prev.groups.end() && old->second == groups[plan[i].slug] && publisher.Reuse(plan[i].slug);
    }
    if (keep) {
      ++reused;
      report.Verbose("kept " + plan[i].slug + "'s pages: its inputs are unchanged");
    }
    RenderAuthority(one, assessment, 0, theme, !keep, sink,
                    [&](AuthoritySummary s) {
                      made[i] = std::move(s);
                      ready();
                    },
                    &render_errors[i]);
    if (n == 1) only = std::move(one);
  };
  // The kept summaries hold only the feed entries that made the site-wide
  // feed; the loaded authorities' entries must not push it past them, or
  // the kept authorities are loaded too (their pages still kept).
  auto summaries_of = [&] {
    std::vector<AuthoritySummary> all = others;
    for (auto& m : made)
      if (m) all.push_back(*m);
    std::sort(all.begin(), all.end(), [](const AuthoritySummary& x, const AuthoritySummary& y) { return x.slug < y.slug; });
    return all;
  };
  std::vector<AuthoritySummary> summaries;
  Site wide;
  wide.config = globals.config;
  wide.kpis = globals.kpis;
  SiteAssessment wide_assessment;
  std::optional<SiteWideFiles> site_wide;
  // Made from the summaries once all are in, unless an error stops the
  // build or the site-wide feed needs the kept authorities loaded too.
  auto prepare_site_wide = [&] {
    if (failed) return;
    summaries = summaries_of();
    if (!others.empty() && !SiteFeedKnown(summaries, feed_cutoff)) return;
    if (only) wide = std::move(*only);
    wide_assessment = AssessSite(wide, as_at);
    site_wide.emplace(wide, wide_assessment, theme, summaries);
  };
  // The all-authorities JSON and CSV and the site-wide pages: three slots
  // after the authorities', which wait for the last summary; each then
  // takes the next site-wide task whenever it is free. A site of one
  // authority makes them after it, as its dashboard is the home page.
  constexpr size_t kSiteWideTasks = 3;
  const size_t beside = n > 1 ? kSiteWideTasks : 0;
  bool prepared = false, made_beside = false;
  std::atomic<size_t> next_site_wide{0};
  ParallelFor(n + beside, jobs, [&](size_t i) {
    if (i < n) {
      if (loading[i]) process(i, true);
      return;
    }
    {
      std::unique_lock<std::mutex> lock(ready_mu);
      ready_cv.wait(lock, [&] { return waiting == 0; });
      if (!prepared) {
        prepare_site_wide();
        made_beside = site_wide.has_value();
      }
      prepared = true;
    }
    if (!made_beside) return;
    for (size_t t; (t = next_site_wide++) < site_wide->tasks();) site_wide->Render(t, sink);
  });
  if (!prepared) prepare_site_wide();
  if (!failed && !site_wide) {
    report.Verbose("loading every authority: the site-wide feed needs older entries");
    std::vector<char> before = loading;
    others.clear();
    keep_others();
    ParallelFor(n, jobs, [&](size_t i) {
      if (loading[i] && !before[i]) process(i, false);
    });
    prepare_site_wide();
  }
  if (site_wide && !made_beside) site_wide->RenderAll(jobs, sink);
  for (const auto& d : local) diag.Append(d);
  if (!deferred.empty()) {
    for (const auto& mine : own_hashes)
      for (const auto& [path, hash] : mine) hashes[path] = hash;
    // Files no authority loads (reported above as ignored or misplaced)
    // are hashed too, and kept for the messages that quote them.
    std::vector<std::string> rest;
    for (const auto& path : deferred)
      if (hashes[path].empty()) rest.push_back(path);
    SourceTree leftover;
    ReadSources(opt.source, rest, leftover, diag);
    for (auto& [path, text] : leftover.files) hashes[path] = HashBytes(text);
    quoted.files.merge(leftover.files);
    fp = FingerprintInputs(hashes, options);
    make_groups();
    sources_written = std::async(std::launch::async, record_sources);
  }
  mark("load, assess, render and write the authorities and the site-wide files");
  report.Diagnostics(diag, quoted);
  if (diag.HasErrors()) {
    if (opt.progress && elapsed_ms() > 1000) err << "\r\033[K" << std::flush;
    if (!opt.json) err << (opt.write ? "build stopped: nothing was written\n" : "check failed\n");
    report.Summary(kExitContentError, counts);
    return kExitContentError;
  }

  std::vector<std::string> errors;
  for (const auto& e : render_errors) errors.insert(errors.end(), e.begin(), e.end());
  if (site_wide) errors.insert(errors.end(), site_wide->errors().begin(), site_wide->errors().end());
  RenderOutcome rendered{std::move(errors), std::move(summaries)};
  const size_t kept = others.size() + reused.load();
  const size_t authorities = rendered.summaries.size();
  if (opt.progress && elapsed_ms() > 1000) err << "\r\033[K" << std::flush;
  if (!rendered.errors.empty()) {
    for (const auto& e : rendered.errors) report.Error(e);
    if (!opt.json) err << "build stopped: nothing was written\n";
    report.Summary(kExitContentError, counts);
    return kExitContentError;
  }

  if (!opt.write) {
    counts = {{"authorities", authorities}, {"pages", pages.load()}, {"data_files", data_files.load()},
              {"files", files.load()}, {"as_at", as_at.Iso()}, {"milliseconds", elapsed_ms()},
              {"status_changes", nlohmann::ordered_json::array()}};
    report.Line("ok: " + Plural(authorities, "authority", "authorities") + ", " +
                std::to_string(files.load()) + " files would be written (as at " + as_at.Iso() + ")");
    report.Summary(kExitOk, counts);
    return kExitOk;
  }

  Manifest manifest;
  manifest.inputs = fp.all;
  manifest.global = fp.global;
  manifest.options = options;
  for (const auto& sum : rendered.summaries) manifest.groups[sum.slug] = groups[sum.slug];
  // Before the summaries move into the records below.
  const std::vector<StatusChange> changed = StatusChanges(published, rendered.summaries);
  // For the next build, each authority's summary unless it had problems to
  // report again: made beside the swap, kept only once the site is in.
  auto summaries_text = std::async(std::launch::async, [&] {
    std::set<std::string> noisy;
    for (const auto& d : diag.Sorted()) noisy.insert(std::string(OwnerOf(d.pos.path)));
    const std::vector<FeedEntry> site_feed = SiteFeed(rendered.summaries);
    std::vector<CachedSummary> next;
    for (auto& sum : rendered.summaries)
      if (!noisy.count(sum.slug)) next.push_back({groups.at(sum.slug), std::move(sum)});
    return SummariesToJson(next, as_at.Iso(), site_feed);
  });
  if (!publisher.Commit(manifest, &why)) {
    report.Error(why + "; the previous site is unchanged");
    report.Summary(kExitContentError, counts);
    return kExitContentError;
  }
  mark("swap the new site in");
  publisher.WriteCache("summaries.json", summaries_text.get());
  sources_written.get();
  mark("keep the sources' hashes and the summaries for the next build");
  PublishStats st = publisher.stats();
  nlohmann::ordered_json status_changes = nlohmann::ordered_json::array();
  std::string changed_lines;
  for (const auto& c : changed) {
    status_changes.push_back({{"authority", c.authority}, {"measure", c.measure}, {"title", c.title},
                              {"before", StatusId(c.before)}, {"after", StatusId(c.after)},
                              {"evidence", c.evidence.valid() ? nlohmann::ordered_json(c.evidence.Iso()) : nlohmann::ordered_json()}});
    changed_lines += "\n    " + c.authority + "/" + c.measure + ": " + StatusLabel(c.before) + " -> " + StatusLabel(c.after) +
                     (c.evidence.valid() ? " (evidence of " + c.evidence.Iso() + ")" : "");
  }
  counts = {{"authorities", authorities},
            {"pages", pages.load()},
            {"data_files", data_files.load()},
            {"files", st.written + st.unchanged},
            {"written", st.written},
            {"unchanged", st.unchanged},
            {"deleted", st.deleted},
            {"reused_authorities", kept},
            {"warnings", diag.warnings()},
            {"as_at", as_at.Iso()},
            {"jobs", jobs},
            {"milliseconds", elapsed_ms()},
            {"status_changes", status_changes}};
  report.Line("built " + out_dir.string() + " for " + Plural(authorities, "authority", "authorities") +
              " as at " + as_at.Iso() + "\n" +
              "  pages       " + std::to_string(pages.load()) + " rendered" +
              (kept == 0 ? "" : ", " + Plural(kept, "authority", "authorities") + " kept unchanged") + "\n" +
              "  data files  " + std::to_string(data_files.load()) + "\n" +
              "  outputs     " + std::to_string(st.written) + " written, " + std::to_string(st.unchanged) +
              " unchanged, " + std::to_string(st.deleted) + " deleted\n" +
              "  warnings    " + std::to_string(diag.warnings()) + "\n" +
              "  statuses    " + (published.empty() ? std::string("no earlier build to compare with")
                                                    : Plural(changed.size(), "change", "changes") + " since the last build" + changed_lines) + "\n" +
              "  time        " + std::to_string(elapsed_ms()) + " ms on " + Plural(jobs, "thread", "threads"));
  report.Summary(kExitOk, counts);
  if (opt.exit_when_done) {
    // As compilers and linkers do: the site is in and every record written,
    // so what is left is letting go of tens of thousands of strings and map
    // nodes one at a time, which the OS does faster in one go.
    publisher.WaitForTrash();
    out.flush();
    err.flush();
    std::fflush(nullptr);
    std::_Exit(kExitOk);
  }
  return kExitOk;
}

}  // namespace tracker
