// Writing the trail: the canonical form of an event, its hash, Record.
#include "audit/audit_store.h"
#include "audit/internal.h"
#include "core/encoding.h"

namespace origine::audit {
namespace {

void Field(std::string& out, const char* name, const std::string& value) {
  out += name;
  out += '=';
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

void Field(std::string& out, const char* name, const std::optional<int64_t>& value) {
  if (!value) {
    out += name;
    out += "=-\n";
  } else {
    Field(out, name, std::to_string(*value));
  }
}

void NullableText(std::string& out, const char* name, const std::string& value, bool is_null) {
  if (is_null) {
    out += name;
    out += "=-\n";
  } else {
    Field(out, name, value);
  }
}

}  // namespace

// Request metadata and the role are stored as NULL when absent/empty-anonymous;
// the canonical form must reproduce exactly what is stored, so the writer
// stores "" (never NULL) for the text columns it always sets.
std::string internal::Canonical(const StoredEvent& e, bool role_null) {
  std::string out = "origine-audit-v1\n";
  Field(out, "id", std::optional<int64_t>(e.id));
  Field(out, "at", std::optional<int64_t>(e.at));
  Field(out, "actor_id", e.actor_id);
  NullableText(out, "actor_role", e.actor_role, role_null);
  Field(out, "company_id", e.company_id);
  Field(out, "action", e.action);
  Field(out, "object_type", e.object_type);
  Field(out, "object_id", e.object_id);
  Field(out, "details", e.details_json);
  Field(out, "request_id", e.request_id);
  Field(out, "ip", e.ip);
  Field(out, "user_agent", e.user_agent);
  Field(out, "prev_hash", e.prev_hash);
  return out;
}

std::string CanonicalEvent(const StoredEvent& event) { return internal::Canonical(event, event.actor_role.empty()); }

std::string EventHash(const StoredEvent& event) { return encoding::Sha256Hex(CanonicalEvent(event)); }

Status Record(storage::Tx& tx, const std::optional<Principal>& actor, const RequestMeta& meta, int64_t now,
              const Event& event) {
  // Claim the next id first: this row update serialises writers of the chain.
  ASSIGN_OR_RETURN(std::optional<store::ChainHead> head, store::ClaimNextId(tx));
  if (!head) return Error::Internal("audit_chain is missing (migration 10 not applied)");
  StoredEvent e;
  e.id = head->last_id;
  // Only the first event has no predecessor; a later one without a head means
  // the chain row was tampered with, and chaining it to nothing would hide that.
  if (!head->head && e.id != 1)
    return Error::Internal("audit chain head is missing before event " + std::to_string(e.id));
  e.prev_hash = head->head.value_or(internal::kGenesis);
  e.at = now;
  if (actor) {
    e.actor_id = actor->user_id;
    e.actor_role = RoleName(actor->role);
    e.company_id = actor->company_id;
  }
  e.action = event.action;
  e.object_type = event.object_type;
  e.object_id = event.object_id;
  e.details_json = event.details_json;
  e.request_id = meta.request_id;
  e.ip = meta.ip;
  e.user_agent = meta.user_agent.substr(0, 300);
  e.hash = EventHash(e);
  RETURN_IF_ERROR(store::InsertEvent(tx, e));
  RETURN_IF_ERROR(store::UpdateHead(tx, e.hash));
  if (e.id % kAnchorInterval == 0) RETURN_IF_ERROR(internal::AppendAnchor(tx, e.id, e.hash, now));
  return {};
}

}  // namespace origine::audit
