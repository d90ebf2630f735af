// The payments module's tables (docs/ARCHITECTURE.md, "Tables and owners"):
// intents, the callback inbox, the double-entry ledger, receipts and provider
// statements. Other modules' tables are read only through their interfaces.
#include "payments/payments.h"

namespace origine::payments {

const std::vector<storage::Migration>& PaymentsMigrations() {
  static const std::vector<storage::Migration> kMigrations = {
      {80, "payments: intents, inbox, ledger, receipts, statements", R"sql(
CREATE TABLE payment_intents (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  company_id INTEGER NOT NULL REFERENCES companies(id),
  regime TEXT NOT NULL,
  service TEXT NOT NULL,
  fee_code TEXT NOT NULL,
  provider TEXT NOT NULL,
  amount_xof INTEGER NOT NULL CHECK (amount_xof > 0),
  state TEXT NOT NULL,
  payer_msisdn TEXT,
  provider_ref TEXT,
  provider_txn TEXT,
  payment_url TEXT,
  notif_token TEXT,
  idempotency_key TEXT,
  review TEXT,
  last_error TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  next_poll_at INTEGER,
  poll_attempts INTEGER NOT NULL DEFAULT 0,
  refund_reference TEXT,
  refund_state TEXT,
  refund_reason TEXT,
  refund_provider_id TEXT,
  refund_requested_at INTEGER,
  refund_next_check_at INTEGER,
  refund_attempts INTEGER NOT NULL DEFAULT 0,
  UNIQUE (company_id, idempotency_key)
);
CREATE INDEX payment_intents_application ON payment_intents(application_id, id);
CREATE INDEX payment_intents_poll ON payment_intents(next_poll_at);
CREATE INDEX payment_intents_provider_ref ON payment_intents(provider, provider_ref);
CREATE INDEX payment_intents_state ON payment_intents(state, id);
CREATE UNIQUE INDEX payment_intents_refund_reference ON payment_intents(refund_reference)
  WHERE refund_reference IS NOT NULL;
CREATE INDEX payment_intents_refund_due ON payment_intents(refund_next_check_at)
  WHERE refund_next_check_at IS NOT NULL;

CREATE TABLE payment_inbox (
  id INTEGER PRIMARY KEY,
  provider TEXT NOT NULL,
  event_key TEXT NOT NULL,
  reference TEXT,
  received_at INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  raw_body BLOB NOT NULL,
  processed_at INTEGER,
  outcome TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  UNIQUE (provider, event_key)
);
CREATE INDEX payment_inbox_pending ON payment_inbox(processed_at, next_attempt_at);

CREATE TABLE ledger_entries (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  intent_id INTEGER REFERENCES payment_intents(id),
  memo TEXT NOT NULL
);
CREATE UNIQUE INDEX ledger_entries_once ON ledger_entries(intent_id, kind) WHERE intent_id IS NOT NULL;
CREATE TABLE ledger_lines (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES ledger_entries(id),
  account TEXT NOT NULL,
  amount_xof INTEGER NOT NULL CHECK (amount_xof <> 0)
);
CREATE INDEX ledger_lines_entry ON ledger_lines(entry_id);
CREATE INDEX ledger_lines_account ON ledger_lines(account);

CREATE TABLE receipt_sequences (
  year INTEGER PRIMARY KEY,
  last_value INTEGER NOT NULL
);
CREATE TABLE receipts (
  number TEXT PRIMARY KEY,
  intent_id INTEGER NOT NULL UNIQUE REFERENCES payment_intents(id),
  issued_at INTEGER NOT NULL
);

CREATE TABLE payment_statements (
  id INTEGER PRIMARY KEY,
  provider TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  imported_by INTEGER REFERENCES users(id),
  source TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  raw BLOB NOT NULL,
  UNIQUE (provider, sha256)
);
CREATE TABLE payment_statement_lines (
  id INTEGER PRIMARY KEY,
  statement_id INTEGER NOT NULL REFERENCES payment_statements(id),
  line_no INTEGER NOT NULL,
  provider_txn TEXT NOT NULL,
  reference TEXT NOT NULL,
  amount_xof INTEGER NOT NULL,
  fee_xof INTEGER NOT NULL,
  at INTEGER NOT NULL,
  class TEXT NOT NULL,
  detail TEXT NOT NULL,
  intent_id INTEGER REFERENCES payment_intents(id)
);
CREATE INDEX payment_statement_lines_statement ON payment_statement_lines(statement_id, line_no);
)sql"},
  };
  return kMigrations;
}

}  // namespace origine::payments
