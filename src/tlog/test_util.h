// Test helpers for the tlog module (not part of the library).
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/db.h"
#include "testkit/testkit.h"
#include "tlog/merkle.h"

namespace origine::tlog::testing {

std::vector<uint8_t> B64(const boost::json::value& v);  // base64 string -> bytes (null -> empty)
std::vector<uint8_t> FromHex(std::string_view hex);
Hash HexHash(std::string_view hex);

// A fresh database (testkit::OpenDb: every migration) in a temporary
// directory, removed with the object.
class TempDb {
 public:
  TempDb();
  storage::Db& db() { return *db_; }
  void Reopen();  // closes and reopens the same file (a restart)

 private:
  testkit::TempDir dir_;
  std::unique_ptr<storage::Db> db_;
};

}  // namespace origine::tlog::testing
