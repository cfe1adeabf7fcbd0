#include <doctest/doctest.h>

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
