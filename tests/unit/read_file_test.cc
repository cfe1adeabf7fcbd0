#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "read_file.h"

using namespace tracker;
namespace fs = std::filesystem;

namespace {
fs::path Scratch(const std::string& name, const std::string& bytes) {
  fs::path dir = fs::temp_directory_path() / "tracker-read-file-test";
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}
}  // namespace

TEST_CASE("a whole file is read, small or large, empty or not") {
  std::string out = "left over";
  CHECK(ReadWholeFile(Scratch("empty", ""), &out));
  CHECK(out.empty());
  for (size_t size : {size_t{1}, size_t{4096}, size_t{64 * 1024 - 1}, size_t{64 * 1024}, size_t{64 * 1024 + 1},
                      size_t{3 * 1024 * 1024 + 17}}) {
    std::string bytes(size, '\0');
    for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>('a' + i * 7 % 26);
    REQUIRE(ReadWholeFile(Scratch("f" + std::to_string(size), bytes), &out));
    CHECK(out.size() == size);
    CHECK(out == bytes);
  }
}

TEST_CASE("a file that cannot be opened is reported, with nothing read") {
  std::string out = "left over";
  CHECK_FALSE(ReadWholeFile(fs::temp_directory_path() / "tracker-read-file-test" / "missing", &out));
  CHECK(out.empty());
}

TEST_CASE("a link is not followed, a pipe does not block, and a limit is kept") {
  const fs::path file = Scratch("target", "bytes");
  const fs::path link = file.parent_path() / "link";
  fs::remove(link);
  fs::create_symlink(file, link);
  std::string out;
  CHECK(ReadRegularFile(link, &out) == ReadFailure::kSymlink);
  const fs::path pipe = file.parent_path() / "pipe";
  fs::remove(pipe);
  REQUIRE(::mkfifo(pipe.c_str(), 0644) == 0);
  CHECK(ReadRegularFile(pipe, &out) == ReadFailure::kNone);  // no writer: empty, at once
  CHECK(out.empty());
  CHECK(ReadRegularFile(file.parent_path(), &out) == ReadFailure::kNotAFile);
  CHECK(ReadRegularFile(Scratch("big", std::string(100000, 'x')), &out, 99999) == ReadFailure::kTooLarge);
  CHECK(ReadRegularFile(Scratch("small", std::string(100, 'x')), &out, 99) == ReadFailure::kTooLarge);
  CHECK(ReadRegularFile(Scratch("exact", std::string(100000, 'x')), &out, 100000) == ReadFailure::kNone);
  CHECK(out.size() == 100000);
}
