// origine/identity/directory.h — what other modules may read of companies and
// users, in their own transaction: a company's identity and status (receipts,
// certificates, the registry's profile pages) and people's names (histories,
// audit listings). The identity module owns these tables; nobody else reads them.
//
// Thread-safety: stateless; the Tx belongs to the caller's thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/db.h"

namespace origine::identity {

struct CompanyRecord {
  int64_t id = 0;
  std::string name, nif, rccm, address, sector;
  std::string status;  // "pending", "active", "suspended"
  int64_t created_at = 0;
};

// The company `company_id`, or kNotFound "company.not_found". No authorisation.
Result<CompanyRecord> FindCompany(storage::Tx& tx, int64_t company_id);

struct UserName {
  std::string name, email, role;
};
// Names of the given users (unknown ids are absent from the map).
Result<std::map<int64_t, UserName>> FindUserNames(storage::Tx& tx, const std::vector<int64_t>& user_ids);

}  // namespace origine::identity
