#include "scaffold/new_files.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>

#include "assess/status.h"
#include "build.h"
#include "embedded_theme.h"
#include "escape.h"
#include "load/load_site.h"
#include "load/source_tree.h"
#include "read_file.h"
#include "scaffold/import_csv.h"
#include "scaffold/new_authority.h"

namespace tracker {

namespace fs = std::filesystem;

namespace {

std::string Join(const std::vector<std::string>& xs, const std::string& sep) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : sep) + x;
  return out;
}

// Writes `text` to a file that must not exist yet: kExitOk, or the error
// printed and its exit status.
int WriteNew(const fs::path& file, const std::string& text, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  const int why = CreateNewFile(file, text);
  if (why == EEXIST) {
    err << "tracker: error: " << TerminalText(file.string())
        << " exists, and tracker new never overwrites a file: choose another name, or edit that one\n";
    return kExitContentError;
  }
  if (why) {
    err << "tracker: error: cannot write " << TerminalText(file.string()) << ": " << std::strerror(why) << "\n";
    return kExitEnvironment;
  }
  out << "wrote " << TerminalText(file.string()) << "\n";
  return kExitOk;
}

// The source as `tracker check` reads it, for what a new file is filled in
// from. Its errors are printed, and stop the command.
std::optional<Site> LoadSource(const fs::path& source, std::ostream& err, SourceTree* keep = nullptr) {
  Diagnostics diag;
  SourceTree tree;
  std::vector<std::string> paths;
  for (const auto& [path, _] : StatSourceTree(source)) paths.push_back(path);
  ReadSources(source, paths, tree, diag);
  if (keep) *keep = tree;
  Site site = LoadSite(tree, diag);
  if (!diag.HasErrors()) return site;
  for (const auto& d : diag.Sorted()) err << FormatDiagnostic(d, &tree.files);
  err << "tracker: error: fix these first: tracker new fills the new file in from the source\n";
  return std::nullopt;
}

const Authority* FindAuthority(const Site& site, const std::string& slug, std::ostream& err) {
  std::vector<std::string> slugs;
  for (const auto& a : site.authorities) {
    if (a.slug == slug) return &a;
    slugs.push_back(a.slug);
  }
  err << "tracker: error: no authority '" << TerminalText(slug) << "' in content/" << DidYouMean(slug, slugs)
      << (slugs.empty() ? "; make one with: tracker new authority \"Council name\"" : "; the authorities are " + Join(slugs, ", "))
      << "\n";
  return nullptr;
}

bool CheckName(const std::string& what, const std::string& name, std::ostream& err) {
  if (IsValidSlug(name)) return true;
  err << "tracker: error: '" << TerminalText(name) << "' cannot be a " << what
      << ": use lower-case letters, digits, - and _, starting with a letter or digit (for example '" << SlugFor(name)
      << "')\n";
  return false;
}

}  // namespace

std::string NamedAuthorityFile(const std::string& name) {
  return "---\nname: " + YamlQuoted(name) +
         "\n"
         "# short_name: for breadcrumbs and headings\n"
         "# region: \"North West\"\n"
         "# ons_code: E08000000        # how the DfE's files in data/official/ find the council\n"
         "# la_code: \"000\"\n"
         "# ofsted:                    # Ofsted's judgements of the whole service\n"
         "#   - date: YYYY-MM-DD\n"
         "#     judgement: Inadequate\n"
         "#     source: a-document-slug\n"
         "# meetings:                  # the scrutiny panel's or improvement board's meetings\n"
         "#   - date: YYYY-MM-DD\n"
         "#     title: Scrutiny panel\n"
         "#     source: a-document-slug\n"
         "---\n"
         "An introduction to the council's improvement journey, in Markdown, for its dashboard.\n";
}

std::string DocumentFile(const std::string& title, const std::string& type, const std::string& date) {
  return "---\ntitle: " + YamlQuoted(title.empty() ? "The document's title, as published" : title) + "\ntype: " + type +
         "   # one of " + Join(DocumentTypes(), ", ") + "\ndate: " + date +
         "\n"
         "# from: Department for Education\n"
         "# to: Chief Executive\n"
         "# summary: One or two sentences for lists and the page's description.\n"
         "# source_url: https://www.example.gov.uk/the-published-original.pdf\n"
         "---\n"
         "The document's text, in Markdown, as published.\n";
}

std::string MeasureFile(const std::string& title, const Kpi* kpi, const std::vector<Kpi>& kpis,
                        const std::string& set_by) {
  std::string out = "---\ntitle: " + YamlQuoted(title.empty() ? "What the council must achieve" : title) + "\n";
  out += "# summary: One sentence.\n";
  out += set_by.empty() ? "# set_by: the slug of the document that set the measure\n" : "set_by: " + set_by + "\n";
  out += "# category: Improvement notice\n# deadline: YYYY-MM-DD\n";
  if (kpi) {
    const bool higher = kpi->direction != Direction::kLowerIsBetter;
    out += "kpi: " + kpi->id + "\n";
    out += "# target:                  # how the figures are judged (docs/status.md)\n";
    out += std::string("#   op: \"") + (higher ? ">=" : "<=") + "\"\n#   value: 0\n";
    if (!kpi->breakdown.empty()) out += "#   scope: all               # all (every item must meet it), any, or one item's name\n";
  } else {
    std::vector<std::string> ids;
    for (const auto& k : kpis) ids.push_back(k.id);
    out += "# kpi: the KPI that measures it" + (ids.empty() ? std::string() : ", one of " + Join(ids, ", ")) + "\n";
    out += "# assessments:             # what documents said of its progress\n";
    out += "#   - date: YYYY-MM-DD\n#     status: on-track         # met, on-track, at-risk or off-track\n";
    out += "#     source: a-document-slug\n#     note: The document's words.\n";
  }
  out += "---\nWhat the measure asks, and why, in Markdown.\n";
  return out;
}

std::string SnapshotFile(const Date& as_at, const std::vector<Kpi>& kpis,
                         const std::vector<std::pair<std::string, std::vector<std::string>>>& items) {
  ImportedSnapshot s;
  s.as_at = as_at;
  for (const auto& k : kpis) {
    const std::vector<std::string>* named = nullptr;
    for (const auto& [id, list] : items)
      if (id == k.id && !list.empty()) named = &list;
    if (!named) {
      s.values.emplace_back(k.id, Scalar{Missing{}});
      continue;
    }
    Breakdown b;
    for (const auto& item : *named) b.emplace_back(item, Scalar{Missing{}});
    s.values.emplace_back(k.id, std::move(b));
  }
  return SnapshotJson(s);
}

int RunNewSite(const fs::path& dir, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    err << "tracker: error: " << TerminalText(dir.string())
        << " is not empty, and tracker new never overwrites: give a new or empty folder\n";
    return kExitContentError;
  }
  for (const EmbeddedFile& f : EmbeddedStarterFiles()) {
    const int code = WriteNew(dir / std::string(f.path), std::string(f.bytes), out, err);
    if (code != kExitOk) return code;
  }
  out << "A starter tracker for a made-up council is in " << TerminalText(dir.string())
      << ": its README.md says what to replace. Preview it with: tracker serve --source "
      << TerminalText(dir.string()) << "\n";
  return kExitOk;
}

int RunNewAuthorityNamed(const fs::path& source, const std::string& name, std::ostream& out, std::ostream& err) {
  const std::string slug = SlugFor(name);
  if (!CheckName("folder name", slug, err)) return kExitUsage;
  return WriteNew(source / "content" / slug / "_authority.md", NamedAuthorityFile(name), out, err);
}

int RunNewDocument(const fs::path& source, const std::string& authority, const std::string& slug,
                   const std::string& type, const std::string& date, const std::string& title, std::ostream& out,
                   std::ostream& err) {
  if (!CheckName("document's name", slug, err)) return kExitUsage;
  const auto& types = DocumentTypes();
  if (std::find(types.begin(), types.end(), type) == types.end()) {
    err << "tracker: error: unknown document type '" << TerminalText(type) << "'" << DidYouMean(type, types)
        << "; use one of " << Join(types, ", ") << "\n";
    return kExitUsage;
  }
  std::string why;
  if (!ParseDate(date, &why)) {
    err << "tracker: error: --date '" << TerminalText(date) << "' is not a date: use YYYY-MM-DD, or YYYY-MM when the "
        << "document gives only a month\n";
    return kExitUsage;
  }
  auto site = LoadSource(source, err);
  if (!site) return kExitContentError;
  if (!FindAuthority(*site, authority, err)) return kExitUsage;
  return WriteNew(source / "content" / authority / "documents" / (slug + ".md"), DocumentFile(title, type, date), out,
                  err);
}

int RunNewMeasure(const fs::path& source, const std::string& authority, const std::string& id, const std::string& kpi,
                  const std::string& title, std::ostream& out, std::ostream& err) {
  if (!CheckName("measure's id", id, err)) return kExitUsage;
  auto site = LoadSource(source, err);
  if (!site) return kExitContentError;
  const Authority* a = FindAuthority(*site, authority, err);
  if (!a) return kExitUsage;
  const Kpi* k = nullptr;
  if (!kpi.empty()) {
    k = site->FindKpi(kpi);
    std::vector<std::string> ids;
    for (const auto& x : site->kpis) ids.push_back(x.id);
    if (!k) {
      err << "tracker: error: unknown KPI '" << TerminalText(kpi) << "'" << DidYouMean(kpi, ids)
          << "; the KPIs in data/kpis.json are " << (ids.empty() ? "none yet" : Join(ids, ", ")) << "\n";
      return kExitUsage;
    }
  }
  // Set by the newest notice or direction, where there is one.
  std::string set_by;
  for (const auto& d : a->documents)
    if (d.type == "improvement-notice" || d.type == "statutory-direction") set_by = d.slug;
  return WriteNew(source / "content" / authority / "measures" / (id + ".md"), MeasureFile(title, k, site->kpis, set_by),
                  out, err);
}

namespace {

// The CSV's snapshots, checked as the build checks snapshots, then written,
// all or none.
int ImportCsv(const fs::path& source, const SourceTree& tree, const Site& site, const Authority& a,
              const fs::path& csv, const std::optional<Date>& date, std::ostream& out, std::ostream& err) {
  std::string text;
  if (ReadRegularFile(csv, &text) != ReadFailure::kNone) {
    err << "tracker: error: cannot read " << TerminalText(csv.string()) << ": give a CSV file exported from the spreadsheet\n";
    return kExitUsage;
  }
  Diagnostics diag;
  const std::string name = csv.string();
  const auto snapshots = SnapshotsFromCsv(text, name, site.kpis, a, date, diag);
  std::map<std::string, std::string> texts = tree.files;
  texts[name] = text;
  SourceTree with = tree;
  std::vector<fs::path> files;
  for (const auto& s : snapshots) {
    const std::string rel = "data/" + a.slug + "/snapshots/" + s.as_at.Iso() + ".json";
    if (with.files.count(rel))
      diag.Error({rel, 0, 0}, "a snapshot for " + s.as_at.Iso() + " exists, and tracker new never overwrites one: "
                              "edit it, or remove it and import again");
    with.files[rel] = SnapshotJson(s);
    texts[rel] = with.files[rel];
    files.push_back(source / rel);
  }
  // Checked like any snapshot: against the KPIs, the targets, the documents.
  if (!diag.HasErrors()) LoadSite(with, diag);
  if (diag.HasErrors()) {
    for (const auto& d : diag.Sorted()) err << FormatDiagnostic(d, &texts);
    err << "tracker: error: nothing was written\n";
    return kExitContentError;
  }
  for (size_t i = 0; i < snapshots.size(); ++i) {
    const int code = WriteNew(files[i], SnapshotJson(snapshots[i]), out, err);
    if (code != kExitOk) return code;
  }
  out << snapshots.size() << (snapshots.size() == 1 ? " snapshot" : " snapshots") << " imported from "
      << TerminalText(name) << "\n";
  return kExitOk;
}

}  // namespace

int RunNewSnapshot(const fs::path& source, const std::string& authority, const std::string& date,
                   const std::string& from_csv, std::ostream& out, std::ostream& err) {
  SourceTree tree;
  auto site = LoadSource(source, err, &tree);
  if (!site) return kExitContentError;
  const Authority* a = FindAuthority(*site, authority, err);
  if (!a) return kExitUsage;
  std::optional<Date> as_at;
  if (!date.empty()) {
    std::string why;
    as_at = ParseDate(date, &why);
    if (!as_at || as_at->precision() != Date::Precision::kDay) {
      err << "tracker: error: --date '" << TerminalText(date) << "' is not a date: use YYYY-MM-DD\n";
      return kExitUsage;
    }
  } else if (!a->snapshots.empty()) {
    // The month after the newest, at its end, as monthly figures are dated.
    as_at = AddMonths(a->snapshots.back().as_at, 1);
  } else if (!from_csv.empty()) {
    // The tidy layout dates its own rows; the simple one is refused later
    // if it needed a date.
  } else {
    err << "tracker: error: " << TerminalText(authority)
        << " has no snapshot yet to follow: give the figures' date with --date YYYY-MM-DD\n";
    return kExitUsage;
  }
  if (!from_csv.empty()) return ImportCsv(source, tree, *site, *a, from_csv, as_at, out, err);
  // A breakdown's items as the newest snapshot gives them.
  std::vector<std::pair<std::string, std::vector<std::string>>> items;
  for (const auto& k : site->kpis)
    if (!k.breakdown.empty()) items.emplace_back(k.id, BreakdownItems(k.id, a->snapshots, *as_at));
  return WriteNew(source / "data" / authority / "snapshots" / (as_at->Iso() + ".json"),
                  SnapshotFile(*as_at, site->kpis, items), out, err);
}

std::optional<std::string> WithMeeting(const std::string& text, const std::string& date, const std::string& title,
                                       const std::string& source, std::string* why) {
  // The file's lines, and where its front matter ends.
  std::vector<std::string> lines;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  auto bare = [](std::string l) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    return l;
  };
  if (lines.empty() || bare(lines[0]) != "---") {
    *why = "it has no front matter";
    return std::nullopt;
  }
  size_t close = 1;
  while (close < lines.size() && bare(lines[close]) != "---") ++close;
  if (close == lines.size()) {
    *why = "its front matter has no closing ---";
    return std::nullopt;
  }
  auto item = [&](const std::string& indent) {
    std::vector<std::string> out = {indent + "- date: " + date, indent + "  title: " + YamlQuoted(title)};
    if (!source.empty()) out.push_back(indent + "  source: " + source);
    return out;
  };
  std::vector<std::string> add;
  size_t insert_at = close;
  size_t key = 1;
  while (key < close && bare(lines[key]).rfind("meetings:", 0) != 0) ++key;
  if (key == close) {
    add = item("  ");
    add.insert(add.begin(), "meetings:");
  } else {
    std::string rest = bare(lines[key]).substr(9);
    rest.erase(0, rest.find_first_not_of(' '));
    if (!rest.empty() && rest[0] != '#') {
      *why = "its meetings list is written on one line; write it as a list of items, one '- date:' each";
      return std::nullopt;
    }
    // The list runs while lines are indented, blank, or items at column 1.
    size_t last = key;
    std::string indent = "  ";
    bool first = true;
    for (size_t i = key + 1; i < close; ++i) {
      const std::string l = bare(lines[i]);
      if (l.empty() || l.find_first_not_of(' ') == std::string::npos) continue;
      if (l[0] != ' ' && l[0] != '-') break;
      if (first) {
        const size_t dash = l.find_first_not_of(' ');
        if (l[dash] == '-') indent = l.substr(0, dash);
        first = false;
      }
      last = i;
    }
    add = item(indent);
    insert_at = last + 1;
  }
  lines.insert(lines.begin() + static_cast<long>(insert_at), add.begin(), add.end());
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) out += lines[i] + (i + 1 < lines.size() ? "\n" : "");
  if (!text.empty() && text.back() == '\n') out += '\n';
  return out;
}

int RunNewMeeting(const fs::path& source, const std::string& authority, const std::string& date,
                  const std::string& title, const std::string& from_document, std::ostream& out, std::ostream& err) {
  std::string why;
  auto d = ParseDate(date, &why);
  if (!d || d->precision() != Date::Precision::kDay) {
    err << "tracker: error: --date '" << TerminalText(date) << "' is not a date: a meeting's date is YYYY-MM-DD\n";
    return kExitUsage;
  }
  SourceTree tree;
  auto site = LoadSource(source, err, &tree);
  if (!site) return kExitContentError;
  const Authority* a = FindAuthority(*site, authority, err);
  if (!a) return kExitUsage;
  for (const auto& m : a->meetings)
    if (m.date == *d) {
      err << "tracker: error: " << TerminalText(a->name) << " already has a meeting on " << d->Iso()
          << "; tracker new never overwrites one: edit it in content/" << authority << "/_authority.md\n";
      return kExitContentError;
    }
  // Named as the last meeting was, unless told otherwise.
  std::string name = title;
  if (name.empty()) name = a->meetings.empty() ? "Scrutiny panel" : a->meetings.back().title;
  const std::string rel = "content/" + authority + "/_authority.md";
  auto text = WithMeeting(tree.files[rel], d->Iso(), name, from_document, &why);
  if (!text) {
    err << "tracker: error: cannot add a meeting to " << rel << ": " << why << ". Add it by hand:\n"
        << "meetings:\n  - date: " << d->Iso() << "\n    title: " << YamlQuoted(name) << "\n";
    return kExitContentError;
  }
  // Checked as the build checks it, before anything is written.
  SourceTree with = tree;
  with.files[rel] = *text;
  Diagnostics diag;
  Site after = LoadSite(with, diag);
  size_t meetings = 0;
  for (const auto& x : after.authorities)
    if (x.slug == authority) meetings = x.meetings.size();
  if (diag.HasErrors() || meetings != a->meetings.size() + 1) {
    for (const auto& x : diag.Sorted()) err << FormatDiagnostic(x, &with.files);
    err << "tracker: error: the meeting could not be added to " << rel << " as written; nothing was changed\n";
    return kExitContentError;
  }
  // Replaced whole, so a reader never sees half a file.
  const fs::path file = source / rel, part = source / (rel + ".new");
  {
    std::ofstream o(part, std::ios::binary | std::ios::trunc);
    o << *text;
    if (!o.flush()) {
      err << "tracker: error: cannot write " << TerminalText(part.string()) << "\n";
      return kExitEnvironment;
    }
  }
  std::error_code ec;
  fs::rename(part, file, ec);
  if (ec) {
    err << "tracker: error: cannot replace " << TerminalText(file.string()) << ": " << ec.message() << "\n";
    return kExitEnvironment;
  }
  out << "added the " << TerminalText(name) << " of " << d->Long() << " to " << TerminalText(file.string()) << "\n";
  return kExitOk;
}

}  // namespace tracker
