#include "payments/inbox_store.h"

#include <string_view>

namespace origine::payments {
namespace {

constexpr std::string_view kInsertInboxEvent =
    "INSERT INTO payment_inbox (provider, event_key, reference, received_at, content_type, raw_body, "
    "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider, event_key) DO NOTHING";
constexpr std::string_view kSetInboxReference =
    "UPDATE payment_inbox SET reference = ? WHERE provider = ? AND event_key = ?";
constexpr std::string_view kSelectInboxDue =
    "SELECT id, provider, COALESCE(reference, ''), attempts FROM payment_inbox WHERE processed_at IS NULL AND "
    "next_attempt_at <= ? ORDER BY id LIMIT ?";
constexpr std::string_view kMarkInboxProcessed = "UPDATE payment_inbox SET processed_at = ?, outcome = ? WHERE id = ?";
constexpr std::string_view kRetryInboxLater =
    "UPDATE payment_inbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?";
constexpr std::string_view kParkInboxEvent =
    "UPDATE payment_inbox SET attempts = attempts + 1, next_attempt_at = ?, processed_at = ?, outcome = ? WHERE id = ?";

storage::Value Text(const std::string& s) { return s.empty() ? storage::Value(nullptr) : storage::Value(s); }

}  // namespace

Result<bool> InsertInboxEvent(storage::Tx& tx, const InboxEvent& e) {
  ASSIGN_OR_RETURN(int64_t n,
                   tx.Exec(kInsertInboxEvent,
                           {e.provider, e.event_key, Text(e.reference), e.received_at, e.content_type,
                            storage::Blob{std::vector<uint8_t>(e.raw_body.begin(), e.raw_body.end())}, e.received_at}));
  return n == 1;
}

Status SetInboxReference(storage::Tx& tx, const std::string& provider, const std::string& event_key,
                         const std::string& reference) {
  RETURN_IF_ERROR(tx.Exec(kSetInboxReference, {Text(reference), provider, event_key}));
  return {};
}

Result<std::vector<InboxItem>> InboxDue(storage::Tx& tx, int64_t now, int64_t limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectInboxDue, {now, limit}));
  std::vector<InboxItem> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3)});
  return out;
}

Status MarkInboxProcessed(storage::Tx& tx, int64_t id, int64_t now, const std::string& outcome) {
  RETURN_IF_ERROR(tx.Exec(kMarkInboxProcessed, {now, outcome, id}));
  return {};
}

Status RetryInboxLater(storage::Tx& tx, int64_t id, int64_t next_attempt_at) {
  RETURN_IF_ERROR(tx.Exec(kRetryInboxLater, {next_attempt_at, id}));
  return {};
}

Status ParkInboxEvent(storage::Tx& tx, int64_t id, int64_t next_attempt_at, std::optional<int64_t> processed_at,
                      const std::string& outcome) {
  RETURN_IF_ERROR(tx.Exec(
      kParkInboxEvent,
      {next_attempt_at, processed_at ? storage::Value(*processed_at) : storage::Value(nullptr), Text(outcome), id}));
  return {};
}

}  // namespace origine::payments
