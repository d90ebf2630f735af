#include "audit/audit.h"

namespace origine::audit {

Status Record(storage::Tx& tx, const std::optional<Principal>& actor, const RequestMeta& meta,
              int64_t now, const Event& event) {
  using storage::Value;
  Value actor_id = nullptr, role = nullptr, company = nullptr;
  if (actor) {
    actor_id = actor->user_id;
    role = std::string(RoleName(actor->role));
    if (actor->company_id) company = *actor->company_id;
  }
  auto r = tx.Exec(
      "INSERT INTO audit_events (at, actor_id, actor_role, company_id, action, object_type, object_id, "
      "details, request_id, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {now, actor_id, role, company, event.action, event.object_type, event.object_id, event.details_json,
       meta.request_id, meta.ip, meta.user_agent.substr(0, 300)});
  if (!r) return r.error();
  return {};
}

}  // namespace origine::audit
