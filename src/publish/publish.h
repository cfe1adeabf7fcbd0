// The only code that writes the site. The new site is written into a hidden
// folder beside the output and swapped in with one rename when complete, so
// a failed or killed build leaves the published site as it was.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "render/render_site.h"

namespace tracker {

// Marks a folder as made by tracker, so a build never replaces anything else.
inline constexpr const char* kSiteMarker = ".tracker-site";

// True when `rel` is a plain relative path that stays inside its folder.
bool IsSafeOutputPath(const std::string& rel);

// Writes `files` to `out` atomically. On failure returns false, says why in
// *error, and leaves `out` untouched.
bool PublishSite(const std::filesystem::path& out, const std::vector<OutputFile>& files,
                 std::string* error);

}  // namespace tracker
