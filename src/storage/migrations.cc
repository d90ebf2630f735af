// Versioned schema migrations. Append only: never edit a released migration,
// add a new one. SQL stays portable between SQLite and PostgreSQL.
#include "storage/db.h"

namespace origine::storage {

const std::vector<Migration>& CoreMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "identity, applications, certificates, audit", R"sql(
CREATE TABLE companies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  nif TEXT NOT NULL UNIQUE,
  rccm TEXT NOT NULL,
  address TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('exporter', 'agent', 'signatory', 'admin', 'auditor')),
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
CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'issued')),
  regime TEXT NOT NULL,
  data TEXT NOT NULL,
  review_comment TEXT,
  approved_by INTEGER REFERENCES users(id),
  certificate_number TEXT UNIQUE,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX applications_company ON applications(company_id, updated_at);
CREATE INDEX applications_status ON applications(status, updated_at);
CREATE TABLE application_events (
  id INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  at INTEGER NOT NULL,
  actor_id INTEGER NOT NULL REFERENCES users(id),
  action TEXT NOT NULL,
  comment TEXT
);
CREATE INDEX application_events_app ON application_events(application_id, id);
CREATE TABLE certificate_sequences (
  issuer TEXT NOT NULL,
  regime TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_value INTEGER NOT NULL,
  PRIMARY KEY (issuer, regime, year)
);
CREATE TABLE certificates (
  number TEXT PRIMARY KEY,
  application_id INTEGER NOT NULL UNIQUE REFERENCES applications(id),
  company_id INTEGER NOT NULL REFERENCES companies(id),
  regime TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  document TEXT NOT NULL,
  document_sha256 TEXT NOT NULL,
  cose BLOB NOT NULL,
  qr TEXT NOT NULL,
  kid TEXT NOT NULL,
  signed_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX certificates_company ON certificates(company_id, issued_at);
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
  user_agent TEXT
);
CREATE INDEX audit_events_object ON audit_events(object_type, object_id);
)sql"},
      // Version 2 (the audit hash chain) is audit::AuditMigrations().
      {3, "certificate transparency-log index", R"sql(
ALTER TABLE certificates ADD COLUMN log_index INTEGER;
CREATE UNIQUE INDEX certificates_log_index ON certificates(log_index);
)sql"},
  };
  return kMigrations;
}

}  // namespace origine::storage
