// origine/certificates/internal/history.h — every change of an application
// leaves an application event (its history, shown to people) and an audit
// event "application.<action>" (hash-chained), in the caller's transaction.
// Private to src/certificates.
#pragma once

#include <cstdint>
#include <string>

#include "certificates/workflow.h"
#include "core/context.h"
#include "core/result.h"
#include "storage/db.h"

namespace origine::certificates::internal {

Status RecordEvent(storage::Tx& tx, const Principal& who, const RequestMeta& meta, int64_t now, int64_t application_id,
                   const std::string& action, const std::string& comment, const std::string& details);

// The audit details of a status change: {"status": {"before": from, "after": to}}
// ("" before: a creation).
std::string StatusChangeDetails(const std::string& from, ApplicationStatus to);

// OK when a compare-and-set status change moved the row; else
// "application.state" (kConflict): another request moved it first.
Status CheckMoved(bool moved, int64_t application_id);

}  // namespace origine::certificates::internal
