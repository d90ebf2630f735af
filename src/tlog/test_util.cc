#include "tlog/test_util.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/encoding.h"
#include "storage/sqlite_db.h"

namespace origine::tlog::testing {

std::vector<uint8_t> B64(const boost::json::value& v) {
  if (v.is_null()) return {};
  auto r = encoding::FromBase64(std::string(v.as_string()));
  if (!r) {
    ADD_FAILURE() << "bad base64 in vector: " << v;
    return {};
  }
  return *r;
}

std::vector<uint8_t> FromHex(std::string_view hex) { return encoding::FromHex(hex).value(); }

Hash HexHash(std::string_view hex) { return HashFromBytes(FromHex(hex)).value(); }

TempDb::TempDb() : db_(testkit::OpenDb(dir_.path())) {
  if (!db_) throw std::runtime_error("cannot open the test database");
}

void TempDb::Reopen() {
  db_.reset();
  auto db = storage::OpenSqlite(dir_.File("t.db"));
  if (!db) throw std::runtime_error(db.error().message);
  db_ = std::move(*db);
}

}  // namespace origine::tlog::testing
