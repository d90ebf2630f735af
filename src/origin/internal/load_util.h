// origine/origin/internal/load_util.h — errors that name "file:line: problem",
// and bounded file reading, for the regime and PSR loaders.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace origine::origin::internal {

// Collects located errors; the first becomes the Error message, all of them
// become FieldErrors (field = "file:line", message = problem). Capped at 50 so
// a hostile file cannot make the report grow without bound.
class ErrorList {
 public:
  explicit ErrorList(std::string file) : file_(std::move(file)) {}
  void Add(int64_t line, std::string problem);
  bool empty() const { return errors_.empty(); }
  bool Full() const { return errors_.size() >= kMax; }
  const std::string& file() const { return file_; }
  // Moves errors of `other` (another file) into this list.
  void Absorb(const Error& other);
  Status ToStatus() const;

 private:
  static constexpr size_t kMax = 50;
  std::string file_;
  std::vector<FieldError> errors_;
};

// User text quoted in a message: at most 40 characters, control bytes as '?'.
std::string Shown(std::string_view text);

// Reads a whole file of at most max_bytes. kNotFound if it cannot be opened,
// kInvalidArgument if it is larger.
Result<std::string> ReadSmallFile(const std::string& path, size_t max_bytes);

}  // namespace origine::origin::internal
