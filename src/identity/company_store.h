// origine/identity/company_store.h — every SQL statement on `companies` and
// `company_statuses` (identity owns them, ADR 0058). Internal to the identity
// module: other modules go through identity/directory.h.
//
// Thread-safety: stateless; the Tx belongs to the caller's thread. Failure:
// database errors pass through (kConflict on a uniqueness violation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "identity/records.h"
#include "storage/db.h"

namespace origine::identity::company_store {

Result<std::optional<CompanyRecord>> Select(storage::Tx& tx, int64_t id);
// At most `limit` companies, by name.
Result<std::vector<CompanyRecord>> SelectAll(storage::Tx& tx, int64_t limit);
Result<std::optional<int64_t>> SelectIdByNif(storage::Tx& tx, const std::string& nif);

// A new company; returns its id.
Result<int64_t> Insert(storage::Tx& tx, const CompanyProfile& profile, CompanyStatus status, int64_t created_at);
// Replaces the profile columns; returns the number of rows changed (0: no such company).
Result<int64_t> UpdateProfile(storage::Tx& tx, int64_t id, const CompanyProfile& profile);
Result<int64_t> UpdateStatus(storage::Tx& tx, int64_t id, CompanyStatus status);

// The rows of the lookup table company_statuses, sorted (tests compare them with CompanyStatus).
Result<std::vector<std::string>> SelectStatusNames(storage::Tx& tx);

}  // namespace origine::identity::company_store
