// What a build keeps for the next one, beside the site: the records. Each
// begins with one line naming its kind and the version of its format, and
// has one reader. A record of another version, or damaged, reads as no
// record at all: the next build is slower, never wrong.
//
//   sources    each source's size, time and hash (this file)
//   summaries  what the site-wide pages need of each authority (render/summary)
//   back       which files of the back folder are stale (publish)
//   manifest   the published site's files and fingerprints, inside the site
//              (publish); JSON, so its tag is its first line's only field
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/source_tree.h"
#include "render/summary.h"

namespace tracker {

enum class RecordKind { kSources, kSummaries, kBack, kManifest };

// "tracker sources 1\n": the first line of a record.
std::string RecordFirstLine(RecordKind kind);
// For the manifest, which stays JSON: {"record": "tracker manifest 1",
std::string JsonRecordFirstLine(RecordKind kind);

// The rest of `text` after the record's first line, or nullopt when the
// text is not that record in this version.
std::optional<std::string_view> RecordBody(std::string_view text, RecordKind kind);

// The sources record: a line of the inputs' fingerprint, then
// "path<TAB>size:mtime<TAB>hash" for each source; a plain format, as it is
// read on every build.
std::string SourcesToText(const std::string& inputs, const SourceStats& stats,
                          const std::map<std::string, std::string>& hashes);

// One source as the last build saw it: views into the record's text.
struct SourceRecord {
  std::string_view path, stat, hash;  // stat is "size:mtime"
};

// The records in path order; empty unless they describe `inputs` and are
// whole and in order.
std::vector<SourceRecord> SourcesFromText(std::string_view text, const std::string& inputs);

// The cache of summaries beside the site: each with the fingerprint of the
// inputs it was made from, so a stale one is never used.
struct CachedSummary {
  std::string fingerprint;
  AuthoritySummary summary;
};
// `as_at` is the date the summaries were made for. Of the feed entries, it
// keeps only those in the site-wide feed (`site_feed`), in short form, and
// the cutoff: the last of them when the feed is full.
std::string SummariesToJson(const std::vector<CachedSummary>& cached, const std::string& as_at,
                            const std::vector<FeedEntry>& site_feed);
// Empty when the text is missing or damaged: the cache only saves time.
// Feed entries are made again with `config`.
std::vector<CachedSummary> SummariesFromJson(const std::string& text, const SiteConfig& config, std::string* as_at,
                                             std::optional<FeedCutoff>* cutoff);

}  // namespace tracker
