#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace origine::http {
namespace {

std::optional<std::string> ReadFile(const std::filesystem::path& p) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool SafePath(const std::string& path) {
  if (path.empty() || path[0] != '/' || path.find('\0') != std::string::npos || path.find('\\') != std::string::npos)
    return false;
  size_t pos = 0;
  while (pos < path.size()) {
    size_t end = path.find('/', pos + 1);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(pos + 1, end - pos - 1);
    if (seg == ".." || seg == ".") return false;
    pos = end;
  }
  return true;
}

}  // namespace

std::string ContentTypeFor(const std::string& path) {
  auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".webmanifest") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool StaticFiles::Available() const {
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::path(root_) / "index.html", ec);
}

std::optional<Response> StaticFiles::Serve(const std::string& path) const {
  if (root_.empty() || !SafePath(path)) return std::nullopt;
  std::string rel = path == "/" ? "/index.html" : path;
  auto file = ReadFile(std::filesystem::path(root_) / rel.substr(1));
  std::string served = rel;
  if (!file) {
    if (std::filesystem::path(rel).has_extension()) return std::nullopt;
    file = ReadFile(std::filesystem::path(root_) / "index.html");
    served = "/index.html";
    if (!file) return std::nullopt;
  }
  Response r;
  r.content_type = ContentTypeFor(served);
  r.body = std::move(*file);
  if (served.rfind("/assets/", 0) == 0)
    r.AddHeader("Cache-Control", "public, max-age=31536000, immutable");
  else
    r.AddHeader("Cache-Control", "no-cache");
  return r;
}

}  // namespace origine::http
