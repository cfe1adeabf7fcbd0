// Turns the source files (already in memory) into the domain model, checking
// every field. Reads no disk: tests hand it an in-memory SourceTree.
#pragma once
#include <memory>
#include <optional>
#include <string_view>

#include "diagnostics.h"
#include "load/source_tree.h"
#include "model/site.h"

namespace tracker {

Site LoadSite(const SourceTree& tree, Diagnostics& diag, int threads = 1);

// The same in parts, so that a build can load, render and let go of one
// authority at a time: LoadSiteMovingBodies is these in turn.

// What every authority's pages read: site.yml and data/kpis.json (and the
// UTF-8 check of every file that belongs to no authority).
struct SiteGlobals {
  SiteConfig config;
  std::vector<Kpi> kpis;
  bool kpis_loaded = false;  // read without errors: unknown KPIs elsewhere are reported
  std::shared_ptr<const OfficialData> official;  // data/official/, when any KPI or file is there
};
SiteGlobals LoadGlobals(const SourceTree& tree, Diagnostics& diag);

// One authority's files, from their paths alone.
struct AuthorityFiles {
  enum Kind { kAuthority, kDocument, kMeasure, kSnapshot };
  struct File {
    Kind kind;
    std::string path, id;  // id: the document's or measure's, from its file name
  };
  std::string slug;
  std::vector<File> files;  // content/ first, then data/, each in path order
};
// Sorts source paths (in path order) into authorities, by slug, reporting
// paths outside the content model. The plan holds copies of the paths.
std::vector<AuthorityFiles> PlanAuthorities(const std::vector<std::string_view>& paths, Diagnostics& diag);

// One snapshot, read through a JSON tree with every check and message:
// what LoadSnapshots does with a file ReadSnapshotQuickly gives up on.
// Declared for the tests that hold the two to the same result.
void LoadSnapshotGenerally(const std::string& path, const std::string& text, const std::vector<Kpi>& kpis,
                           bool kpis_loaded, Snapshot& s, bool* ok, Diagnostics& diag);

// An authority's snapshots alone: what the as-at date is read from.
std::vector<Snapshot> LoadSnapshots(const AuthorityFiles& files, const SourceTree& tree, const SiteGlobals& g,
                                    Diagnostics& diag);

// One authority, checked, from its files in `tree` (taking the Markdown
// bodies, as LoadSiteMovingBodies does), with its snapshots as LoadSnapshots
// made them if given, else loaded here.
Authority LoadAuthority(const AuthorityFiles& files, SourceTree& tree, const SiteGlobals& g,
                        std::optional<std::vector<Snapshot>> snapshots, Diagnostics& diag);

// The same, moving the Markdown bodies out of `tree` instead of copying
// them: afterwards each Markdown file there holds only its front matter,
// which is all that error messages quote.
Site LoadSiteMovingBodies(SourceTree& tree, Diagnostics& diag, int threads = 1);

// site.yml alone.
SiteConfig LoadConfig(const SourceTree& tree, Diagnostics& diag);

}  // namespace tracker
