// `tracker new authority --official CODE|all`: an authority's _authority.md
// made from the DfE's files, with its name, codes and region as they give
// them and nothing else. Reads through load, writes only files that do not
// exist yet.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "model/official.h"

namespace tracker {

// A YAML double-quoted scalar, for the files tracker new writes.
std::string YamlQuoted(const std::string& s);

// Writes `text` to `file`, which must not exist yet (nor be a symlink):
// 0, or the errno that stopped it (EEXIST when the file is there).
int CreateNewFile(const std::filesystem::path& file, const std::string& text);

// The text of _authority.md for one area of `data`. Pure.
std::string AuthorityFileFor(const OfficialData& data, size_t area);

// The areas `codes` name (a three-digit or ONS code each, or "all": every
// authority with a figure, not a symbol, in the newest year of any official
// series; joint returns such as "314 / 318" are not authorities).
// Unknown codes go to `unknown`.
std::vector<size_t> AreasFor(const OfficialData& data, const std::vector<std::string>& codes,
                             std::vector<std::string>* unknown);

// The command: returns the exit status (build.h's ExitCode).
int RunNewAuthority(const std::filesystem::path& source, const std::vector<std::string>& codes, std::ostream& out,
                    std::ostream& err);

}  // namespace tracker
