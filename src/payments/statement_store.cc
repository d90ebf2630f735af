#include "payments/statement_store.h"

#include <string_view>

namespace origine::payments {
namespace {

constexpr std::string_view kInsertStatement =
    "INSERT INTO payment_statements (provider, imported_at, imported_by, source, sha256, raw) "
    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kInsertStatementLine =
    "INSERT INTO payment_statement_lines (statement_id, line_no, provider_txn, reference, amount_xof, fee_xof, at, "
    "class, detail, intent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectStatements =
    "SELECT s.id, s.provider, s.imported_at, s.source, "
    "(SELECT COUNT(*) FROM payment_statement_lines l WHERE l.statement_id = s.id), "
    "(SELECT COUNT(*) FROM payment_statement_lines l WHERE l.statement_id = s.id AND l.class <> 'matched') "
    "FROM payment_statements s ORDER BY s.id DESC LIMIT ?";
constexpr std::string_view kSelectStatement =
    "SELECT id, provider, imported_at, source FROM payment_statements WHERE id = ?";
constexpr std::string_view kSelectStatementLines =
    "SELECT line_no, provider_txn, reference, amount_xof, fee_xof, at, class, detail "
    "FROM payment_statement_lines WHERE statement_id = ? ORDER BY id";
constexpr std::string_view kSelectPaymentsForStatement =
    "SELECT p.id, p.reference, p.state, p.amount_xof, "
    "EXISTS (SELECT 1 FROM ledger_entries e WHERE e.intent_id = p.id AND e.kind IN ('payment', 'late_payment') "
    "AND e.at >= ? AND e.at < ?) FROM payment_intents p WHERE p.provider = ? AND (p.state IN "
    "('succeeded', 'late_success', 'refund_pending', 'refunded') OR p.id IN (SELECT intent_id FROM "
    "ledger_entries WHERE intent_id IS NOT NULL))";
constexpr std::string_view kSelectPaymentsWithReference =
    "SELECT id, reference, state, amount_xof FROM payment_intents WHERE provider = ? AND reference = ?";

}  // namespace

Result<int64_t> InsertStatement(storage::Tx& tx, const NewStatement& s) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(kInsertStatement, {s.provider, s.imported_at, s.imported_by, s.source, s.sha256,
                                               storage::Blob{std::vector<uint8_t>(s.raw.begin(), s.raw.end())}}));
  return rows[0].Int(0);
}

Status InsertStatementLine(storage::Tx& tx, int64_t statement_id, const Classified& c) {
  RETURN_IF_ERROR(
      tx.Exec(kInsertStatementLine, {statement_id, static_cast<int64_t>(c.line.line_no), c.line.provider_txn,
                                     c.line.reference, c.line.amount_xof, c.line.fee_xof, c.line.at, c.cls, c.detail,
                                     c.intent_id ? storage::Value(c.intent_id) : storage::Value(nullptr)}));
  return {};
}

Result<std::vector<StatementRow>> ListStatements(storage::Tx& tx, int64_t limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectStatements, {limit}));
  std::vector<StatementRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Int(4), r.Int(5)});
  return out;
}

Result<std::optional<StatementRow>> FindStatement(storage::Tx& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectStatement, {id}));
  if (rows.empty()) return std::optional<StatementRow>();
  return std::optional<StatementRow>(StatementRow{rows[0].Int(0), rows[0].Text(1), rows[0].Int(2), rows[0].Text(3)});
}

Result<std::vector<StatementLineRow>> StatementLines(storage::Tx& tx, int64_t statement_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectStatementLines, {statement_id}));
  std::vector<StatementLineRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows)
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4), r.Int(5), r.Text(6), r.Text(7)});
  return out;
}

Result<std::vector<OurPayment>> PaymentsForStatement(storage::Tx& tx, const std::string& provider, int64_t day) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectPaymentsForStatement, {day, day + 86400, provider}));
  std::vector<OurPayment> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4) != 0});
  return out;
}

Result<std::vector<OurPayment>> PaymentsWithReference(storage::Tx& tx, const std::string& provider,
                                                      const std::string& reference) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectPaymentsWithReference, {provider, reference}));
  std::vector<OurPayment> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3), false});
  return out;
}

}  // namespace origine::payments
