// origine/payments/inbox_store.h — every statement on payment_inbox: the
// provider callbacks kept raw, unique per (provider, event key), until the
// worker has processed them.
//
// Thread-safety: stateless; the Tx belongs to the caller's thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/db.h"

namespace origine::payments {

struct InboxEvent {
  std::string provider, event_key;
  std::string reference;  // our reference when known ("" = not named by the callback)
  int64_t received_at = 0;
  std::string content_type, raw_body;
};

// A callback waiting to be processed.
struct InboxItem {
  int64_t id = 0;
  std::string provider, reference;
  int64_t attempts = 0;
};

// Stores the event unless this (provider, event_key) is stored already;
// true when it was new. It is due at once.
Result<bool> InsertInboxEvent(storage::Tx& tx, const InboxEvent& event);
// Names the intent of a stored event afterwards (the callback named only the provider's id).
Status SetInboxReference(storage::Tx& tx, const std::string& provider, const std::string& event_key,
                         const std::string& reference);
// Unprocessed events due at `now`, oldest first, at most `limit`.
Result<std::vector<InboxItem>> InboxDue(storage::Tx& tx, int64_t now, int64_t limit);
// Processed, with what it did ("succeeded", "no_change", "refund_hint", ...).
Status MarkInboxProcessed(storage::Tx& tx, int64_t id, int64_t now, const std::string& outcome);
// Not processed this time: one more attempt, due again at `next_attempt_at`.
Status RetryInboxLater(storage::Tx& tx, int64_t id, int64_t next_attempt_at);
// One more attempt due at `next_attempt_at`, and given up (processed at
// `processed_at` with `outcome`) when `processed_at` is given.
Status ParkInboxEvent(storage::Tx& tx, int64_t id, int64_t next_attempt_at, std::optional<int64_t> processed_at,
                      const std::string& outcome);

}  // namespace origine::payments
