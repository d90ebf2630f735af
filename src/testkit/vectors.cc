#include "testkit/vectors.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace origine::testkit {

std::filesystem::path RepoRoot() {
  const char* env = std::getenv("ORIGINE_SOURCE_DIR");
  if (env != nullptr && *env != '\0') return env;
  return std::filesystem::current_path();
}

std::optional<std::filesystem::path> SharedDir() {
  std::filesystem::path p = (RepoRoot() / ".." / "shared").lexically_normal();
  std::error_code ec;
  if (!std::filesystem::is_directory(p, ec)) return std::nullopt;
  return p;
}

std::optional<std::filesystem::path> VectorsDir() {
  auto shared = SharedDir();
  if (!shared) return std::nullopt;
  std::filesystem::path p = *shared / "vectors";
  std::error_code ec;
  if (!std::filesystem::is_directory(p, ec)) return std::nullopt;
  return p;
}

std::string ReadTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

boost::json::value ReadJsonFile(const std::filesystem::path& path) {
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(ReadTextFile(path), ec);
  if (ec) ADD_FAILURE() << path << ": " << ec.message();
  return v;
}

}  // namespace origine::testkit
