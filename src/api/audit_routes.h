// origine/api/audit_routes.h — the audit trail, for auditors and
// administrators (the authorization table; any other role: 403, itself audited):
//   GET /api/v1/audit/events       ?actor=&object_type=&object_id=&action=&from=&to=
//                                  (dates YYYY-MM-DD, "to" inclusive)&before_id=&limit=1..1000
//                                  → {items, next_before_id}
//   GET /api/v1/audit/events.csv   the same filter as CSV (at most 100,000 rows; without
//                                  limit, every page); the export is itself audited
//                                  ("audit.export") before the data leaves.
#pragma once

#include "api/route.h"
#include "core/clock.h"
#include "storage/db.h"

namespace origine::api {

// `db` and `clock` must outlive the routes.
void AddAuditRoutes(const AddRoute& add, storage::Db& db, const Clock& clock);

}  // namespace origine::api
