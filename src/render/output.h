// What the render stage hands to publish: files, by path in the site.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace tracker {

// Part of a file joined from others: literal bytes, or a slice of a file
// already output in this build (so a large file made of others' rows need
// not be held in memory).
struct Piece {
  Piece(std::string literal) : bytes(std::move(literal)) {}
  Piece(std::string file, size_t at, size_t n) : from(std::move(file)), offset(at), length(n) {}
  std::string bytes;
  std::string from;  // when set, `length` bytes of this output from `offset`
  size_t offset = 0, length = 0;
};

struct OutputFile {
  OutputFile() = default;
  OutputFile(std::string p, std::string b) : path(std::move(p)), bytes(std::move(b)) {}
  std::string path;  // relative to the output folder, '/' separated
  std::string bytes;
  std::vector<Piece> pieces;  // when set, the file is these joined and `bytes` is unused
};

// Receives each file as soon as it is rendered, from any worker thread.
using FileSink = std::function<void(const OutputFile&)>;

}  // namespace tracker
