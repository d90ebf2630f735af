#include "payments/ledger.h"

#include "payments/ledger_store.h"

namespace origine::payments {

std::string ClearingAccount(const std::string& provider) { return "ProviderClearing:" + provider; }

Status CheckBalanced(const LedgerEntry& e) {
  if (e.lines.size() < 2) return Error::Invalid("ledger.too_few_lines"_code, "a ledger entry needs at least two lines");
  int64_t sum = 0;
  for (const auto& l : e.lines) {
    if (l.amount_xof == 0) return Error::Invalid("ledger.zero_line"_code, "a ledger line cannot be zero");
    if (l.account.empty()) return Error::Invalid("ledger.no_account"_code, "a ledger line needs an account");
    if (__builtin_add_overflow(sum, l.amount_xof, &sum))
      return Error::Invalid("ledger.overflow"_code, "ledger amounts overflow");
  }
  if (sum != 0)
    return Error::Invalid("ledger.unbalanced"_code, "ledger entry does not balance (sum " + std::to_string(sum) + ")")
        .With("sum", std::to_string(sum));
  return {};
}

Result<int64_t> Post(storage::Tx& tx, const LedgerEntry& e, int64_t now) {
  RETURN_IF_ERROR(CheckBalanced(e));
  auto id = InsertLedgerEntry(tx, now, e.kind, e.intent_id, e.memo);
  if (!id) {
    if (id.error().kind == ErrorKind::kConflict)
      return Error::Conflict("ledger.posted_already"_code, "this " + e.kind + " is posted already")
          .With("kind", e.kind);
    return id.error();
  }
  for (const auto& l : e.lines) RETURN_IF_ERROR(InsertLedgerLine(tx, *id, l.account, l.amount_xof));
  return *id;
}

Result<std::map<std::string, int64_t>> Balances(storage::Tx& tx) { return LedgerBalances(tx); }

Result<std::vector<int64_t>> UnbalancedEntries(storage::Tx& tx) { return UnbalancedLedgerEntries(tx); }

}  // namespace origine::payments
