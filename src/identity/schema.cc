// The identity module's tables (docs/ARCHITECTURE.md, "Tables and owners"):
// companies, users and their sessions. Roles and company statuses are rows of
// lookup tables (user_roles, company_statuses), so a new value is an INSERT in
// a later migration, on SQLite and PostgreSQL alike.
#include "identity/identity_service.h"

namespace origine::identity {

const std::vector<storage::Migration>& IdentityMigrations() {
  static const std::vector<storage::Migration> kMigrations = {
      {30, "identity: companies, roles, users, sessions", R"sql(
CREATE TABLE company_statuses (
  status TEXT PRIMARY KEY
);
INSERT INTO company_statuses (status) VALUES ('pending'), ('active'), ('suspended');
CREATE TABLE companies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  nif TEXT NOT NULL UNIQUE,
  rccm TEXT NOT NULL,
  address TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sector TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active' REFERENCES company_statuses(status)
);
CREATE TABLE user_roles (
  role TEXT PRIMARY KEY
);
INSERT INTO user_roles (role) VALUES ('exporter'), ('agent'), ('signatory'), ('admin'), ('auditor');
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL REFERENCES user_roles(role),
  company_id INTEGER REFERENCES companies(id),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  CHECK ((role = 'exporter') = (company_id IS NOT NULL))
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
)sql"},
  };
  return kMigrations;
}

}  // namespace origine::identity
