// origine/registry/internal.h — what the files of the registry module share
// and nobody else uses: who may see which company or product, the JSON views
// of the registry's objects, and small input helpers.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/context.h"
#include "core/result.h"
#include "identity/records.h"
#include "registry/approval_store.h"
#include "registry/company_approval_store.h"
#include "registry/product_store.h"
#include "storage/db.h"

namespace origine::registry::internal {

inline constexpr size_t kMaxCommentBytes = 2000;

bool IsStaff(const Principal& p);
bool IsBlank(const std::string& s);  // empty or only spaces, tabs, line ends
// The string member `k` of `o`, "" when absent or not a string.
std::string Str(const boost::json::object& o, const char* k);
// Today's date (UTC) as YYYY-MM-DD.
std::string Today(const Clock& clock);

Error CompanyNotFound(int64_t company_id);
Error ProductNotFound(int64_t product_id);
// A FieldError "field.unknown" (field: prefix + key) for each member of `in` not in `known`.
void UnknownFields(const boost::json::object& in, const std::vector<std::string>& known,
                   std::vector<FieldError>* errors, const std::string& prefix = "");
// The comment.too_long field error (max kMaxCommentBytes).
FieldError CommentTooLong();

// A company the caller may see: staff any; an exporter only its own (else
// kNotFound "company.not_found", as for a company that does not exist).
Result<identity::CompanyRecord> VisibleCompany(storage::Tx& tx, const Principal& who, int64_t company_id);
// A product of the caller's company (exporters), or any product (staff); else
// kNotFound "product.not_found".
Result<product_store::ProductRow> VisibleProduct(storage::Tx& tx, const Principal& who, int64_t product_id);

// Companies' names by id, read from identity once each.
class CompanyNames {
 public:
  Result<std::string> Get(storage::Tx& tx, int64_t company_id);

 private:
  std::map<int64_t, std::string> names_;
};

// {id, product{id, name, hs_code}, company{id, name}, regime, status, number,
// valid_from, valid_until, comment, requested_at, decided_at}; without product
// and company when `with_owner` is false (inside a product).
Result<boost::json::object> ApprovalJson(storage::Tx& tx, const approval_store::ApprovalRow& row, bool with_owner,
                                         CompanyNames& names);
// The product with its approvals.
Result<boost::json::object> ProductJson(storage::Tx& tx, const product_store::ProductRow& row);
// {id, company_id, regime, number, valid_from, valid_until, status,
// valid_today, comment, granted_by{id, name, role}, granted_at, revoked_at,
// revoke_comment}.
Result<boost::json::object> CompanyApprovalJson(storage::Tx& tx, const company_approval_store::CompanyApprovalRow& row,
                                                const std::string& today);
// The company with its approved-exporter statuses (newest first).
Result<boost::json::object> CompanyJson(storage::Tx& tx, const identity::CompanyRecord& company,
                                        const std::string& today);

}  // namespace origine::registry::internal
