// What `tracker serve` answers, apart from the network: which file a
// request names (never one outside the site), its content type, the reload
// script put into served pages, and the page shown while the build fails.
// Pure: no files, no sockets. docs/serve.md describes the behaviour.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracker::serve {

// A request path, as the client sent it and already percent-decoded, made
// into a path relative to the site folder: "" for the root, "a/b.html".
// Nullopt, with the reason, for anything that could leave the folder or
// name something odd: "..", "." segments, backslashes, NUL and control
// characters, a path not starting with "/". A symlink is refused later,
// where the disk is read.
std::optional<std::string> SitePath(std::string_view decoded, std::string* why = nullptr);

// The content type for a file name, by its extension; text types say UTF-8.
const char* ContentType(std::string_view name);

// A built page as serve sends it: the reload script before </body>, with
// the generation it was served at, and the page's content security policy
// allowing scripts from this server only. The file on disk is unchanged.
std::string WithReload(std::string html, unsigned long generation);

// The script that waits for the next build and reloads the page.
std::string_view ReloadScript();

struct Problem {
  std::string path;
  int line = 0, column = 0;
  std::string severity;  // "error" or "warning"
  std::string message;
};

// The page every HTML request gets while the newest build has failed: each
// problem at its file, line and column, and the reload script, so the page
// comes back by itself once the sources are fixed.
std::string ErrorPage(const std::vector<Problem>& problems, const std::string& fatal, unsigned long generation);

}  // namespace tracker::serve
