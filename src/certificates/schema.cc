// The certificates module's tables (docs/ARCHITECTURE.md, "Tables and
// owners"). Application statuses are rows of application_statuses, one per
// ApplicationStatus, so a new state is an INSERT in a later migration, on
// SQLite and PostgreSQL alike (a test checks the rows against the enum).
// applications.predecessor names a certificate but has no FOREIGN KEY: the two
// tables refer to each other and SQLite cannot add a constraint afterwards.
#include "certificates/schema.h"

namespace origine::certificates {

const std::vector<storage::Migration>& CertificateMigrations() {
  static const std::vector<storage::Migration> kMigrations = {
      {70, "certificates: applications, their events, numbering, certificates", R"sql(
CREATE TABLE application_statuses (
  status TEXT PRIMARY KEY
);
INSERT INTO application_statuses (status)
  VALUES ('draft'), ('awaiting_payment'), ('submitted'), ('returned'), ('approved'), ('issued');
CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  status TEXT NOT NULL REFERENCES application_statuses(status),
  regime TEXT NOT NULL,
  data TEXT NOT NULL,
  review_comment TEXT,
  approved_by INTEGER REFERENCES users(id),
  certificate_number TEXT UNIQUE,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  kind TEXT NOT NULL DEFAULT 'issue' CHECK (kind IN ('issue', 'amendment', 'duplicate')),
  predecessor TEXT
);
CREATE INDEX applications_company ON applications(company_id, updated_at);
CREATE INDEX applications_status ON applications(status, updated_at);
CREATE INDEX applications_updated ON applications(updated_at, id);
CREATE INDEX applications_predecessor ON applications(predecessor);
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
  signed_by INTEGER NOT NULL REFERENCES users(id),
  log_index INTEGER,
  revoked_at INTEGER,
  revoked_by INTEGER REFERENCES users(id),
  revocation_reason TEXT,
  successor TEXT REFERENCES certificates(number),
  replaced_at INTEGER
);
CREATE INDEX certificates_company ON certificates(company_id, issued_at);
CREATE INDEX certificates_issued ON certificates(issued_at, number);
CREATE UNIQUE INDEX certificates_log_index ON certificates(log_index);
)sql"},
  };
  return kMigrations;
}

}  // namespace origine::certificates
