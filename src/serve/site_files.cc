#include "serve/site_files.h"

#include "escape.h"

namespace tracker::serve {

std::optional<std::string> SitePath(std::string_view p, std::string* why) {
  auto refuse = [&](const char* reason) -> std::optional<std::string> {
    if (why) *why = reason;
    return std::nullopt;
  };
  if (p.empty() || p[0] != '/') return refuse("the path does not start with /");
  std::string out;
  size_t i = 1;
  while (i <= p.size()) {
    size_t end = p.find('/', i);
    if (end == std::string_view::npos) end = p.size();
    std::string_view seg = p.substr(i, end - i);
    if (seg == "." || seg == "..") return refuse("the path has a . or .. segment");
    for (unsigned char c : seg)
      if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') return refuse("the path has a character no site file has");
    // An empty segment ("a//b", or the trailing "/") adds nothing.
    if (!seg.empty()) {
      if (!out.empty()) out += '/';
      out += seg;
    }
    i = end + 1;
  }
  return out;
}

const char* ContentType(std::string_view name) {
  static const struct {
    const char* ext;
    const char* type;
  } kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".csv", "text/csv; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".xml", "application/xml"},
      {".atom", "application/atom+xml"},
      {".txt", "text/plain; charset=utf-8"},
      {".pdf", "application/pdf"},
      {".webmanifest", "application/manifest+json"},
      {".xsd", "application/xml"},
  };
  for (const auto& t : kTypes) {
    const std::string_view ext = t.ext;
    if (name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext) return t.type;
  }
  return "application/octet-stream";
}

std::string_view ReloadScript() {
  return "// tracker serve: reloads this page when the site has been rebuilt.\n"
         "// Served only by `tracker serve`; never part of a built site.\n"
         "(function () {\n"
         "  var me = document.currentScript;\n"
         "  var seen = me ? me.getAttribute('data-generation') : '';\n"
         "  function wait() {\n"
         "    fetch('/__tracker/wait?since=' + encodeURIComponent(seen), {cache: 'no-store'})\n"
         "      .then(function (r) { return r.text(); })\n"
         "      .then(function (now) {\n"
         "        if (now !== seen) { location.reload(); return; }\n"
         "        wait();\n"
         "      })\n"
         "      .catch(function () { setTimeout(wait, 1000); });\n"
         "  }\n"
         "  wait();\n"
         "})();\n";
}

namespace {

std::string ScriptTag(unsigned long generation) {
  return "<script src=\"/__tracker/reload.js\" data-generation=\"" + std::to_string(generation) + "\"></script>\n";
}

}  // namespace

std::string WithReload(std::string html, unsigned long generation) {
  // The built page forbids every script; served here it may run this
  // server's own, and nothing else.
  const std::string_view none = "script-src 'none'";
  if (size_t at = html.find(none); at != std::string::npos) html.replace(at, none.size(), "script-src 'self'");
  const size_t body = html.rfind("</body>");
  html.insert(body == std::string::npos ? html.size() : body, ScriptTag(generation));
  return html;
}

std::string ErrorPage(const std::vector<Problem>& problems, const std::string& fatal, unsigned long generation) {
  size_t errors = 0;
  for (const auto& p : problems) errors += p.severity == "error";
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'; object-src 'none'; base-uri 'none'\">\n"
      "<title>Build failed – tracker serve</title>\n<style>\n"
      "body{font-family:Arial,\"Liberation Sans\",sans-serif;margin:0;color:#0b0c0c;background:#fff;line-height:1.4}\n"
      "main{max-width:960px;margin:0 auto;padding:24px 16px}\n"
      "h1{font-size:2rem;margin:0 0 16px}\n"
      ".summary{border:5px solid #d4351c;padding:16px 20px;margin:0 0 24px}\n"
      ".summary h2{margin:0 0 12px;font-size:1.5rem}\n"
      "ol{padding-left:20px;margin:0}li{margin:0 0 12px;overflow-wrap:anywhere}\n"
      "code{font-family:\"Liberation Mono\",monospace;font-size:1rem;word-break:break-all}\n"
      ".error code{color:#d4351c;font-weight:bold}.warning code{color:#505a5f;font-weight:bold}\n"
      "p.hint{color:#505a5f}\n"
      "</style>\n</head>\n<body>\n<main>\n<h1>The site could not be rebuilt</h1>\n"
      "<div class=\"summary\" role=\"alert\">\n<h2>";
  h += errors == 1 ? "1 problem stops the build" : std::to_string(errors) + " problems stop the build";
  h += "</h2>\n";
  if (!fatal.empty()) {
    h += "<p>";
    AppendEscaped(&h, fatal);
    h += "</p>\n";
  }
  h += "<ol>\n";
  auto item = [&](const Problem& p) {
    h += "<li class=\"" + std::string(p.severity == "error" ? "error" : "warning") + "\"><code>";
    AppendEscaped(&h, p.path);
    if (p.line) h += ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
    h += ": " + std::string(p.severity == "error" ? "error" : "warning") + "</code><br>";
    AppendEscaped(&h, p.message);
    h += "</li>\n";
  };
  for (const auto& p : problems)
    if (p.severity == "error") item(p);
  h += "</ol>\n</div>\n";
  if (problems.size() > errors) {
    h += "<h2>Warnings</h2>\n<ol>\n";
    for (const auto& p : problems)
      if (p.severity != "error") item(p);
    h += "</ol>\n";
  }
  h += "<p class=\"hint\">The last site that built is unchanged on disk. This page reloads by itself when the "
       "sources are fixed; the terminal running <code>tracker serve</code> shows the same problems.</p>\n"
       "</main>\n";
  h += ScriptTag(generation);
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace tracker::serve
