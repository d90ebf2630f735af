// origine/audit/audit_store.h — every SQL statement on `audit_events` and
// `audit_chain` (audit owns them, ADR 0058). Internal to the audit module.
// Nothing here joins another module's table: the actor is an id and a role
// (names come from identity, above audit, through the caller).
//
// Thread-safety: stateless; the Tx belongs to the caller's thread. Failure:
// database errors pass through.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "core/result.h"
#include "storage/db.h"

namespace origine::audit::store {

// The single row of audit_chain: the last event id and its hash (nullopt
// while the trail is empty).
struct ChainHead {
  int64_t last_id = 0;
  std::optional<std::string> head;
};
// Claims the next event id (last_id + 1) and returns the head before this
// event; the row update serialises the writers of the chain. nullopt when the
// audit_chain row is missing.
Result<std::optional<ChainHead>> ClaimNextId(storage::Tx& tx);
Result<std::optional<ChainHead>> SelectHead(storage::Tx& tx);
Status UpdateHead(storage::Tx& tx, const std::string& hash);

// Writes the event as given (id, hashes and all). An empty actor_role and an
// absent actor_id/company_id are stored as NULL.
Status InsertEvent(storage::Tx& tx, const StoredEvent& event);

// Events matching `filter`, newest first, at most filter.limit.
Result<std::vector<StoredEvent>> SelectEvents(storage::Tx& tx, const Filter& filter);

// Events with id >= first_id, oldest first, at most `limit`, each with
// whether its actor_role column is NULL (the canonical form tells NULL from "").
struct ChainRow {
  StoredEvent event;
  bool role_is_null = true;
};
Result<std::vector<ChainRow>> SelectChainFrom(storage::Tx& tx, int64_t first_id, int64_t limit);

// The hash of event `id`, if it exists.
Result<std::optional<std::string>> SelectEventHash(storage::Tx& tx, int64_t id);

}  // namespace origine::audit::store
