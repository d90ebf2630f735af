#include "storage/sqlite_db.h"

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <string>

namespace origine::storage {
namespace {

// One SQLite connection with its prepared-statement cache.
class Connection {
 public:
  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* db() const { return db_; }

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) {
      sqlite3_reset(it->second);
      sqlite3_clear_bindings(it->second);
      return it->second;
    }
    sqlite3_stmt* stmt = nullptr;
    int rc =
        sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return Error::Internal(std::string("SQL prepare failed: ") + sqlite3_errmsg(db_));
    cache_.emplace(std::string(sql), stmt);
    return stmt;
  }

  Status ExecScript(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "unknown error";
      sqlite3_free(err);
      return Error::Internal("SQL failed: " + m);
    }
    return {};
  }

 private:
  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

Error SqliteError(sqlite3* db, int rc) {
  std::string msg = sqlite3_errmsg(db);
  int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_FULL || primary == SQLITE_IOERR ||
      primary == SQLITE_CANTOPEN)
    return Error::Unavailable("storage.busy"_code, "database unavailable: " + msg);
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    return Error::Conflict("storage.conflict"_code, "already exists: " + msg);
  return Error::Internal("database error: " + msg);
}

Status Bind(sqlite3* db, sqlite3_stmt* stmt, const Params& params) {
  if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
    return Error::Internal("SQL parameter count mismatch");
  for (size_t i = 0; i < params.size(); ++i) {
    int idx = static_cast<int>(i) + 1;
    int rc = std::visit(
        [&](const auto& v) -> int {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::nullptr_t>)
            return sqlite3_bind_null(stmt, idx);
          else if constexpr (std::is_same_v<V, int64_t>)
            return sqlite3_bind_int64(stmt, idx, v);
          else if constexpr (std::is_same_v<V, std::string>)
            return sqlite3_bind_text64(stmt, idx, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
          else
            return sqlite3_bind_blob64(stmt, idx, v.bytes.data(), v.bytes.size(), SQLITE_STATIC);
        },
        params[i]);
    if (rc != SQLITE_OK) return SqliteError(db, rc);
  }
  return {};
}

class SqliteDb;

class SqliteTx final : public Tx {
 public:
  SqliteTx(SqliteDb* owner, std::unique_ptr<Connection> conn, std::unique_lock<std::mutex> write_lock)
      : owner_(owner), conn_(std::move(conn)), write_lock_(std::move(write_lock)) {}
  ~SqliteTx() override;

  Result<int64_t> Exec(std::string_view sql, const Params& params) override {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Start(sql, params));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) return SqliteError(conn_->db(), rc);
    return static_cast<int64_t>(sqlite3_changes64(conn_->db()));
  }

  Result<std::vector<Row>> Query(std::string_view sql, const Params& params) override {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Start(sql, params));
    std::vector<Row> rows;
    int rc;
    const int n = sqlite3_column_count(stmt);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<Value> values;
      values.reserve(n);
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER:
            values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_FLOAT:
            values.emplace_back(static_cast<int64_t>(sqlite3_column_double(stmt, c)));
            break;
          case SQLITE_TEXT:
            values.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                                            sqlite3_column_bytes(stmt, c)));
            break;
          case SQLITE_BLOB: {
            auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(stmt, c));
            values.emplace_back(Blob{std::vector<uint8_t>(p, p + sqlite3_column_bytes(stmt, c))});
            break;
          }
          default:
            values.emplace_back(nullptr);
        }
      }
      rows.emplace_back(std::move(values));
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) return SqliteError(conn_->db(), rc);
    return rows;
  }

  Status Commit() override {
    if (done_) return Error::Internal("transaction already finished");
    done_ = true;
    int rc = sqlite3_exec(conn_->db(), "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
      Error e = SqliteError(conn_->db(), rc);
      sqlite3_exec(conn_->db(), "ROLLBACK", nullptr, nullptr, nullptr);
      return e;
    }
    return {};
  }

 private:
  Result<sqlite3_stmt*> Start(std::string_view sql, const Params& params) {
    if (done_) return Error::Internal("transaction already finished");
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, conn_->Prepare(sql));
    RETURN_IF_ERROR(Bind(conn_->db(), stmt, params));
    return stmt;
  }

  SqliteDb* owner_;
  std::unique_ptr<Connection> conn_;
  std::unique_lock<std::mutex> write_lock_;
  bool done_ = false;
};

Result<std::unique_ptr<Connection>> OpenConnection(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto conn = std::make_unique<Connection>(raw);
  if (rc != SQLITE_OK)
    return Error::Unavailable("storage.unavailable"_code, "cannot open database " + path + ": " + sqlite3_errstr(rc));
  sqlite3_busy_timeout(raw, 5000);
  sqlite3_extended_result_codes(raw, 1);
  RETURN_IF_ERROR(conn->ExecScript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  return conn;
}

class SqliteDb final : public Db {
 public:
  explicit SqliteDb(std::string path) : path_(std::move(path)) {}

  Result<std::unique_ptr<Tx>> Begin(bool write) override {
    std::unique_lock<std::mutex> write_lock;
    if (write) write_lock = std::unique_lock<std::mutex>(write_mu_);
    ASSIGN_OR_RETURN(auto conn, Acquire());
    int rc = sqlite3_exec(conn->db(), write ? "BEGIN IMMEDIATE" : "BEGIN", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
      Error e = SqliteError(conn->db(), rc);
      Release(std::move(conn));
      return e;
    }
    return std::unique_ptr<Tx>(std::make_unique<SqliteTx>(this, std::move(conn), std::move(write_lock)));
  }

  Result<std::vector<int>> Migrate(const std::vector<Migration>& migrations) override {
    std::vector<Migration> sorted = migrations;
    std::sort(sorted.begin(), sorted.end(),
              [](const Migration& a, const Migration& b) { return a.version < b.version; });
    for (size_t i = 1; i < sorted.size(); ++i)
      if (sorted[i].version == sorted[i - 1].version)
        return Error::Invalid("storage.duplicate_migration"_code,
                              "duplicate migration version " + std::to_string(sorted[i].version));
    ASSIGN_OR_RETURN(auto conn, Acquire());
    std::vector<int> applied;
    Status st = MigrateOn(*conn, sorted, &applied);
    Release(std::move(conn));
    if (!st) return st.error();
    return applied;
  }

  bool Healthy() override {
    auto tx = Begin(false);
    if (!tx) return false;
    return (*tx)->Query("SELECT 1").ok();
  }

  void Release(std::unique_ptr<Connection> conn) {
    std::lock_guard<std::mutex> g(pool_mu_);
    if (pool_.size() < 8) pool_.push_back(std::move(conn));
  }

 private:
  Result<std::unique_ptr<Connection>> Acquire() {
    {
      std::lock_guard<std::mutex> g(pool_mu_);
      if (!pool_.empty()) {
        auto c = std::move(pool_.back());
        pool_.pop_back();
        return c;
      }
    }
    return OpenConnection(path_);
  }

  // A version recorded in the database but absent from `migrations` means the
  // database was made by another version of Origine: applying anything on top
  // of a schema we do not know could only damage it.
  static Status RefuseUnknownVersions(Connection& conn, const std::vector<Migration>& migrations) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(conn.db(), "SELECT version FROM schema_migrations ORDER BY version", -1, &stmt, nullptr) !=
        SQLITE_OK)
      return SqliteError(conn.db(), sqlite3_errcode(conn.db()));
    std::string unknown;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const int v = sqlite3_column_int(stmt, 0);
      if (std::none_of(migrations.begin(), migrations.end(), [v](const Migration& m) { return m.version == v; }))
        unknown += (unknown.empty() ? "" : ", ") + std::to_string(v);
    }
    sqlite3_finalize(stmt);
    if (unknown.empty()) return Status::Ok();
    return Error::Conflict("storage.unknown_migration"_code,
                           "the database holds migrations this program does not know (" + unknown +
                               "): it was made by another version of Origine. A development data directory from "
                               "before the schema was re-based (ADR 0058) must be deleted; never mix versions.")
        .With("versions", unknown);
  }

  Status MigrateOn(Connection& conn, const std::vector<Migration>& migrations, std::vector<int>* applied) {
    std::lock_guard<std::mutex> g(write_mu_);
    RETURN_IF_ERROR(
        conn.ExecScript("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                        "name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
    RETURN_IF_ERROR(RefuseUnknownVersions(conn, migrations));
    for (const Migration& m : migrations) {
      RETURN_IF_ERROR(conn.ExecScript("BEGIN IMMEDIATE"));
      sqlite3_stmt* stmt = nullptr;
      sqlite3_prepare_v2(conn.db(), "SELECT 1 FROM schema_migrations WHERE version = ?", -1, &stmt, nullptr);
      sqlite3_bind_int(stmt, 1, m.version);
      bool present = sqlite3_step(stmt) == SQLITE_ROW;
      sqlite3_finalize(stmt);
      if (present) {
        RETURN_IF_ERROR(conn.ExecScript("COMMIT"));
        continue;
      }
      std::string sql(m.sql);
      Status st = conn.ExecScript(sql.c_str());
      if (st) {
        sqlite3_prepare_v2(
            conn.db(), "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%s','now'))",
            -1, &stmt, nullptr);
        sqlite3_bind_int(stmt, 1, m.version);
        sqlite3_bind_text(stmt, 2, m.name.data(), static_cast<int>(m.name.size()), SQLITE_STATIC);
        int rc = sqlite3_step(stmt);
        sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE) st = SqliteError(conn.db(), rc);
      }
      if (st) st = conn.ExecScript("COMMIT");
      if (!st) {
        (void)conn.ExecScript("ROLLBACK");
        return Error::Internal("migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                               ") failed: " + st.error().message);
      }
      applied->push_back(m.version);
    }
    return {};
  }

  std::string path_;
  std::mutex write_mu_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> pool_;
};

SqliteTx::~SqliteTx() {
  if (!done_) sqlite3_exec(conn_->db(), "ROLLBACK", nullptr, nullptr, nullptr);
  owner_->Release(std::move(conn_));
}

}  // namespace

Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path) {
  if (path.empty() || path == ":memory:")
    return Error::Invalid("storage.path"_code, "a database file path is required");
  ASSIGN_OR_RETURN(auto conn, OpenConnection(path));
  auto db = std::make_unique<SqliteDb>(path);
  db->Release(std::move(conn));
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace origine::storage
