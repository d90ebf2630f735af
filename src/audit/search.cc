// Reading the trail: search and CSV export.
#include "audit/audit_store.h"
#include "core/csv.h"
#include "core/date.h"

namespace origine::audit {

Result<std::vector<StoredEvent>> Search(storage::Tx& tx, const Filter& f) {
  if (f.limit < 1 || f.limit > 1000)
    return Error::Invalid("audit.limit"_code, "limit must be between 1 and 1000",
                          {{"limit", "audit.limit"_code, "1..1000", {{"min", "1"}, {"max", "1000"}}}})
        .With("min", "1")
        .With("max", "1000");
  return store::SelectEvents(tx, f);
}

std::string ToCsv(const std::vector<StoredEvent>& events, const std::map<int64_t, std::string>& actor_emails) {
  std::string out =
      csv::Line({"id", "at", "actor_id", "actor_email", "actor_role", "company_id", "action", "object_type",
                 "object_id", "details", "request_id", "ip", "user_agent", "prev_hash", "hash"});
  for (const auto& e : events) {
    std::string email;
    if (e.actor_id)
      if (auto it = actor_emails.find(*e.actor_id); it != actor_emails.end()) email = it->second;
    out += csv::Line({std::to_string(e.id), FormatUtc(e.at), e.actor_id ? std::to_string(*e.actor_id) : "", email,
                      e.actor_role, e.company_id ? std::to_string(*e.company_id) : "", e.action, e.object_type,
                      e.object_id, e.details_json, e.request_id, e.ip, e.user_agent, e.prev_hash, e.hash});
  }
  return out;
}

}  // namespace origine::audit
