// origine/registry/registry.h — the exporter registry: company profiles and
// status, the product registry per exporter (HS code, producer, cost
// structure) and product approvals (agréments) per regime with their
// workflow for the authority.
//
// Who may call what is the API's authorization table (src/api/authz_table.cc);
// this service scopes by company: a principal of a company (an exporter)
// reaches that company's profile, products and approvals only (another
// company's object is kNotFound, never kPermissionDenied), and only a
// company's users create, edit or delete its products and request approvals
// ("product.forbidden", "approval.forbidden" for a principal without a
// company); staff reach every company. Approvals are decided (grant with
// number and validity, or refuse with a comment) once; one active
// approved-exporter status per regime.
// Every state change writes an audit event in its transaction.
// ProductFacts gives the origin engine the facts a product brings to a goods
// line (cost structure, materials, processes, granted approval).
//
// Companies are identity's (ADR 0058): their profile and status are read and
// written through identity/directory.h, in the registry's transaction.
// Implemented by concept: companies.cc, product_input.cc (ValidateProduct),
// products.cc, product_approvals.cc, company_approvals.cc (with
// CompanyApprovalOn), product_facts.cc; SQL in product_store.cc,
// approval_store.cc, company_approval_store.cc and hs_store.cc.
//
// Errors carry codes: refusals "product.forbidden", "approval.forbidden"; absent or invisible
// objects "company.not_found", "product.not_found", "approval.not_found",
// "approved_exporter.not_found"; bodies "company.invalid", "product.invalid",
// "approval.invalid", "approved_exporter.invalid" with one coded FieldError
// per bad field ("field.required", "field.unknown", "nif.format",
// "rccm.format", "hs_code.format", "valid_until.past", ...); states
// "approval.pending", "approval.state", "approved_exporter.revoked",
// "product.has_approval"; "nif.taken" from identity.
//
// Thread-safety: safe to share; each call runs its own transaction.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/context.h"
#include "core/result.h"
#include "origin/engine.h"
#include "storage/db.h"

namespace origine::registry {

// Migration 50 (registry/schema.cc): products, product approvals, approved-exporter
// statuses, the HS nomenclature and its word index.
const std::vector<storage::Migration>& RegistryMigrations();

// Validates a product body (create and update: full replacement). Returns the
// normalised product or kInvalidArgument "product.invalid" naming every bad field.
Result<boost::json::object> ValidateProduct(const boost::json::value& input);

// Maps a regime code given by a client ("ETLS") to the data code stored with
// approvals, or nullopt when it is not a preferential regime in force.
using RegimeResolver = std::function<std::optional<std::string>(const std::string& code)>;

class RegistryService {
 public:
  RegistryService(storage::Db& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<boost::json::object> GetCompany(const Principal& who);
  // Body: {name?, nif?, rccm?, address?, sector?}; NIF and RCCM format-checked.
  Result<boost::json::object> UpdateCompany(const Principal& who, const boost::json::value& input,
                                            const RequestMeta& meta);
  // Company objects carry "approved_exporter": the company's approved-exporter
  // statuses, newest first (active and revoked), each with valid_today.
  // GetCompanyById: staff any company; an exporter its own, else kNotFound.
  Result<boost::json::object> GetCompanyById(const Principal& who, int64_t company_id);
  Result<boost::json::array> ListCompanies(const Principal& who);
  Result<boost::json::object> SetCompanyStatus(const Principal& who, int64_t company_id, const std::string& status,
                                               const std::string& comment, const RequestMeta& meta);

  // Approved-exporter status. Body: {regime, number, valid_until,
  // valid_from? (default today), comment?}. Supersedes (revokes) the active
  // status of the same regime in the same transaction; audited
  // "company_approval.grant". kInvalidArgument names every bad field.
  Result<boost::json::object> GrantCompanyApproval(const Principal& who, int64_t company_id,
                                                   const boost::json::value& input, const RegimeResolver& resolve,
                                                   const RequestMeta& meta);
  // Revokes an active status; comment required; kConflict if already revoked;
  // kNotFound if it is not this company's. Audited "company_approval.revoke".
  Result<boost::json::object> RevokeCompanyApproval(const Principal& who, int64_t company_id, int64_t approval_id,
                                                    const std::string& comment, const RequestMeta& meta);

  Result<boost::json::array> ListProducts(const Principal& who);
  Result<boost::json::object> GetProduct(const Principal& who, int64_t id);
  Result<boost::json::object> CreateProduct(const Principal& who, const boost::json::value& input,
                                            const RequestMeta& meta);
  Result<boost::json::object> UpdateProduct(const Principal& who, int64_t id, const boost::json::value& input,
                                            const RequestMeta& meta);
  // Refused (kConflict) once the product has a granted approval.
  Status DeleteProduct(const Principal& who, int64_t id, const RequestMeta& meta);

  Result<boost::json::object> RequestApproval(const Principal& who, int64_t product_id, const std::string& regime,
                                              const RequestMeta& meta);
  // status filter: "requested" | "granted" | "refused" | "" (all); every company's.
  Result<boost::json::array> ListApprovals(const Principal& who, const std::string& status);
  // Body: {decision: grant|refuse, number, valid_until, comment}.
  Result<boost::json::object> Decide(const Principal& who, int64_t approval_id, const boost::json::value& input,
                                     const RequestMeta& meta);

 private:
  storage::Db& db_;
  const Clock& clock_;
};

// The company's active approved-exporter status for `regime_code` (data code)
// valid on `date`, as an origin::Approval covering any product; nullopt if none.
Result<std::optional<origin::Approval>> CompanyApprovalOn(storage::Tx& tx, int64_t company_id,
                                                          const std::string& regime_code, const std::string& date);

// Facts of product `product_id` of `company_id` for a goods line under the
// origin regime `regime_code` on `date`. Approval: the product's granted
// approval valid on that date; else the company's approved-exporter status
// valid on that date (CompanyApprovalOn); else the product's latest granted
// approval (so that the verdict explains its expiry). kNotFound when the
// company has no such product.
Result<origin::GoodsLineFacts> ProductFacts(storage::Tx& tx, int64_t company_id, int64_t product_id,
                                            const std::string& regime_code, const std::string& date);

}  // namespace origine::registry
