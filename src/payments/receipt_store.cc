#include "payments/receipt_store.h"

#include <string_view>

namespace origine::payments {
namespace {

constexpr std::string_view kNextReceiptNumber =
    "INSERT INTO receipt_sequences (year, last_value) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last_value = "
    "receipt_sequences.last_value + 1 RETURNING last_value";
constexpr std::string_view kInsertReceipt = "INSERT INTO receipts (number, intent_id, issued_at) VALUES (?, ?, ?)";
constexpr std::string_view kSelectReceipt = "SELECT number, intent_id, issued_at FROM receipts WHERE intent_id = ?";

}  // namespace

Result<int64_t> NextReceiptNumber(storage::Tx& tx, int64_t year) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kNextReceiptNumber, {year}));
  return rows[0].Int(0);
}

Status InsertReceipt(storage::Tx& tx, const ReceiptRow& r) {
  RETURN_IF_ERROR(tx.Exec(kInsertReceipt, {r.number, r.intent_id, r.issued_at}));
  return {};
}

Result<std::optional<ReceiptRow>> FindReceipt(storage::Tx& tx, int64_t intent_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectReceipt, {intent_id}));
  if (rows.empty()) return std::optional<ReceiptRow>();
  return std::optional<ReceiptRow>(ReceiptRow{rows[0].Text(0), rows[0].Int(1), rows[0].Int(2)});
}

}  // namespace origine::payments
