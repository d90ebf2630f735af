// The registry's tables (docs/ARCHITECTURE.md, "Tables and owners"):
// products, product approvals, approved-exporter statuses and the HS
// nomenclature (version 50, after identity's companies and users).
#include "registry/registry.h"

namespace origine::registry {

const std::vector<storage::Migration>& RegistryMigrations() {
  static const std::vector<storage::Migration> kMigrations = {
      {50, "registry: products, approvals, approved exporters, HS nomenclature", R"sql(
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  hs_code TEXT NOT NULL,
  producer TEXT NOT NULL,
  product_kind TEXT NOT NULL CHECK (product_kind IN ('industrial', 'unprocessed', 'handicraft')),
  wholly_obtained INTEGER NOT NULL DEFAULT 0,
  ex_works_xof INTEGER,
  materials TEXT NOT NULL,
  processes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX products_company ON products(company_id, id);
CREATE TABLE product_approvals (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  regime TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('requested', 'granted', 'refused')),
  number TEXT,
  valid_from TEXT,
  valid_until TEXT,
  comment TEXT,
  requested_by INTEGER NOT NULL REFERENCES users(id),
  requested_at INTEGER NOT NULL,
  decided_by INTEGER REFERENCES users(id),
  decided_at INTEGER
);
CREATE INDEX product_approvals_product ON product_approvals(product_id, id);
CREATE INDEX product_approvals_status ON product_approvals(status, id);
CREATE TABLE company_approvals (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  regime TEXT NOT NULL,
  number TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
  comment TEXT NOT NULL,
  granted_by INTEGER NOT NULL REFERENCES users(id),
  granted_at INTEGER NOT NULL,
  revoked_by INTEGER REFERENCES users(id),
  revoked_at INTEGER,
  revoke_comment TEXT
);
CREATE INDEX company_approvals_company ON company_approvals(company_id, regime, id);
CREATE TABLE hs_codes (
  lang TEXT NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  folded TEXT NOT NULL,
  level INTEGER NOT NULL,
  parent TEXT NOT NULL,
  section TEXT NOT NULL,
  PRIMARY KEY (lang, code)
);
CREATE INDEX hs_codes_level ON hs_codes(lang, level, code);
CREATE TABLE hs_tokens (
  lang TEXT NOT NULL,
  token TEXT NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (lang, token, code)
);
CREATE INDEX hs_tokens_code ON hs_tokens(lang, code);
)sql"},
  };
  return kMigrations;
}

}  // namespace origine::registry
