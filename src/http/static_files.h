// origine/http/static_files.h — serves the built web app (web/dist).
//
// Paths containing ".." segments or NUL are refused. Unknown paths that do
// not look like files (no extension) fall back to index.html so the
// single-page app's History-API routes work. Hashed assets under /assets/
// are cached for a year; index.html is never cached. Files are read from disk
// on each request (the OS page cache keeps them hot).
// Thread-safety: immutable after construction.
#pragma once

#include <optional>
#include <string>

#include "http/message.h"

namespace origine::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // A response for GET `path`, or nullopt when neither the file nor the
  // fallback exists (the caller answers 404).
  std::optional<Response> Serve(const std::string& path) const;
  bool Available() const;

 private:
  std::string root_;
};

// Content type from the file extension ("application/octet-stream" if unknown).
std::string ContentTypeFor(const std::string& path);

}  // namespace origine::http
