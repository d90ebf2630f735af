// origine/payments/ledger_store.h — every statement on ledger_entries and
// ledger_lines (the double-entry ledger, payments/ledger.h for its rules).
//
// Thread-safety: stateless; the Tx belongs to the caller's thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/db.h"

namespace origine::payments {

// Inserts an entry header; kConflict when this (intent, kind) exists already. Returns its id.
Result<int64_t> InsertLedgerEntry(storage::Tx& tx, int64_t at, const std::string& kind,
                                  std::optional<int64_t> intent_id, const std::string& memo);
Status InsertLedgerLine(storage::Tx& tx, int64_t entry_id, const std::string& account, int64_t amount_xof);
// True when an entry of `kind` was posted for the intent.
Result<bool> HasLedgerEntry(storage::Tx& tx, int64_t intent_id, const std::string& kind);

// Balance of every account (debit positive), over the whole ledger or over
// the entries dated before `before`.
Result<std::map<std::string, int64_t>> LedgerBalances(storage::Tx& tx);
Result<std::map<std::string, int64_t>> LedgerBalancesBefore(storage::Tx& tx, int64_t before);
// Ids of entries whose lines do not sum to zero or that have fewer than two lines.
Result<std::vector<int64_t>> UnbalancedLedgerEntries(storage::Tx& tx);

struct LedgerEntryRow {
  int64_t id = 0, at = 0;
  std::string kind, memo;
  std::string reference;  // of its intent; "" when none
};
struct LedgerLineRow {
  int64_t entry_id = 0;
  std::string account;
  int64_t amount_xof = 0;
};
// One page of entries, newest first: ids below `before_id` (nullopt = from the newest), at most `limit`.
Result<std::vector<LedgerEntryRow>> LedgerEntriesPage(storage::Tx& tx, std::optional<int64_t> before_id, int64_t limit);
// The lines of the entries with ids in [from_id, to_id], by entry then line.
Result<std::vector<LedgerLineRow>> LedgerLinesBetween(storage::Tx& tx, int64_t from_id, int64_t to_id);

// What the entries dated in [from, to) moved on the providers' clearing
// accounts, per provider, regime and entry kind.
struct ClearingMovement {
  std::string provider, regime, kind;
  int64_t count = 0, amount_xof = 0;
};
Result<std::vector<ClearingMovement>> ClearingMovements(storage::Tx& tx, int64_t from, int64_t to);

}  // namespace origine::payments
