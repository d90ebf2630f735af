// origine/payments/ledger.h — the double-entry revenue ledger, whole XOF.
//
// An entry is a set of lines whose amounts (debit > 0, credit < 0) sum to
// zero; Post refuses anything else before writing. Accounts:
//   ProviderClearing:<provider>  money held by the provider for us (asset)
//   Revenue:CertificateFees      fees earned
//   Suspense:LateSuccess         money received after the intent expired (to refund)
//   FeeExpense                   provider fees (from statements)
//   Bank                         settlements received (asset)
// Refunds and reversals are new entries, never edits. One entry per
// (intent, kind) is enforced by a unique index: a payment is posted at most once.
// Thread-safety: functions run in the caller's transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/db.h"

namespace origine::payments {

struct LedgerLine {
  std::string account;
  int64_t amount_xof = 0;  // debit > 0, credit < 0
};

struct LedgerEntry {
  std::string kind;  // "payment", "late_payment", "refund", "provider_fee", "settlement"
  std::optional<int64_t> intent_id;
  std::string memo;
  std::vector<LedgerLine> lines;
};

// Checks the entry in code (>= 2 lines, no zero line, sum 0, no overflow):
// kInvalidArgument "ledger.too_few_lines", "ledger.zero_line",
// "ledger.no_account", "ledger.overflow" or "ledger.unbalanced".
Status CheckBalanced(const LedgerEntry& entry);
// Writes the entry (ledger_store.h); kInvalidArgument when unbalanced,
// kConflict "ledger.posted_already" when this (intent, kind) was posted
// already. Returns the entry id.
Result<int64_t> Post(storage::Tx& tx, const LedgerEntry& entry, int64_t now);
// Balance of every account (debit positive).
Result<std::map<std::string, int64_t>> Balances(storage::Tx& tx);
// Ids of entries whose lines do not sum to zero (always empty; checked by a query).
Result<std::vector<int64_t>> UnbalancedEntries(storage::Tx& tx);

std::string ClearingAccount(const std::string& provider);
inline constexpr const char* kRevenue = "Revenue:CertificateFees";
inline constexpr const char* kSuspense = "Suspense:LateSuccess";
inline constexpr const char* kFeeExpense = "FeeExpense";
inline constexpr const char* kBank = "Bank";

}  // namespace origine::payments
