// origine/audit/audit.h — the audit trail: a tamper-evident, hash-chained log
// of every state change, with its search and its verification.
//
// Write side. Every state change records one event through Record(), inside
// the same (write) transaction as the change itself, so the event exists if
// and only if the change does. Sensitive values (passwords, tokens, keys) must
// never be put in `details_json`; callers pass only what an auditor may read
// (use Masked() for a field whose change matters but whose value must not be
// kept).
//
// Hash chain (docs/adr/0011-audit-hash-chain.md; tables in migration 10,
// audit/schema.cc, every statement in audit_store.cc). Event ids are
// 1, 2, 3, ... without gaps: Record claims the next id by updating the single
// row of `audit_chain` first (this also serialises writers on PostgreSQL; on
// SQLite the write transaction already holds the lock). Each event stores
//   prev_hash = hash of event id-1 (64 '0' for the first event)
//   hash      = hex SHA-256 of CanonicalEvent(event, prev_hash)
// and audit_chain keeps (last id, head hash). Anchoring: every
// kAnchorInterval events, Record also appends an "audit-anchor" leaf holding
// the new head to the transparency log (same transaction); Anchor() does it
// on demand. A rewritten trail must then also rewrite the public log, which
// its monitors detect.
//
// Audit sits below identity: an event names its actor by id and role only.
// Callers that show names or e-mails (the audit API routes) resolve the ids
// with identity::FindUserNames.
//
// Implemented by concept: record.cc (Record, the canonical form and hash),
// search.cc (Search, ToCsv), verify.cc (VerifyChain), anchor.cc (Anchor).
//
// Thread-safety: stateless functions; the Tx decides. Failure: database
// errors are passed through; VerifyChain reports a broken chain as data, not
// as an error.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/context.h"
#include "core/result.h"
#include "storage/db.h"

namespace origine::audit {

// Migration 10: audit_events and the audit_chain head row.
const std::vector<storage::Migration>& AuditMigrations();

// An audit-anchor leaf is appended to the transparency log whenever an
// event id is a multiple of this.
inline constexpr int64_t kAnchorInterval = 64;

struct Event {
  std::string action;       // e.g. "application.submit", "auth.login_failed"
  std::string object_type;  // e.g. "application", "user", "certificate"
  std::string object_id;
  std::string details_json = "{}";  // before/after of changed fields, masked
};

// Writes `event` attributed to `actor` (absent for anonymous actions such as a
// failed login) at `now`, chained to the previous event. `tx` must be a write
// transaction. Fails only if the database does.
Status Record(storage::Tx& tx, const std::optional<Principal>& actor, const RequestMeta& meta, int64_t now,
              const Event& event);

// The value recorded for a sensitive field instead of its content.
inline constexpr const char* kMasked = "***";

// One stored event, as read back.
struct StoredEvent {
  int64_t id = 0;
  int64_t at = 0;
  std::optional<int64_t> actor_id;
  std::string actor_role;  // "" when anonymous
  std::optional<int64_t> company_id;
  std::string action, object_type, object_id, details_json;
  std::string request_id, ip, user_agent;
  std::string prev_hash, hash;  // lowercase hex
};

// The canonical serialization hashed into the chain: a version line, then one
// line per field "<name>=<decimal byte length>:<bytes>\n" in the order id, at,
// actor_id, actor_role, company_id, action, object_type, object_id, details,
// request_id, ip, user_agent, prev_hash; a NULL column is written "<name>=-\n".
std::string CanonicalEvent(const StoredEvent& event);
// Hex SHA-256 of CanonicalEvent(event) (event.hash is ignored).
std::string EventHash(const StoredEvent& event);

struct Filter {
  std::optional<int64_t> actor_id;
  std::string object_type, object_id, action;  // exact, "" = any
  std::optional<int64_t> from, to;             // at >= from, at < to (Unix seconds)
  std::optional<int64_t> before_id;            // id < before_id (paging, newest first)
  int limit = 100;                             // 1..1000
};
// Newest first. kInvalidArgument "audit.limit" for a limit out of range.
Result<std::vector<StoredEvent>> Search(storage::Tx& tx, const Filter& filter);

// RFC 4180 CSV of `events` with a header line, CRLF line ends (core/csv.h:
// cells a spreadsheet would run as formulas are neutralised). The actor_email
// column is taken from `actor_emails` (by actor id; "" when absent).
std::string ToCsv(const std::vector<StoredEvent>& events, const std::map<int64_t, std::string>& actor_emails);

struct ChainReport {
  bool intact = true;
  int64_t events = 0;                // events checked
  int64_t anchors = 0;               // anchors checked
  std::optional<int64_t> broken_id;  // the first broken event
  std::string problem;               // what differs (English)
};
// Recomputes the whole chain (O(n), paged reads): ids gapless from 1, each
// prev_hash equal to the previous hash, each hash equal to its recomputation,
// the head row equal to the last event, and every audit-anchor leaf of the
// transparency log equal to the hash of the event it names. Reports the first
// broken link.
Result<ChainReport> VerifyChain(storage::Tx& tx);

// Appends an audit-anchor leaf with the current head to the transparency log
// in `tx`, unless the newest anchor already holds it (or the trail is empty).
// Returns the log index of the new leaf, or nullopt if nothing was needed.
Result<std::optional<uint64_t>> Anchor(storage::Tx& tx, int64_t now);

}  // namespace origine::audit
