#include "origin/internal/load_util.h"

#include <fstream>
#include <iterator>

namespace origine::origin::internal {

void ErrorList::Add(int64_t line, std::string problem) {
  if (Full()) return;
  errors_.push_back({file_ + ":" + std::to_string(line),
                     "regime.syntax"_code,
                     std::move(problem),
                     {{"file", file_}, {"line", std::to_string(line)}}});
}

void ErrorList::Absorb(const Error& other) {
  if (other.fields.empty()) {
    if (!Full()) errors_.push_back({file_, "regime.syntax"_code, other.message, {{"file", file_}}});
    return;
  }
  for (const FieldError& f : other.fields) {
    if (Full()) return;
    errors_.push_back(f);
  }
}

Status ErrorList::ToStatus() const {
  if (errors_.empty()) return Status::Ok();
  std::string message = errors_.front().field + ": " + errors_.front().message;
  if (errors_.size() > 1) message += " (and " + std::to_string(errors_.size() - 1) + " more)";
  Error e = Error::Invalid("regime.syntax"_code, std::move(message), errors_);
  e.params = errors_.front().params;  // the first problem's file (and line)
  return e;
}

std::string Shown(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 40)) out.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
  if (text.size() > 40) out += "...";
  return out;
}

Result<std::string> ReadSmallFile(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::NotFound("regime.file_not_found"_code, path + ": cannot open the file").With("file", path);
  std::string text;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > max_bytes)
      return Error::Invalid("regime.file_too_large"_code,
                            path + ": larger than " + std::to_string(max_bytes) + " bytes")
          .With("file", path)
          .With("max", std::to_string(max_bytes));
  }
  if (in.bad()) return Error::Unavailable("regime.unreadable"_code, path + ": read error").With("file", path);
  return text;
}

}  // namespace origine::origin::internal
