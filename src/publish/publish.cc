#include "publish/publish.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "load/fingerprint.h"

namespace tracker {

namespace fs = std::filesystem;

bool IsSafeOutputPath(const std::string& rel) {
  if (rel.empty() || rel.front() == '/' || rel.back() == '/') return false;
  if (rel.find('\\') != std::string::npos || rel.find('\0') != std::string::npos) return false;
  size_t start = 0;
  for (;;) {
    size_t slash = rel.find('/', start);
    std::string part = rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

std::string ManifestToJson(const Manifest& m) {
  nlohmann::ordered_json j;
  j["tool"] = m.tool;
  j["inputs"] = m.inputs;
  j["options"] = m.options;
  j["groups"] = nlohmann::ordered_json::object();
  for (const auto& [g, fp] : m.groups) j["groups"][g] = fp;
  j["files"] = nlohmann::ordered_json::object();
  for (const auto& [path, e] : m.files) j["files"][path] = {{"hash", e.hash}, {"size", e.size}, {"group", e.group}};
  return j.dump(1) + "\n";
}

std::optional<Manifest> ManifestFromJson(const std::string& text) {
  try {
    auto j = nlohmann::json::parse(text);
    Manifest m;
    m.tool = j.at("tool").get<std::string>();
    m.inputs = j.at("inputs").get<std::string>();
    m.options = j.value("options", "");
    for (auto& [g, fp] : j.at("groups").items()) m.groups[g] = fp.get<std::string>();
    for (auto& [path, e] : j.at("files").items()) {
      if (!IsSafeOutputPath(path)) return std::nullopt;
      m.files[path] = {e.at("hash").get<std::string>(), e.at("size").get<size_t>(), e.at("group").get<std::string>()};
    }
    return m;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // a damaged manifest only costs a full rebuild
  }
}

namespace {

bool WriteFile(const fs::path& p, const std::string& bytes, std::string* error) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    *error = "cannot write " + p.string() + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

// Leftovers of builds that were killed before they could clean up.
void RemoveStaleStaging(const fs::path& parent, const std::string& prefix) {
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) == 0) fs::remove_all(it->path(), ec);
  }
}

}  // namespace

bool Publisher::Begin(const fs::path& out_in, std::string* error) {
  std::error_code ec;
  out_ = fs::absolute(out_in, ec).lexically_normal();
  if (out_.filename().empty()) out_ = out_.parent_path();
  const fs::path parent = out_.parent_path();
  fs::create_directories(parent, ec);
  if (ec) {
    *error = "cannot create " + parent.string() + ": " + ec.message();
    return false;
  }
  if (fs::exists(out_, ec)) {
    if (!fs::is_directory(out_, ec)) {
      *error = out_.string() + " exists and is not a folder; choose another --out";
      return false;
    }
    bool empty = fs::directory_iterator(out_, ec) == fs::directory_iterator();
    if (!empty && !fs::exists(out_ / kManifestName, ec)) {
      *error = "refusing to replace " + out_.string() +
               ": it is not empty and was not made by tracker; choose another --out or empty it";
      return false;
    }
    std::ifstream in(out_ / kManifestName, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (auto m = ManifestFromJson(ss.str())) {
      previous_ = *m;
      has_previous_ = true;
    }
  }
  // The sources cache belongs to the site it describes: it counts only
  // when it names the manifest's inputs.
  sources_cache_ = parent / ("." + out_.filename().string() + ".tracker-sources.json");
  if (has_previous_) {
    std::ifstream in(sources_cache_, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    try {
      auto j = nlohmann::json::parse(ss.str());
      if (j.at("inputs").get<std::string>() == previous_.inputs)
        for (auto& [path, stat] : j.at("sources").items()) previous_sources_[path] = stat.get<std::string>();
    } catch (const nlohmann::json::exception&) {
      // No cache, or a damaged one: the next build reads every source.
    }
  }
  const std::string prefix = "." + out_.filename().string() + ".tmp-";
  RemoveStaleStaging(parent, prefix);
  staging_ = parent / (prefix + std::to_string(::getpid()));
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec)) {
    *error = "cannot create " + staging_.string() + ": " + ec.message();
    return false;
  }
  open_ = true;
  return true;
}

void Publisher::Fail(const std::string& why) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!failed_) error_ = why;
  failed_ = true;
}

std::string Publisher::error() const {
  std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(mu_));
  return error_;
}

void Publisher::Record(const std::string& path, ManifestEntry entry) {
  std::lock_guard<std::mutex> lock(mu_);
  files_[path] = std::move(entry);
}

// Hard-links the previous site's file into the new one: same inode, same
// modification time. Falls back to a copy that keeps the time.
bool Publisher::LinkOld(const std::string& path) {
  fs::path from = out_ / path, to = staging_ / path;
  // Most folders exist already: try first, make the folder only on ENOENT.
  if (::link(from.c_str(), to.c_str()) == 0) return true;
  std::error_code ec;
  if (errno == ENOENT) {
    fs::create_directories(to.parent_path(), ec);
    if (::link(from.c_str(), to.c_str()) == 0) return true;
  }
  if (errno == ENOENT) return false;  // the old file is gone
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) return false;
  fs::last_write_time(to, fs::last_write_time(from, ec), ec);
  return true;
}

void Publisher::Write(const std::string& group, const OutputFile& f) {
  if (failed_) return;
  if (!IsSafeOutputPath(f.path)) {
    Fail("refusing to write outside the output folder: '" + f.path + "'");
    return;
  }
  ManifestEntry entry{HashBytes(f.bytes), f.bytes.size(), group};
  {
    // Already in the new site with these bytes (reused, then rendered).
    std::lock_guard<std::mutex> lock(mu_);
    auto done = files_.find(f.path);
    if (done != files_.end() && done->second.hash == entry.hash) return;
  }
  auto old = previous_.files.find(f.path);
  if (has_previous_ && old != previous_.files.end() && old->second.hash == entry.hash &&
      old->second.size == entry.size) {
    std::error_code ec;
    fs::remove(staging_ / f.path, ec);  // written once already this build
    if (LinkOld(f.path)) {
      ++unchanged_;
      Record(f.path, entry);
      return;
    }
  }
  std::error_code ec;
  fs::path target = staging_ / f.path;
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    Fail("cannot create " + target.parent_path().string() + ": " + ec.message());
    return;
  }
  fs::remove(target, ec);  // never write through a hard link to the old site
  std::string why;
  if (!WriteFile(target, f.bytes, &why)) {
    Fail(why);
    return;
  }
  ++written_;
  Record(f.path, entry);
}

bool Publisher::Reuse(const std::string& group) {
  if (!has_previous_ || failed_) return false;
  std::vector<std::pair<std::string, ManifestEntry>> mine;
  for (const auto& [path, e] : previous_.files)
    if (e.group == group) mine.emplace_back(path, e);
  if (mine.empty()) return false;
  for (const auto& [path, e] : mine) {
    struct stat st;
    if (::stat((out_ / path).c_str(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<size_t>(st.st_size) != e.size)
      return false;
  }
  for (const auto& [path, e] : mine) {
    if (!LinkOld(path)) {
      Fail("cannot reuse " + (out_ / path).string());
      return false;
    }
    ++unchanged_;
    Record(path, e);
  }
  return true;
}

bool Publisher::Commit(const std::string& inputs, const std::map<std::string, std::string>& groups,
                       const std::string& options, std::string* error) {
  if (failed_) {
    *error = error_;
    Abort();
    return false;
  }
  Manifest m;
  m.tool = std::string("tracker ") + TRACKER_VERSION;
  m.inputs = inputs;
  inputs_ = inputs;
  m.groups = groups;
  m.options = options;
  m.files = files_;
  for (const auto& [path, _] : previous_.files)
    if (!files_.count(path)) ++deleted_;
  std::string why;
  if (!WriteFile(staging_ / kManifestName, ManifestToJson(m), &why)) {
    *error = why;
    Abort();
    return false;
  }
  std::error_code ec;
  if (fs::exists(out_, ec)) {
    // One atomic exchange: readers see the old site or the new, never a mix.
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
      *error = "cannot swap the new site into " + out_.string() + ": " + std::strerror(errno);
      Abort();
      return false;
    }
    fs::remove_all(staging_, ec);  // now holds the previous site
  } else if (::rename(staging_.c_str(), out_.c_str()) != 0) {
    *error = "cannot move the new site to " + out_.string() + ": " + std::strerror(errno);
    Abort();
    return false;
  }
  open_ = false;
  return true;
}

void Publisher::Abort() {
  if (!open_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
  open_ = false;
}

void Publisher::RecordSources(const std::map<std::string, std::string>& sources) {
  nlohmann::ordered_json j;
  j["inputs"] = inputs_.empty() ? previous_.inputs : inputs_;
  j["sources"] = sources;
  std::string tmp = sources_cache_.string() + ".tmp", why;
  if (WriteFile(tmp, j.dump() + "\n", &why)) ::rename(tmp.c_str(), sources_cache_.c_str());
}

PublishStats Publisher::stats() const { return {written_, unchanged_, deleted_}; }

bool PublishSite(const fs::path& out, const std::vector<OutputFile>& files, std::string* error) {
  Publisher p;
  if (!p.Begin(out, error)) return false;
  for (const auto& f : files) p.Write("", f);
  return p.Commit("", {}, "", error);
}

}  // namespace tracker
