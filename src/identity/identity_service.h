// origine/identity/identity_service.h — accounts, companies and sessions.
//
// Sessions are server-side: the client holds a random token (cookie), the
// database holds only its SHA-256, the user and a CSRF token. Logins, failed
// logins and logouts are audited in the same transaction.
// Implemented by concept: sessions.cc (login, authentication, logout),
// company_users.cc (a company's users), provisioning.cc (Ensure*); the SQL is
// in company_store.cc, user_store.cc and session_store.cc. Other modules read
// and edit companies and users through identity/directory.h.
// Thread-safety: safe to share; every call runs its own transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/context.h"
#include "core/result.h"
#include "identity/records.h"
#include "storage/db.h"

namespace origine::identity {

// Migrations of the tables this module owns (identity/schema.cc):
// company_statuses, companies, user_roles, users, sessions (version 30).
const std::vector<storage::Migration>& IdentityMigrations();

struct Session {
  std::string token;  // only returned by Login; never stored
  std::string csrf_token;
  Principal principal;
  int64_t expires_at = 0;
};

struct NewCompany {
  std::string name, nif, rccm, address;
};

struct NewUser {
  std::string email, name, password;
  Role role = Role::kExporter;
  std::optional<int64_t> company_id;
};

class IdentityService {
 public:
  static constexpr int64_t kSessionSeconds = int64_t{12} * 3600;

  IdentityService(storage::Db& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Checks credentials; on success opens a session. Wrong email and wrong
  // password give the same kUnauthenticated "auth.invalid_credentials" (and
  // take the same time).
  Result<Session> Login(const std::string& email, const std::string& password, const RequestMeta& meta);
  // Resolves a session token; kUnauthenticated "session.required" without a
  // token, "session.expired" if unknown, expired or the user is inactive.
  Result<Session> Authenticate(const std::string& token);
  Status Logout(const std::string& token, const Principal& who, const RequestMeta& meta);

  // Administration (used by `origine demo seed`; an admin API comes later).
  // Both are idempotent on their unique key: an existing row is returned as is.
  // EnsureUser: kInvalidArgument "email.format", "user.company_rule" (exporters,
  // and only they, belong to a company), "password.length".
  Result<int64_t> EnsureCompany(const NewCompany& company, const RequestMeta& meta);
  Result<int64_t> EnsureUser(const NewUser& user, const RequestMeta& meta);

  // Users of a company. Scope: an admin reaches any company; anyone else
  // only its own company's (who may call is the API's authorization table:
  // the company's exporters, the admins); another company (or a company that
  // does not exist) is kNotFound "company.not_found".
  Result<std::vector<CompanyUser>> ListCompanyUsers(const Principal& who, int64_t company_id);
  // Adds an exporter account to the company with the initial password chosen
  // by the creator (Argon2id; 8 to 256 bytes). kInvalidArgument "user.invalid"
  // naming the bad fields (email "email.format", name "name.required" or
  // "name.length", password "password.length"), kConflict "email.taken".
  // Audited "user.create" in the same transaction.
  Result<CompanyUser> AddCompanyUser(const Principal& who, int64_t company_id, const std::string& email,
                                     const std::string& name, const std::string& password, const RequestMeta& meta);
  // Disables (active=false) or re-enables a user of the company. Disabling
  // ends every session of that user in the same transaction; nobody disables
  // their own account (kConflict "user.self_disable"); a user of another
  // company is kNotFound "user.not_found". Audited "user.disable" / "user.enable".
  Result<CompanyUser> SetCompanyUserActive(const Principal& who, int64_t company_id, int64_t user_id, bool active,
                                           const RequestMeta& meta);

 private:
  storage::Db& db_;
  const Clock& clock_;
};

}  // namespace origine::identity
