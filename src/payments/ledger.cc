#include "payments/ledger.h"

namespace origine::payments {

std::string ClearingAccount(const std::string& provider) { return "ProviderClearing:" + provider; }

Status CheckBalanced(const LedgerEntry& e) {
  if (e.lines.size() < 2) return Error::Invalid("a ledger entry needs at least two lines");
  int64_t sum = 0;
  for (const auto& l : e.lines) {
    if (l.amount_xof == 0) return Error::Invalid("a ledger line cannot be zero");
    if (l.account.empty()) return Error::Invalid("a ledger line needs an account");
    if (__builtin_add_overflow(sum, l.amount_xof, &sum)) return Error::Invalid("ledger amounts overflow");
  }
  if (sum != 0) return Error::Invalid("ledger entry does not balance (sum " + std::to_string(sum) + ")");
  return {};
}

Result<int64_t> Post(storage::Tx& tx, const LedgerEntry& e, int64_t now) {
  RETURN_IF_ERROR(CheckBalanced(e));
  auto ins = tx.Query("INSERT INTO ledger_entries (at, kind, intent_id, memo) VALUES (?, ?, ?, ?) RETURNING id",
                      {now, e.kind, e.intent_id ? storage::Value(*e.intent_id) : storage::Value(nullptr), e.memo});
  if (!ins) {
    if (ins.error().kind == ErrorKind::kConflict) return Error::Conflict("this " + e.kind + " is posted already");
    return ins.error();
  }
  const int64_t id = (*ins)[0].Int(0);
  for (const auto& l : e.lines)
    RETURN_IF_ERROR(tx.Exec("INSERT INTO ledger_lines (entry_id, account, amount_xof) VALUES (?, ?, ?)",
                            {id, l.account, l.amount_xof}));
  return id;
}

Result<std::map<std::string, int64_t>> Balances(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT account, SUM(amount_xof) FROM ledger_lines GROUP BY account ORDER BY account"));
  std::map<std::string, int64_t> out;
  for (const auto& r : rows) out[r.Text(0)] = r.Int(1);
  return out;
}

Result<std::vector<int64_t>> UnbalancedEntries(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT e.id FROM ledger_entries e LEFT JOIN ledger_lines l ON l.entry_id = e.id "
                            "GROUP BY e.id HAVING COALESCE(SUM(l.amount_xof), 0) <> 0 OR COUNT(l.id) < 2"));
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

}  // namespace origine::payments
