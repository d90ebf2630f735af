// origine/identity/user_store.h — every SQL statement on `users` and
// `user_roles` (identity owns them, ADR 0058). Internal to the identity
// module: other modules go through identity/directory.h.
//
// Thread-safety: stateless; the Tx belongs to the caller's thread. Failure:
// database errors pass through (kConflict on a uniqueness violation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/context.h"
#include "core/result.h"
#include "identity/records.h"
#include "storage/db.h"

namespace origine::identity::user_store {

// A user with what a login needs: the principal (with the company's name),
// the password hash and whether the account is active.
struct Account {
  Principal principal;
  std::string password_hash;
  bool active = false;
};
Result<std::optional<Account>> SelectAccountByEmail(storage::Tx& tx, const std::string& email);

Result<std::optional<int64_t>> SelectIdByEmail(storage::Tx& tx, const std::string& email);
Result<std::optional<UserName>> SelectName(storage::Tx& tx, int64_t user_id);

// The users of a company, by id; one of them (nullopt if not of that company).
Result<std::vector<CompanyUser>> SelectByCompany(storage::Tx& tx, int64_t company_id);
Result<std::optional<CompanyUser>> SelectInCompany(storage::Tx& tx, int64_t user_id, int64_t company_id);

struct NewUserRow {
  std::string email, name;
  Role role = Role::kExporter;
  std::optional<int64_t> company_id;
  std::string password_hash;
  int64_t created_at = 0;
};
// Returns the new user's id.
Result<int64_t> Insert(storage::Tx& tx, const NewUserRow& user);
// Returns the number of rows changed.
Result<int64_t> UpdateActive(storage::Tx& tx, int64_t user_id, bool active);

// The rows of the lookup table user_roles, sorted (tests compare them with Role).
Result<std::vector<std::string>> SelectRoleNames(storage::Tx& tx);

// The principal in columns 0..5 of a row laid out as kPrincipalColumns
// (user_store.cc): id, email, name, role, company_id, company name.
Principal PrincipalFromRow(const storage::Row& row);

}  // namespace origine::identity::user_store
