// tests/fixtures/hostile is a tracker written by an attacker: script and
// event-handler payloads in every field, formula cells for the downloads.
// These tests build it with worse added (made here, never committed: deep
// nesting, thousands of headings, links out of the source, a named pipe,
// bytes that are not UTF-8) and scan everything tracker wrote.
#include <doctest/doctest.h>

#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <signal.h>

#include <algorithm>
#include <cctype>
#include <set>

#include <nlohmann/json.hpp>

#include "e2e.h"

using namespace e2e;

namespace {

fs::path Hostile() { return fs::path(TRACKER_TEST_DATA) / "fixtures/hostile"; }

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool EndsWith(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// A CSV file's cells, quotes undone (RFC 4180).
std::vector<std::string> CsvCells(const std::string& text) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',' || c == '\n') {
      cells.push_back(cell);
      cell.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  if (!cell.empty()) cells.push_back(cell);
  return cells;
}

bool IsNumber(const std::string& s) {
  char* end = nullptr;
  if (s.empty()) return false;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

// What a file of markup must not hold: a script other than the data page's
// JSON-LD (which must not be able to end early), an event-handler
// attribute, or a script, data or vbscript address in a link or source.
void ScanMarkup(const std::string& rel, const std::string& text, int* scripts) {
  const std::string lower = Lower(text);
  for (size_t lt = lower.find('<'); lt != std::string::npos; lt = lower.find('<', lt + 1)) {
    if (lt + 1 >= lower.size() || !std::isalpha(static_cast<unsigned char>(lower[lt + 1]))) continue;
    // The tag's name and attributes, quoted values skipped whole.
    size_t i = lt + 1;
    while (i < lower.size() && (std::isalnum(static_cast<unsigned char>(lower[i])) || lower[i] == '-')) ++i;
    const std::string name = lower.substr(lt + 1, i - lt - 1);
    for (;;) {
      while (i < lower.size() && (std::isspace(static_cast<unsigned char>(lower[i])) || lower[i] == '/')) ++i;
      if (i >= lower.size() || lower[i] == '>') break;
      const size_t a = i;
      while (i < lower.size() && !std::isspace(static_cast<unsigned char>(lower[i])) && lower[i] != '=' &&
             lower[i] != '>')
        ++i;
      const std::string attr = lower.substr(a, i - a);
      std::string value;
      if (i < lower.size() && lower[i] == '=') {
        ++i;
        const char q = i < lower.size() ? lower[i] : 0;
        if (q == '"' || q == '\'') {
          const size_t end = lower.find(q, i + 1);
          value = lower.substr(i + 1, end - i - 1);
          i = end == std::string::npos ? lower.size() : end + 1;
        } else {
          const size_t b = i;
          while (i < lower.size() && !std::isspace(static_cast<unsigned char>(lower[i])) && lower[i] != '>') ++i;
          value = lower.substr(b, i - b);
        }
      }
      CHECK_MESSAGE(attr.rfind("on", 0) != 0, rel << ": <" << name << "> has the event handler " << attr);
      if (attr == "href" || attr == "src" || attr == "action" || attr == "formaction" || attr == "data" ||
          attr == "xlink:href") {
        const size_t start = value.find_first_not_of(" \t\n");
        const std::string v = start == std::string::npos ? "" : value.substr(start);
        for (const char* scheme : {"javascript:", "vbscript:", "data:"})
          CHECK_MESSAGE(v.rfind(scheme, 0) != 0, rel << ": <" << name << " " << attr << "=\"" << v << "\">");
      }
    }
    // Elements the theme never writes, which content could use to frame,
    // embed or submit; and styles only in the head, where the theme's are.
    for (const char* tag : {"iframe", "object", "embed", "form", "base", "frame", "applet"})
      CHECK_MESSAGE(name != tag, rel << ": a <" << name << "> element from content");
    const size_t body = lower.find("<body");
    if (name == "style" && body != std::string::npos)
      CHECK_MESSAGE(lt < body, rel << ": a <style> element in the body");
    if (name == "script") {
      ++*scripts;
      const size_t open_end = lower.find('>', lt);
      CHECK_MESSAGE(lower.compare(lt, open_end - lt + 1, "<script type=\"application/ld+json\">") == 0,
                    rel << ": a script that is not JSON-LD");
      const size_t close = lower.find("</script", open_end);
      const std::string body = text.substr(open_end + 1, close - open_end - 1);
      CHECK_MESSAGE(body.find('<') == std::string::npos, rel << ": JSON-LD holds a raw '<'");
      CHECK(nlohmann::json::accept(body));
    }
  }
}

// Every file tracker wrote: none a link, none outside the output, markup
// that cannot run anything, CSV that a spreadsheet will not run, JSON that
// parses, and a content security policy on every page.
void ScanOutput(const fs::path& site) {
  int files = 0, pages = 0, scripts = 0, cells = 0;
  for (auto& e : fs::recursive_directory_iterator(site)) {
    CHECK_MESSAGE(!e.is_symlink(), e.path().string() << " is a link");
    if (!e.is_regular_file()) continue;
    ++files;
    const std::string rel = fs::relative(e.path(), site).generic_string();
    CHECK_MESSAGE(rel.find("..") == std::string::npos, rel);
    const std::string text = ReadFile(e.path());
    if (EndsWith(rel, ".html") || EndsWith(rel, ".svg") || EndsWith(rel, ".xml")) {
      ScanMarkup(rel, text, &scripts);
      if (EndsWith(rel, ".html")) {
        ++pages;
        CHECK_MESSAGE(Contains(text, "script-src 'none'"), rel << " has no content security policy");
      }
    } else if (EndsWith(rel, ".csv")) {
      for (const auto& cell : CsvCells(text)) {
        ++cells;
        const bool formula = !cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '@' || cell[0] == '\t' ||
                                               cell[0] == '\r' || (cell[0] == '-' && !IsNumber(cell)));
        CHECK_MESSAGE(!formula, rel << ": the cell " << cell << " would run as a formula");
      }
    } else if (EndsWith(rel, ".json")) {
      CHECK_MESSAGE(nlohmann::json::accept(text), rel << " is not JSON");
    }
  }
  CHECK(files > 30);
  CHECK(pages > 20);
  CHECK(scripts == 1);  // the data page's JSON-LD
  CHECK(cells > 100);
}

void Write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

}  // namespace

TEST_CASE("a hostile tracker builds, and nothing in its output can run, nor any cell be a formula") {
  fs::path work = WorkDir("hostile-builds");
  fs::copy(Hostile(), work / "src", fs::copy_options::recursive);
  const fs::path docs = work / "src/content/harmton/documents";
  auto doc = [](const std::string& title, const std::string& body) {
    return "---\ntitle: " + title + "\ntype: other\ndate: 2022-06-01\n---\n" + body;
  };
  // Quotes and lists 32 deep (the limit), and 20,000 headings of one
  // name, which once took quadratic time.
  std::string lists;
  for (int i = 0; i < 16; ++i) lists += "> - ";
  Write(docs / "quotes.md", doc("Quotes", lists + "deep\n"));
  std::string headings;
  for (int i = 0; i < 20000; ++i) headings += "## Same <script>\n";
  Write(docs / "headings.md", doc("Headings", headings));
  // A file whose name is not UTF-8 (ignored, with a warning), and a hidden one.
  Write(docs / "notes-\xff\x1b[31m.txt", "ignored");
  Write(docs / ".draft.md", doc("Draft", "hidden"));

  const fs::path site = work / "site";
  Run r = Tracker("build --json --source " + Quote((work / "src").string()) + " --out " + Quote(site.string()));
  REQUIRE_MESSAGE(r.exit == 0, r.err);
  // --json stays JSON whatever the bytes of the file names it reports.
  REQUIRE(nlohmann::json::accept(r.out));
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["status"] == "ok");
  std::set<std::string> warned;
  for (const auto& d : j["diagnostics"]) warned.insert(d["path"].get<std::string>());
  CHECK(warned == std::set<std::string>{"content/harmton/documents/.draft.md",
                                        "content/harmton/documents/notes-\xEF\xBF\xBD\x1b[31m.txt"});
  ScanOutput(site);
  // Every heading kept its own id, numbered in order.
  const std::string page = ReadFile(site / "harmton/documents/headings.html");
  CHECK(Contains(page, "id=\"same-20000\""));
  CHECK_FALSE(Contains(page, "id=\"same-20001\""));
  // Without --json the same warnings reach the terminal with their control
  // characters and bad bytes shown, not acted on.
  Run again = Tracker("build --force --source " + Quote((work / "src").string()) + " --out " + Quote(site.string()));
  CHECK(again.exit == 0);
  CHECK(Contains(again.err, "notes-\\xff\\x1b[31m.txt: warning"));
  CHECK_FALSE(Contains(again.err, "\x1b"));
}

TEST_CASE("hostile files fail with every error at its place, nothing read from outside and nothing written") {
  fs::path work = WorkDir("hostile-fails");
  fs::copy(Hostile(), work / "src", fs::copy_options::recursive);
  const fs::path src = work / "src", site = work / "site";
  REQUIRE(Tracker("build --quiet --source " + Quote(src.string()) + " --out " + Quote(site.string())).exit == 0);
  const auto published = Tree(site);
  // Outside the source: a secret file and a folder, with content that must
  // never be read or quoted.
  Write(work / "outside/secret.md", "---\ntitle: SECRET-TITLE\ntype: other\ndate: 2022-01-01\n---\nSECRET-BODY\n");
  Write(work / "outside/secret.json", "SECRET-FIRST-LINE\n{\"as_at\": \"2023-02-28\", \"values\": {}}\n");
  const fs::path docs = src / "content/harmton/documents";
  fs::create_symlink("../../../../outside/secret.md", docs / "leak.md");
  fs::create_symlink("../../../../outside", src / "content/harmton/measures/linked");
  fs::create_symlink("../../../../outside/secret.json", src / "data/harmton/snapshots/2023-02-28.json");
  fs::create_symlink("nowhere.md", docs / "dangling.md");
  REQUIRE(::mkfifo((docs / "pipe.md").c_str(), 0644) == 0);
  // Bytes that are not UTF-8, a control character, and nesting 100,000 deep.
  Write(docs / "latin1.md", "---\ntitle: Caf\xe9\ntype: other\ndate: 2022-01-01\n---\n");
  Write(docs / "bell.md", "---\ntitle: Ring \x07 ring\ntype: other\ndate: 2022-01-01\n---\n");
  Write(src / "data/harmton/snapshots/2023-03-31.json", std::string(100000, '[') + std::string(100000, ']'));
  Write(docs / "deep.md", "---\ntitle: Deep\ntype: other\ndate: 2022-01-01\n---\nText\n\n" +
                              std::string(100000, '>') + " deep\n");
  std::string wide = "|";
  for (int i = 0; i < 600; ++i) wide += " c |";
  Write(docs / "wide.md", "---\ntitle: Wide\ntype: other\ndate: 2022-01-01\n---\n" + wide + "\n");
  Write(docs / "huge.md", "---\ntitle: Huge\ntype: other\ndate: 2022-01-01\n---\n" + std::string(2 << 20, 'x'));
  // Script addresses in URL fields, a second recipient, and ../ names.
  Write(docs / "bad-url.md", "---\ntitle: Link\ntype: other\ndate: 2022-01-01\nsource_url: javascript:alert(1)\n---\n");
  std::string yml = ReadFile(src / "site.yml");
  const std::string licence = "url: https://harmton.example/licence?a=1&b=2";
  yml.replace(yml.find(licence), licence.size(), "url: vbscript:msgbox(1)");
  yml.replace(yml.find("contact_email: web@harmton.example"), 34, "contact_email: web@harmton.example?cc=all@x.example");
  Write(src / "site.yml", yml);
  Write(src / "content/harmton/measures/escape.md", "---\ntitle: Escape\nset_by: ../../../etc/passwd\n---\n");

  Run r = Tracker("check --source " + Quote(src.string()));
  CHECK(r.exit == 1);
  const std::string expected = ReadFile(fs::path(TRACKER_TEST_DATA) / "fixtures/hostile.expected");
  CHECK(r.err == expected);
  if (std::getenv("TRACKER_UPDATE_GOLDEN")) Write(fs::path(TRACKER_TEST_DATA) / "fixtures/hostile.expected", r.err);
  for (const char* secret : {"SECRET-TITLE", "SECRET-BODY", "SECRET-FIRST-LINE"})
    CHECK_FALSE(Contains(r.out + r.err, secret));

  // A build says the same, writes nothing, and leaves the site as it was
  // and the outside untouched.
  Run b = Tracker("build --source " + Quote(src.string()) + " --out " + Quote(site.string()));
  CHECK(b.exit == 1);
  CHECK(Tree(site) == published);
  CHECK(Tree(work / "outside").size() == 2);
  std::set<std::string> beside;
  for (auto& e : fs::directory_iterator(work)) beside.insert(e.path().filename().string());
  CHECK(beside == std::set<std::string>{"src", "site", ".site.tracker", "outside"});
}

TEST_CASE("an output reached through a link is built where it points, with one lock for every name of it") {
  fs::path work = WorkDir("hostile-out-link");
  fs::create_directories(work / "real");
  fs::create_directory_symlink("real/site", work / "link");
  const std::string src = (fs::path(TRACKER_TEST_DATA) / "fixtures/sample").string();
  Run r = Tracker("build --quiet --source " + Quote(src) + " --out " + Quote((work / "link").string()));
  REQUIRE_MESSAGE(r.exit == 0, r.err);
  CHECK(fs::is_symlink(work / "link"));
  CHECK(fs::exists(work / "real/site/index.html"));
  CHECK(fs::is_directory(work / "real/.site.tracker"));
  CHECK_FALSE(fs::exists(work / ".link.tracker"));
  // While one build holds the lock, a build by either name waits its turn:
  // exit 4, its own code.
  int fd = ::open((work / "real/.site.tracker/lock").c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  for (const char* name : {"link", "real/site"}) {
    Run busy = Tracker("build --source " + Quote(src) + " --out " + Quote((work / name).string()));
    CHECK(busy.exit == 4);
    CHECK(Contains(busy.err, "another tracker build is writing to"));
    Run json = Tracker("build --json --source " + Quote(src) + " --out " + Quote((work / name).string()));
    CHECK(json.exit == 4);
    CHECK(nlohmann::json::parse(json.out)["status"] == "busy");
  }
  ::close(fd);
  // A state folder that is a link is refused, not written through.
  fs::remove_all(work / "real/.site.tracker");
  fs::create_directories(work / "elsewhere");
  fs::create_directory_symlink("../elsewhere", work / "real/.site.tracker");
  Run refused = Tracker("build --source " + Quote(src) + " --out " + Quote((work / "link").string()));
  CHECK(refused.exit == 3);
  CHECK(Contains(refused.err, "is tracker's state folder"));
  CHECK(fs::is_empty(work / "elsewhere"));
}

TEST_CASE("a full disk stops the build with exit 3 and leaves the published site whole") {
  fs::path work = WorkDir("hostile-full-disk");
  fs::copy(Hostile(), work / "src", fs::copy_options::recursive);
  const std::string src = (work / "src").string(), site = (work / "site").string();
  REQUIRE(Tracker("build --quiet --source " + Quote(src) + " --out " + Quote(site)).exit == 0);
  const auto published = Tree(site);
  Write(work / "src/content/harmton/documents/long.md",
        "---\ntitle: Long\ntype: other\ndate: 2022-06-01\n---\n" + std::string(300000, 'x') + "\n");
  // Writes past 64 KB fail as on a full disk (EFBIG rather than ENOSPC, the
  // same path through the code), for the build and nothing else.
  const std::string cmd = "ulimit -f 64 && trap '' XFSZ && exec " + Quote(TRACKER_BINARY) + " build --source " +
                          Quote(src) + " --out " + Quote(site);
  Output o = Shell("bash -c " + Quote(cmd));
  CHECK(o.exit == 3);
  CHECK(Contains(o.text, "cannot write"));
  CHECK(Contains(o.text, "the previous site is unchanged"));
  CHECK(Tree(site) == published);
  // With room again, the next build is complete.
  REQUIRE(Tracker("build --quiet --source " + Quote(src) + " --out " + Quote(site)).exit == 0);
  CHECK(Contains(ReadFile(work / "site/harmton/documents/long.html"), std::string(1000, 'x')));
}
