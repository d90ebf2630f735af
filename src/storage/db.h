// origine/storage/db.h — the storage contract every module writes through.
//
// A Db hands out transactions; a Tx runs parameterised SQL and commits, or
// rolls back when destroyed uncommitted (RAII). SQL is kept portable between
// SQLite and PostgreSQL: `?` placeholders (a PostgreSQL backend rewrites them to
// $n), `RETURNING`, `ON CONFLICT ... DO UPDATE`, INTEGER/TEXT/BLOB columns,
// times as Unix seconds in INTEGER columns. Values are never spliced into SQL.
//
//   ASSIGN_OR_RETURN(auto tx, db.Begin());
//   ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT id FROM users WHERE email = ?", {email}));
//   RETURN_IF_ERROR(tx->Commit());
//
// Thread-safety: a Db may be shared by threads; a Tx belongs to one thread.
// Failures come back as Error (kUnavailable "storage.busy" when the database
// is busy or gone, kConflict "storage.conflict" on a uniqueness violation,
// kInternal otherwise).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace origine::storage {

struct Blob {
  std::vector<uint8_t> bytes;
};

// A parameter or column value.
using Value = std::variant<std::nullptr_t, int64_t, std::string, Blob>;

// One result row; columns by position, in SELECT order.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::nullptr_t>(values_.at(i)); }
  // Each getter returns the column if it has that type; a NULL gives the
  // default (0, "", empty). Another type is a bug in the query (throws).
  int64_t Int(size_t i) const;
  const std::string& Text(size_t i) const;
  const std::vector<uint8_t>& Bytes(size_t i) const;

 private:
  std::vector<Value> values_;
};

using Params = std::vector<Value>;

class Tx {
 public:
  virtual ~Tx() = default;
  // Runs a statement that returns no rows; returns the number of rows changed.
  virtual Result<int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs a query (SELECT, or a statement with RETURNING); returns every row.
  virtual Result<std::vector<Row>> Query(std::string_view sql, const Params& params = {}) = 0;
  // Makes the changes durable. After Commit (successful or not) the Tx is spent.
  virtual Status Commit() = 0;
};

// One versioned schema migration; `sql` may hold several statements. Each
// module declares the migrations of the tables it owns (its schema.cc); the
// app concatenates every list (app/schema.h). The SQL is the portable dialect
// described above: INTEGER is a 64-bit integer, INTEGER PRIMARY KEY an
// auto-assigned 64-bit key, BLOB bytes; enumerations that grow (statuses,
// roles) are rows of a lookup table referenced by a FOREIGN KEY, never a CHECK
// (SQLite cannot alter a CHECK; a new value is an INSERT in a later migration).
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};
class Db {
 public:
  virtual ~Db() = default;
  // Starts a transaction. Write transactions take the database's write lock
  // up front (no upgrade deadlocks); read transactions see a snapshot.
  virtual Result<std::unique_ptr<Tx>> Begin(bool write = true) = 0;
  // Applies the migrations of `migrations` not yet recorded, in ascending
  // version order, each in its own transaction; returns the versions applied
  // now. The caller (the app) passes the full list of every module's
  // migrations (storage cannot depend on the modules above it). Duplicate
  // versions are a bug: kInvalidArgument, nothing applied. A database that
  // already holds a version absent from the list was made by another version
  // of Origine: kConflict "storage.unknown_migration", nothing applied.
  virtual Result<std::vector<int>> Migrate(const std::vector<Migration>& migrations) = 0;
  // True once the database answers queries (for /healthz).
  virtual bool Healthy() = 0;
};

}  // namespace origine::storage
