// The audit module's tables (docs/ARCHITECTURE.md, "Tables and owners").
// Every event is written with its place in the hash chain (prev_hash, hash);
// audit_chain.head is NULL only while the trail is empty.
#include "audit/audit.h"

namespace origine::audit {

const std::vector<storage::Migration>& AuditMigrations() {
  static const std::vector<storage::Migration> kMigrations = {
      {10, "audit: events and their hash chain", R"sql(
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id INTEGER,
  actor_role TEXT,
  company_id INTEGER,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  details TEXT NOT NULL,
  request_id TEXT,
  ip TEXT,
  user_agent TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_events_object ON audit_events(object_type, object_id);
CREATE INDEX audit_events_at ON audit_events(at);
CREATE INDEX audit_events_action ON audit_events(action, at);
CREATE INDEX audit_events_actor ON audit_events(actor_id, at);
CREATE TABLE audit_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_id INTEGER NOT NULL,
  head TEXT
);
INSERT INTO audit_chain (id, last_id, head) VALUES (1, 0, NULL);
)sql"},
  };
  return kMigrations;
}

}  // namespace origine::audit
