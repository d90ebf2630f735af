// origine/audit/audit.h — the audit trail's write side.
//
// Every state change records one event through Record(), inside the same
// transaction as the change itself, so the event exists if and only if the
// change does. Sensitive values (passwords, tokens, keys) must never be put in
// `details`; callers pass only what an auditor may read.
// Thread-safety: stateless; the Tx decides.
#pragma once

#include <optional>
#include <string>

#include "core/context.h"
#include "core/result.h"
#include "storage/db.h"

namespace origine::audit {

struct Event {
  std::string action;        // e.g. "application.submit", "auth.login_failed"
  std::string object_type;   // e.g. "application", "user", "certificate"
  std::string object_id;
  std::string details_json = "{}";  // before/after of changed fields, masked
};

// Writes `event` attributed to `actor` (absent for anonymous actions such as a
// failed login) at `now`. Fails only if the database does.
Status Record(storage::Tx& tx, const std::optional<Principal>& actor, const RequestMeta& meta,
              int64_t now, const Event& event);

}  // namespace origine::audit
