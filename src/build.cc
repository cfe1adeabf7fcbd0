#include "build.h"

#include <ostream>

#include "assess/assess_site.h"
#include "diagnostics.h"
#include "load/load_site.h"
#include "load/load_theme.h"
#include "load/source_tree.h"
#include "publish/publish.h"
#include "render/render_site.h"

namespace tracker {

namespace fs = std::filesystem;

namespace {

void PrintDiagnostics(const Diagnostics& diag, const SourceTree& tree, std::ostream& err) {
  for (const auto& d : diag.Sorted()) err << FormatDiagnostic(d, &tree.files);
  if (diag.errors() || diag.warnings()) {
    err << diag.errors() << (diag.errors() == 1 ? " error" : " errors");
    if (diag.warnings()) err << ", " << diag.warnings() << (diag.warnings() == 1 ? " warning" : " warnings");
    err << "\n";
  }
}

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

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

ExitCode RunBuild(const BuildOptions& opt, std::ostream& out, std::ostream& err) {
  Diagnostics diag;
  const fs::path out_dir = opt.out.empty() ? opt.source / "site" : opt.out;

  std::error_code ec;
  if (!fs::is_directory(opt.source, ec)) {
    err << "tracker: error: source folder '" << opt.source.string()
        << "' does not exist; pass the folder that holds site.yml with --source\n";
    return kExitUsage;
  }

  // load: read every source file once, then parse and check it all.
  SourceTree tree = ReadSourceTree(opt.source, diag);
  Site site = LoadSite(tree, diag);
  Theme theme = LoadTheme(tree, site.config, diag);
  if (diag.HasErrors()) {
    PrintDiagnostics(diag, tree, err);
    err << (opt.write ? "build stopped: nothing was written\n" : "check failed\n");
    return kExitContentError;
  }

  // assess: every measure's status at the as-at date.
  const Date as_at = ResolveAsAt(site, opt.as_at);
  SiteAssessment assessment = AssessSite(site, as_at);

  // render: every page and asset, in memory.
  RenderResult rendered = RenderSite(site, assessment, theme);
  PrintDiagnostics(diag, tree, err);
  if (!rendered.errors.empty()) {
    for (const auto& e : rendered.errors) err << e << "\n";
    err << "build stopped: nothing was written\n";
    return kExitContentError;
  }

  if (!opt.write) {
    if (!opt.quiet)
      out << "ok: " << Plural(site.authorities.size(), "authority", "authorities") << ", " << rendered.files.size()
          << " files would be written (as at " << as_at.Iso() << ")\n";
    return kExitOk;
  }

  // publish: write beside the old site, then swap it in.
  std::string why;
  if (!OutputIsSafe(opt.source, out_dir, &why)) {
    err << "tracker: error: " << why << "\n";
    return kExitUsage;
  }
  if (!PublishSite(out_dir, rendered.files, &why)) {
    err << "tracker: error: " << why << "\nthe previous site is unchanged\n";
    return kExitContentError;
  }
  if (!opt.quiet)
    out << "built " << rendered.files.size() << " files for "
        << Plural(site.authorities.size(), "authority", "authorities") << " into " << out_dir.string() << " (as at " << as_at.Iso() << ")\n";
  return kExitOk;
}

}  // namespace tracker
