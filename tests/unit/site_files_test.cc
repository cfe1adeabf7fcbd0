// What `tracker serve` answers, without a socket: the path a request may
// name, content types, the reload script's place, and the error page.
#include <doctest/doctest.h>

#include "serve/site_files.h"
#include "serve/watch.h"

using namespace tracker::serve;

TEST_CASE("serve: a request path becomes a path in the site, or is refused") {
  CHECK(*SitePath("/") == "");
  CHECK(*SitePath("/index.html") == "index.html");
  CHECK(*SitePath("/north-east-lincolnshire/") == "north-east-lincolnshire");
  CHECK(*SitePath("/a//b.html") == "a/b.html");
  CHECK(*SitePath("/a/..b/c..") == "a/..b/c..");  // dots inside a name are a name
  std::string why;
  for (const char* bad : {"", "index.html", "/..", "/../etc/passwd", "/a/../../b", "/a/./b", "/.", "/a\\..\\b",
                          "/a\x01", "/c:/windows", "http://host/x"}) {
    CAPTURE(bad);
    CHECK_FALSE(SitePath(bad, &why));
    CHECK_FALSE(why.empty());
  }
  // Decoded already: "%2e%2e" arrives as "..", and a NUL as a NUL.
  CHECK_FALSE(SitePath(std::string("/a\0b", 4)));
}

TEST_CASE("serve: content types by extension, text in UTF-8") {
  CHECK(std::string(ContentType("index.html")) == "text/html; charset=utf-8");
  CHECK(std::string(ContentType("tracker.css")) == "text/css; charset=utf-8");
  CHECK(std::string(ContentType("chart.svg")) == "image/svg+xml");
  CHECK(std::string(ContentType("all.csv")) == "text/csv; charset=utf-8");
  CHECK(std::string(ContentType("feed.xml")) == "application/xml");
  CHECK(std::string(ContentType("x.woff2")) == "font/woff2");
  CHECK(std::string(ContentType("README")) == "application/octet-stream");
}

TEST_CASE("serve: a served page gets the reload script and lets only this server's scripts run") {
  const std::string page =
      "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'; object-src 'none'\">"
      "</head><body><p>x</p></body></html>";
  const std::string served = WithReload(page, 7);
  CHECK(served.find("script-src 'self'; object-src 'none'") != std::string::npos);
  CHECK(served.find("script-src 'none'") == std::string::npos);
  CHECK(served.find("<script src=\"/__tracker/reload.js\" data-generation=\"7\"></script>\n</body>") != std::string::npos);
  CHECK(ReloadScript().find("/__tracker/wait?since=") != std::string_view::npos);
}

TEST_CASE("serve: the error page lists each problem at its place, escaped") {
  const std::string page = ErrorPage({{"content/a.md", 2, 1, "error", "unknown field '<b>'"},
                                      {"data/kpis.json", 5, 18, "warning", "files missing"}},
                                     "", 3);
  CHECK(page.find("1 problem stops the build") != std::string::npos);
  CHECK(page.find("<code>content/a.md:2:1: error</code><br>unknown field &apos;&lt;b&gt;&apos;") != std::string::npos);
  CHECK(page.find("<h2>Warnings</h2>") != std::string::npos);
  CHECK(page.find("data/kpis.json:5:18: warning") != std::string::npos);
  CHECK(page.find("data-generation=\"3\"") != std::string::npos);
  CHECK(page.find("<b>") == std::string::npos);
}

TEST_CASE("serve: editors' scratch files are not sources") {
  CHECK(IsSourceName("2024-01-31.json"));
  CHECK(IsSourceName("_authority.md"));
  for (const char* scratch : {".asye.md.swp", "asye.md~", "4913", "#asye.md#", ".#asye.md", "x.tmp"}) {
    CAPTURE(scratch);
    CHECK_FALSE(IsSourceName(scratch));
  }
}
