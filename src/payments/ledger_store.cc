#include "payments/ledger_store.h"

#include <string_view>

namespace origine::payments {
namespace {

constexpr std::string_view kInsertEntry =
    "INSERT INTO ledger_entries (at, kind, intent_id, memo) VALUES (?, ?, ?, ?) RETURNING id";
constexpr std::string_view kInsertLine = "INSERT INTO ledger_lines (entry_id, account, amount_xof) VALUES (?, ?, ?)";
constexpr std::string_view kCountEntriesOfKind = "SELECT COUNT(*) FROM ledger_entries WHERE intent_id = ? AND kind = ?";
constexpr std::string_view kSelectBalances =
    "SELECT account, SUM(amount_xof) FROM ledger_lines GROUP BY account ORDER BY account";
constexpr std::string_view kSelectBalancesBefore =
    "SELECT l.account, SUM(l.amount_xof) FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id "
    "WHERE e.at < ? GROUP BY l.account ORDER BY l.account";
constexpr std::string_view kSelectUnbalanced =
    "SELECT e.id FROM ledger_entries e LEFT JOIN ledger_lines l ON l.entry_id = e.id "
    "GROUP BY e.id HAVING COALESCE(SUM(l.amount_xof), 0) <> 0 OR COUNT(l.id) < 2";
constexpr std::string_view kSelectEntriesPage =
    "SELECT e.id, e.at, e.kind, e.memo, COALESCE(p.reference, '') FROM ledger_entries e "
    "LEFT JOIN payment_intents p ON p.id = e.intent_id WHERE e.id < ? ORDER BY e.id DESC LIMIT ?";
constexpr std::string_view kSelectLinesBetween =
    "SELECT entry_id, account, amount_xof FROM ledger_lines WHERE entry_id BETWEEN ? AND ? ORDER BY entry_id, id";
constexpr std::string_view kSelectClearingMovements =
    "SELECT p.provider, p.regime, e.kind, COUNT(*), SUM(l.amount_xof) FROM ledger_entries e "
    "JOIN payment_intents p ON p.id = e.intent_id JOIN ledger_lines l ON l.entry_id = e.id "
    "WHERE e.at >= ? AND e.at < ? AND l.account = 'ProviderClearing:' || p.provider "
    "GROUP BY p.provider, p.regime, e.kind ORDER BY p.provider, p.regime, e.kind";

std::map<std::string, int64_t> Balances(const std::vector<storage::Row>& rows) {
  std::map<std::string, int64_t> out;
  for (const auto& r : rows) out[r.Text(0)] = r.Int(1);
  return out;
}

}  // namespace

Result<int64_t> InsertLedgerEntry(storage::Tx& tx, int64_t at, const std::string& kind,
                                  std::optional<int64_t> intent_id, const std::string& memo) {
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(kInsertEntry, {at, kind, intent_id ? storage::Value(*intent_id) : storage::Value(nullptr), memo}));
  return rows[0].Int(0);
}

Status InsertLedgerLine(storage::Tx& tx, int64_t entry_id, const std::string& account, int64_t amount_xof) {
  RETURN_IF_ERROR(tx.Exec(kInsertLine, {entry_id, account, amount_xof}));
  return {};
}

Result<bool> HasLedgerEntry(storage::Tx& tx, int64_t intent_id, const std::string& kind) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kCountEntriesOfKind, {intent_id, kind}));
  return rows[0].Int(0) > 0;
}

Result<std::map<std::string, int64_t>> LedgerBalances(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectBalances));
  return Balances(rows);
}

Result<std::map<std::string, int64_t>> LedgerBalancesBefore(storage::Tx& tx, int64_t before) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectBalancesBefore, {before}));
  return Balances(rows);
}

Result<std::vector<int64_t>> UnbalancedLedgerEntries(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectUnbalanced));
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

Result<std::vector<LedgerEntryRow>> LedgerEntriesPage(storage::Tx& tx, std::optional<int64_t> before_id,
                                                      int64_t limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectEntriesPage, {before_id ? *before_id : INT64_MAX, limit}));
  std::vector<LedgerEntryRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

Result<std::vector<LedgerLineRow>> LedgerLinesBetween(storage::Tx& tx, int64_t from_id, int64_t to_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectLinesBetween, {from_id, to_id}));
  std::vector<LedgerLineRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Int(2)});
  return out;
}

Result<std::vector<ClearingMovement>> ClearingMovements(storage::Tx& tx, int64_t from, int64_t to) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectClearingMovements, {from, to}));
  std::vector<ClearingMovement> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4)});
  return out;
}

}  // namespace origine::payments
