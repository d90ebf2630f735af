// The pki module's tables (docs/ARCHITECTURE.md, "Tables and owners"). Key
// roles are rows of pki_key_roles, so a new kind of key (a list signer, a
// system signer) is an INSERT in a later migration.
#include "pki/schema.h"

namespace origine::pki {

const std::vector<storage::Migration>& PkiMigrations() {
  static const std::vector<storage::Migration> kMigrations = {
      {60, "pki: keys and trust-list versions", R"sql(
CREATE TABLE pki_key_roles (
  role TEXT PRIMARY KEY
);
INSERT INTO pki_key_roles (role) VALUES ('root'), ('signer');
CREATE TABLE pki_keys (
  kid TEXT PRIMARY KEY,
  role TEXT NOT NULL REFERENCES pki_key_roles(role),
  certificate BLOB NOT NULL,
  not_before INTEGER NOT NULL,
  not_after INTEGER NOT NULL,
  types TEXT NOT NULL,
  store TEXT NOT NULL,
  label TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'retired', 'revoked')),
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  revocation_reason TEXT
);
CREATE INDEX pki_keys_role_status ON pki_keys (role, status);
CREATE TABLE trust_list_versions (
  version INTEGER PRIMARY KEY,
  issued_at INTEGER NOT NULL,
  root_kid TEXT NOT NULL,
  document TEXT NOT NULL,
  payload_sha256 TEXT NOT NULL,
  log_index INTEGER NOT NULL
);
)sql"},
  };
  return kMigrations;
}

}  // namespace origine::pki
