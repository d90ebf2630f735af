// origine/storage/sqlite_db.h — the embedded default backend (SQLite 3).
//
// Opens (creating if needed) the database file with WAL journaling,
// synchronous=FULL, foreign keys on and a busy timeout. Writers are
// serialised by BEGIN IMMEDIATE; readers use their own connections so they
// never wait for a writer (WAL snapshot isolation).
#pragma once

#include <memory>
#include <string>

#include "storage/db.h"

namespace origine::storage {

// Opens the database at `path` (":memory:" is refused: readers need a file).
// Fails with kUnavailable if the file cannot be opened or is not a database.
Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path);

}  // namespace origine::storage
