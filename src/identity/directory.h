// origine/identity/directory.h — what other modules may read and change of
// companies and users, in their own transaction: a company's identity and
// status (receipts, certificates, the registry's profile pages, which also
// edit the profile and set the status) and people's names (histories, audit
// listings). The identity module owns these tables (ADR 0058); nobody else
// reads or writes them.
//
// These functions check no permission and write no audit event: the caller
// (e.g. registry::RegistryService) decides who may, and records the change in
// the same transaction.
//
// Thread-safety: stateless; the Tx belongs to the caller's thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "identity/records.h"
#include "storage/db.h"

namespace origine::identity {

// The company `company_id`, or kNotFound "company.not_found".
Result<CompanyRecord> FindCompany(storage::Tx& tx, int64_t company_id);

// Every company, by name (at most `limit`).
Result<std::vector<CompanyRecord>> ListCompanies(storage::Tx& tx, int64_t limit = 1000);

// Replaces the profile (name, NIF, RCCM, address, sector) of a company. The
// caller validates the formats. kNotFound "company.not_found"; kConflict
// "nif.taken" when another company already has that NIF.
Status UpdateCompanyProfile(storage::Tx& tx, int64_t company_id, const CompanyProfile& profile);

// Sets a company's status. kNotFound "company.not_found".
Status SetCompanyStatus(storage::Tx& tx, int64_t company_id, CompanyStatus status);

// Names of the given users (unknown ids are absent from the map).
Result<std::map<int64_t, UserName>> FindUserNames(storage::Tx& tx, const std::vector<int64_t>& user_ids);

// The id of the user whose email is exactly `email` (no case folding), if any.
Result<std::optional<int64_t>> FindUserIdByEmail(storage::Tx& tx, const std::string& email);

}  // namespace origine::identity
