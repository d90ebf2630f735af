#include "certificates/internal/history.h"

#include <boost/json.hpp>

#include "audit/audit.h"
#include "certificates/application_store.h"

namespace origine::certificates::internal {
namespace json = boost::json;

Status RecordEvent(storage::Tx& tx, const Principal& who, const RequestMeta& meta, int64_t now, int64_t application_id,
                   const std::string& action, const std::string& comment, const std::string& details) {
  RETURN_IF_ERROR(application_store::AddEvent(tx, application_id, now, who.user_id, action, comment));
  return audit::Record(tx, who, meta, now,
                       {"application." + action, "application", std::to_string(application_id), details});
}

std::string StatusChangeDetails(const std::string& from, ApplicationStatus to) {
  return json::serialize(json::object{{"status", {{"before", from}, {"after", StatusName(to)}}}});
}

Status CheckMoved(bool moved, int64_t application_id) {
  if (moved) return {};
  return Error::Conflict("application.state"_code,
                         "application " + std::to_string(application_id) + " was changed meanwhile: reload it")
      .With("id", std::to_string(application_id));
}

}  // namespace origine::certificates::internal
