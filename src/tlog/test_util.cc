#include "tlog/test_util.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/encoding.h"
#include "storage/sqlite_db.h"
#include "tlog/log.h"

namespace origine::tlog::testing {

std::optional<std::string> VectorsDir() {
  std::vector<std::string> candidates = {"../shared/vectors"};
  if (const char* src = std::getenv("ORIGINE_SOURCE_DIR"))
    candidates.push_back(std::string(src) + "/../shared/vectors");
  for (const auto& c : candidates)
    if (std::filesystem::exists(c + "/README.md")) return c;
  return std::nullopt;
}

boost::json::value ReadJson(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return boost::json::parse(ss.str());
}

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

namespace {
void ApplyTlogMigrations(storage::Db& db) {
  auto tx = db.Begin();
  ASSERT_TRUE(tx.ok()) << tx.error().message;
  for (const auto& m : TlogMigrations()) {
    std::string sql(m.sql);
    size_t pos = 0;
    while (true) {
      size_t end = sql.find(';', pos);
      std::string stmt = sql.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      if (stmt.find_first_not_of(" \n\t") != std::string::npos) {
        auto r = (*tx)->Exec(stmt);
        ASSERT_TRUE(r.ok()) << r.error().message << " in " << stmt;
      }
      if (end == std::string::npos) break;
      pos = end + 1;
    }
  }
  ASSERT_TRUE((*tx)->Commit().ok());
}
}  // namespace

TempDb::TempDb() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tlog-test.XXXXXX").string();
  char* d = mkdtemp(tmpl.data());
  if (d == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = d;
  auto db = storage::OpenSqlite(dir_ + "/test.db");
  if (!db) throw std::runtime_error(db.error().message);
  db_ = std::move(*db);
  ApplyTlogMigrations(*db_);
}

void TempDb::Reopen() {
  db_.reset();
  auto db = storage::OpenSqlite(dir_ + "/test.db");
  if (!db) throw std::runtime_error(db.error().message);
  db_ = std::move(*db);
}

TempDb::~TempDb() {
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace origine::tlog::testing
