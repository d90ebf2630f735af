// origine/registry/approval_store.h — every SQL statement on
// `product_approvals` (registry owns it, ADR 0058): an exporter's request of
// an approval (agrément) for a product under a regime, and the authority's
// decision. Internal to the registry module.
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

namespace origine::registry::approval_store {

// An approval with its product's name, HS code and company (products are
// registry's own table). Texts are "" and decided_at 0 until decided.
struct ApprovalRow {
  int64_t id = 0, product_id = 0;
  std::string regime, status, number, valid_from, valid_until, comment;
  int64_t requested_at = 0, decided_at = 0;
  std::string product_name, product_hs_code;
  int64_t company_id = 0;
};

Result<std::optional<ApprovalRow>> Select(storage::Tx& tx, int64_t id);
// A product's approvals, oldest first.
Result<std::vector<ApprovalRow>> SelectForProduct(storage::Tx& tx, int64_t product_id);
// Every approval (nullopt) or those in `status`, newest first, at most `limit`.
Result<std::vector<ApprovalRow>> SelectAll(storage::Tx& tx, const std::optional<std::string>& status, int64_t limit);

// Whether the product has an approval awaiting a decision for `regime`; any granted one.
Result<bool> HasRequested(storage::Tx& tx, int64_t product_id, const std::string& regime);
Result<bool> HasGranted(storage::Tx& tx, int64_t product_id);

// Returns the new approval's id (status "requested").
Result<int64_t> InsertRequest(storage::Tx& tx, int64_t product_id, const std::string& regime, int64_t requested_by,
                              int64_t now);

// The decision on a requested approval: "granted" (with number and validity)
// or "refused" (number and validity absent). Returns the rows changed (0 when
// it was decided meanwhile).
struct Decision {
  std::string status;
  std::optional<std::string> number, valid_from, valid_until;
  std::string comment;
  int64_t decided_by = 0, decided_at = 0;
};
Result<int64_t> Decide(storage::Tx& tx, int64_t id, const Decision& decision);

Status DeleteForProduct(storage::Tx& tx, int64_t product_id);

// The granted approvals of a product under `regime`, latest validity end first.
struct GrantedApproval {
  std::string number, regime, valid_from, valid_until;
};
Result<std::vector<GrantedApproval>> SelectGranted(storage::Tx& tx, int64_t product_id, const std::string& regime);

}  // namespace origine::registry::approval_store
