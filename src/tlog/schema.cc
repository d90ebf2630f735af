// The transparency log's tables (docs/ARCHITECTURE.md, "Tables and owners").
// The kinds of leaf are rows of tlog_events (one per tlog::Event), so a new
// kind is an INSERT in a later migration, on SQLite and PostgreSQL alike.
#include "tlog/log.h"

namespace origine::tlog {

const std::vector<storage::Migration>& TlogMigrations() {
  static const std::vector<storage::Migration> kMigrations = {
      {20, "transparency log: leaves, tree nodes, size", R"sql(
CREATE TABLE tlog_events (
  event TEXT PRIMARY KEY
);
INSERT INTO tlog_events (event) VALUES ('issue'), ('amend'), ('revoke'), ('trust-list'), ('audit-anchor');
CREATE TABLE tlog_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL CHECK (size >= 0)
);
INSERT INTO tlog_state (id, size) VALUES (1, 0);
CREATE TABLE tlog_leaves (
  idx INTEGER PRIMARY KEY,
  leaf_hash BLOB NOT NULL,
  entry BLOB NOT NULL,
  event TEXT NOT NULL REFERENCES tlog_events(event),
  certificate_id TEXT NOT NULL,
  logged_at INTEGER NOT NULL
);
CREATE INDEX tlog_leaves_certificate ON tlog_leaves(certificate_id, idx);
CREATE TABLE tlog_nodes (
  id INTEGER PRIMARY KEY,
  hash BLOB NOT NULL
);
)sql"},
  };
  return kMigrations;
}

}  // namespace origine::tlog
