// origine/audit/internal.h — what the files of the audit module share and
// nobody else uses.
#pragma once

#include <cstdint>
#include <string>

#include "audit/audit.h"
#include "core/result.h"
#include "storage/db.h"

namespace origine::audit::internal {

// The prev_hash of the first event.
inline const std::string kGenesis(64, '0');

// The canonical form of `event`; `role_null` writes actor_role as NULL ("-").
std::string Canonical(const StoredEvent& event, bool role_null);

// Appends an audit-anchor leaf naming event `id` with its `hash` to the
// transparency log in `tx`; returns the leaf index.
Result<uint64_t> AppendAnchor(storage::Tx& tx, int64_t id, const std::string& hash, int64_t now);

}  // namespace origine::audit::internal
