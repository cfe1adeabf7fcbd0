#include "scaffold/new_authority.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ostream>
#include <set>

#include "build.h"
#include "escape.h"
#include "load/load_site.h"
#include "load/source_tree.h"

namespace tracker {

namespace fs = std::filesystem;

std::string YamlQuoted(const std::string& s) {
  std::string q = "\"";
  for (char c : s) q += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  return q + "\"";
}

int CreateNewFile(const fs::path& file, const std::string& text) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return errno;
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const int why = ok ? 0 : errno ? errno : EIO;
  ::close(fd);
  return why;
}

std::string AuthorityFileFor(const OfficialData& data, size_t area) {
  const OfficialArea& a = data.areas[area];
  std::string out = "---\n";
  out += "name: " + YamlQuoted(a.name) + "\n";
  if (!a.region_name.empty()) out += "region: " + YamlQuoted(a.region_name) + "\n";
  if (!a.new_code.empty()) out += "ons_code: " + a.new_code + "\n";
  if (!a.old_code.empty()) out += "la_code: \"" + a.old_code + "\"\n";
  if (data.neighbours) {
    auto it = data.neighbours->by_old_code.find(a.old_code);
    if (it != data.neighbours->by_old_code.end() && !it->second.empty()) {
      out += "# Statistical neighbours in the DfE's " + data.neighbours->id + " model (set in site.yml), closest first:\n";
      for (const auto& code : it->second) {
        auto n = data.by_old_code.find(code);
        out += "#   " + code + (n == data.by_old_code.end() ? "" : " " + data.areas[n->second].name) + "\n";
      }
    }
  }
  out += "# Made by `tracker new authority --official` from the DfE's files in data/official/.\n";
  out += "# Add events, meetings and an introduction of the council's own below (docs/content-model.md).\n";
  out += "---\n";
  return out;
}

std::vector<size_t> AreasFor(const OfficialData& data, const std::vector<std::string>& codes,
                             std::vector<std::string>* unknown) {
  std::set<size_t> out;
  for (const auto& code : codes) {
    if (code == "all") {
      for (const auto& k : data.kpis)
        if (!k.years.empty())
          for (const auto& [area, v] : k.years.back().areas)
            // A figure, not a symbol (an authority since replaced is kept
            // with x and z), and one authority, not a joint return ("314 / 318").
            if (v.number && data.areas[area].old_code.find('/') == std::string::npos &&
                data.areas[area].new_code.find('/') == std::string::npos)
              out.insert(area);
      continue;
    }
    auto area = data.AreaOf(code, "");
    if (!area) area = data.AreaOf("", code);
    if (area) out.insert(*area);
    else unknown->push_back(code);
  }
  return {out.begin(), out.end()};
}

int RunNewAuthority(const fs::path& source, const std::vector<std::string>& codes, std::ostream& out,
                    std::ostream& err) {
  // What the official files need: site.yml, kpis.json and data/official/.
  Diagnostics diag;
  SourceTree tree;
  std::vector<std::string> paths;
  for (const auto& [path, _] : StatSourceTree(source))
    if (path == "site.yml" || path == "data/kpis.json" || path.rfind(kOfficialFolder, 0) == 0) paths.push_back(path);
  ReadSources(source, paths, tree, diag);
  SiteGlobals g = LoadGlobals(tree, diag);
  auto report = [&] {
    for (const auto& d : diag.Sorted()) err << FormatDiagnostic(d, &tree.files);
  };
  if (diag.HasErrors()) {
    report();
    return kExitContentError;
  }
  if (!g.official || g.official->areas.empty()) {
    report();
    err << "tracker: error: no official figures to read in " << TerminalText((source / kOfficialFolder).string())
        << ": put the DfE's CSV files there and name them in data/kpis.json (docs/official-statistics.md)\n";
    return kExitContentError;
  }
  std::vector<std::string> unknown;
  const std::vector<size_t> areas = AreasFor(*g.official, codes, &unknown);
  for (const auto& code : unknown)
    err << "tracker: error: no authority in the official files has the code " << TerminalText(code)
        << ": give a three-digit code such as 812, an ONS code such as E06000012, or all\n";
  if (!unknown.empty()) return kExitUsage;
  int made = 0, kept = 0;
  for (size_t area : areas) {
    const std::string slug = SlugFor(g.official->areas[area].name);
    const fs::path dir = source / "content" / slug;
    std::error_code ec;
    fs::create_directories(dir, ec);
    const fs::path file = dir / "_authority.md";
    // Never overwritten: a council's own file is theirs.
    const int why = CreateNewFile(file, AuthorityFileFor(*g.official, area));
    if (why == EEXIST) {
      ++kept;
      out << "kept " << TerminalText(file.string()) << ": it exists, and tracker new never overwrites\n";
      continue;
    }
    if (why) {
      err << "tracker: error: cannot write " << TerminalText(file.string()) << ": " << std::strerror(why) << "\n";
      return kExitEnvironment;
    }
    ++made;
    if (areas.size() <= 20) out << "wrote " << TerminalText(file.string()) << "\n";
  }
  out << made << (made == 1 ? " authority" : " authorities") << " written";
  if (kept) out << ", " << kept << " kept as they were";
  out << "\n";
  return kExitOk;
}

}  // namespace tracker
