// origine/payments/statement_store.h — every statement on payment_statements
// and payment_statement_lines (imported provider statements and the class of
// each line), and the reconciliation's view of our own payments.
//
// Thread-safety: stateless; the Tx belongs to the caller's thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "payments/classify.h"
#include "storage/db.h"

namespace origine::payments {

struct NewStatement {
  std::string provider;
  int64_t imported_at = 0, imported_by = 0;
  std::string source;  // "upload:2026-11-27", "api:2026-11-27"
  std::string sha256, raw;
};

struct StatementRow {
  int64_t id = 0;
  std::string provider;
  int64_t imported_at = 0;
  std::string source;
  int64_t lines = 0, exceptions = 0;  // lines, and lines not matched
};

struct StatementLineRow {
  int64_t line_no = 0;
  std::string provider_txn, reference;
  int64_t amount_xof = 0, fee_xof = 0, at = 0;
  std::string cls, detail;
};

// Stores a statement; kConflict when this provider's file (same SHA-256) was imported already.
Result<int64_t> InsertStatement(storage::Tx& tx, const NewStatement& statement);
Status InsertStatementLine(storage::Tx& tx, int64_t statement_id, const Classified& line);
// The latest statements, newest first, at most `limit`.
Result<std::vector<StatementRow>> ListStatements(storage::Tx& tx, int64_t limit);
// One statement (lines and exceptions not counted); nullopt when absent.
Result<std::optional<StatementRow>> FindStatement(storage::Tx& tx, int64_t id);
Result<std::vector<StatementLineRow>> StatementLines(storage::Tx& tx, int64_t statement_id);

// Our side of a statement of `provider` for the day [day, day + 86400):
// every intent of that provider that was paid (or posted to the ledger), with
// whether its success was posted that day.
Result<std::vector<OurPayment>> PaymentsForStatement(storage::Tx& tx, const std::string& provider, int64_t day);
// The intents of `provider` with our reference `reference` (paid or not).
Result<std::vector<OurPayment>> PaymentsWithReference(storage::Tx& tx, const std::string& provider,
                                                      const std::string& reference);

}  // namespace origine::payments
