// Test helpers for the tlog module (not part of the library).
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/db.h"
#include "tlog/merkle.h"

namespace origine::tlog::testing {

// ../shared/vectors relative to the repository root (the tests' working
// directory), or $ORIGINE_SOURCE_DIR/../shared/vectors; nullopt if absent.
std::optional<std::string> VectorsDir();
boost::json::value ReadJson(const std::string& path);
std::vector<uint8_t> B64(const boost::json::value& v);  // base64 string -> bytes (null -> empty)
std::vector<uint8_t> FromHex(std::string_view hex);
Hash HexHash(std::string_view hex);

// A fresh SQLite database in a temporary directory with the tlog migrations
// applied (removed with the object).
class TempDb {
 public:
  TempDb();
  ~TempDb();
  storage::Db& db() { return *db_; }
  void Reopen();  // closes and reopens the same file (a restart)
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::unique_ptr<storage::Db> db_;
};

}  // namespace origine::tlog::testing
