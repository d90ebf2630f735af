// origine/certificates/application_store.h — every SQL statement on the
// tables `applications` and `application_events` (owned by this module,
// ADR 0058), as named constants behind typed functions. Nothing else in the
// module, and no other module, writes SQL on these tables; other modules read
// an application through application_lookup.h.
//
// Status changes are compare-and-set: the UPDATE names the status it expects
// and reports whether it changed the row (false: someone else moved it first).
// Every function runs in the caller's transaction; no authorisation here.
// Thread-safety: stateless; the Tx belongs to the caller's thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "certificates/workflow.h"
#include "core/paging.h"
#include "core/result.h"
#include "storage/db.h"

namespace origine::certificates {

struct ApplicationRecord {
  int64_t id = 0;
  int64_t company_id = 0;
  ApplicationStatus status = ApplicationStatus::kDraft;
  std::string regime;              // application code ("ETLS", "NP", ...)
  std::string data;                // the validated input, JSON text
  std::string review_comment;      // "" when none
  std::string certificate_number;  // "" until issued
  int64_t approved_by = 0;         // 0 when nobody approved it
  int64_t created_by = 0;
  int64_t created_at = 0, updated_at = 0;
  std::string kind = "issue";  // "issue", "amendment", "duplicate"
  std::string predecessor;     // the certificate it amends or duplicates; "" for "issue"
};

struct NewApplication {
  int64_t company_id = 0;
  std::string regime, data;
  int64_t created_by = 0, at = 0;
  std::string kind = "issue";
  std::string predecessor;  // "" for "issue"
};

struct ApplicationEventRecord {
  int64_t at = 0;
  int64_t actor_id = 0;
  std::string action;   // "create", "update", a workflow action, "payment"
  std::string comment;  // "" when none
};

// Which applications a page lists: everything, or one company's; every
// status, or one. `after` is the position of the last item of the previous page
// (updated_at, id), newest first.
struct ApplicationPageQuery {
  std::optional<int64_t> company_id;
  std::optional<ApplicationStatus> status;
  std::optional<PageKey> after;  // PageKey{updated_at, decimal id}
  int64_t after_id = 0;          // the id of `after`, parsed
  int64_t limit = 100;
};

namespace application_store {

Result<std::optional<ApplicationRecord>> Find(storage::Tx& tx, int64_t id);
// A new application in "draft"; returns its id.
Result<int64_t> Insert(storage::Tx& tx, const NewApplication& app);
// Replaces regime and data while the status is still `expected`.
Result<bool> UpdateData(storage::Tx& tx, int64_t id, ApplicationStatus expected, const std::string& regime,
                        const std::string& data, int64_t at);
// from -> to, also setting the review comment and who approved (nullopt: NULL).
Result<bool> Review(storage::Tx& tx, int64_t id, ApplicationStatus from, ApplicationStatus to,
                    const std::optional<std::string>& review_comment, std::optional<int64_t> approved_by, int64_t at);
// from -> to, nothing else but updated_at.
Result<bool> Move(storage::Tx& tx, int64_t id, ApplicationStatus from, ApplicationStatus to, int64_t at);
// approved -> issued with its certificate number.
Result<bool> MarkIssued(storage::Tx& tx, int64_t id, const std::string& certificate_number, int64_t at);
// The first application that amends or duplicates the certificate `number`, if any.
Result<std::optional<int64_t>> FindSuccessorApplication(storage::Tx& tx, const std::string& number);
// At most `limit` applications after `query.after`, newest first (updated_at, id).
Result<std::vector<ApplicationRecord>> ListPage(storage::Tx& tx, const ApplicationPageQuery& query);

Status AddEvent(storage::Tx& tx, int64_t application_id, int64_t at, int64_t actor_id, const std::string& action,
                const std::string& comment);
// The events of an application, oldest first.
Result<std::vector<ApplicationEventRecord>> Events(storage::Tx& tx, int64_t application_id);

}  // namespace application_store
}  // namespace origine::certificates
