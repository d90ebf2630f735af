// origine/registry/company_approval_store.h — every SQL statement on
// `company_approvals` (registry owns it, ADR 0058): a company's
// approved-exporter status per regime (ADR 0021), active or revoked.
// Internal to the registry module.
//
// Thread-safety: stateless; the Tx belongs to the caller's thread. Failure:
// database errors pass through.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/db.h"

namespace origine::registry::company_approval_store {

// revoked_at is 0 and revoke_comment "" while active.
struct CompanyApprovalRow {
  int64_t id = 0, company_id = 0;
  std::string regime, number, valid_from, valid_until, status, comment;
  int64_t granted_by = 0, granted_at = 0, revoked_at = 0;
  std::string revoke_comment;
};

Result<std::optional<CompanyApprovalRow>> Select(storage::Tx& tx, int64_t id);
// The status `id` only if it is `company_id`'s.
Result<std::optional<CompanyApprovalRow>> SelectOfCompany(storage::Tx& tx, int64_t id, int64_t company_id);
// A company's statuses, newest first.
Result<std::vector<CompanyApprovalRow>> SelectForCompany(storage::Tx& tx, int64_t company_id);
// A company's active statuses for `regime` (one at most, by the service's rule).
Result<std::vector<CompanyApprovalRow>> SelectActive(storage::Tx& tx, int64_t company_id, const std::string& regime);

struct NewCompanyApproval {
  int64_t company_id = 0;
  std::string regime, number, valid_from, valid_until, comment;
  int64_t granted_by = 0, granted_at = 0;
};
// Returns the new (active) status's id.
Result<int64_t> Insert(storage::Tx& tx, const NewCompanyApproval& approval);
// Revokes an active status; returns the rows changed (0 when it was not active).
Result<int64_t> Revoke(storage::Tx& tx, int64_t id, int64_t revoked_by, int64_t revoked_at, const std::string& comment);

// The company's active status for `regime` valid on `date` (YYYY-MM-DD),
// latest validity end first; nullopt if none.
Result<std::optional<CompanyApprovalRow>> SelectValidOn(storage::Tx& tx, int64_t company_id, const std::string& regime,
                                                        const std::string& date);

}  // namespace origine::registry::company_approval_store
