// origine/payments/receipt_store.h — every statement on receipts and
// receipt_sequences: one receipt per paid intent, numbered without gaps per year.
//
// Thread-safety: stateless; the Tx belongs to the caller's thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "storage/db.h"

namespace origine::payments {

struct ReceiptRow {
  std::string number;  // "RC-2026-000042"
  int64_t intent_id = 0, issued_at = 0;
};

// The next number of `year` (1, 2, ...), taken in the caller's transaction:
// a rollback gives it back, so the numbers have no gap.
Result<int64_t> NextReceiptNumber(storage::Tx& tx, int64_t year);
// kConflict when the intent has a receipt already.
Status InsertReceipt(storage::Tx& tx, const ReceiptRow& receipt);
// The receipt of an intent, if it has one.
Result<std::optional<ReceiptRow>> FindReceipt(storage::Tx& tx, int64_t intent_id);

}  // namespace origine::payments
