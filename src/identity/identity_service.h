// origine/identity/identity_service.h — accounts, companies and sessions.
//
// Sessions are server-side: the client holds a random token (cookie), the
// database holds only its SHA-256, the user and a CSRF token. Logins, failed
// logins and logouts are audited in the same transaction.
// Thread-safety: safe to share; every call runs its own transaction.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/context.h"
#include "core/result.h"
#include "storage/db.h"

namespace origine::identity {

struct Session {
  std::string token;       // only returned by Login; never stored
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
  static constexpr int64_t kSessionSeconds = 12 * 3600;

  IdentityService(storage::Db& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Checks credentials; on success opens a session. Wrong email and wrong
  // password give the same kUnauthenticated error (and take the same time).
  Result<Session> Login(const std::string& email, const std::string& password, const RequestMeta& meta);
  // Resolves a session token; kUnauthenticated if unknown, expired or the user is inactive.
  Result<Session> Authenticate(const std::string& token);
  Status Logout(const std::string& token, const Principal& who, const RequestMeta& meta);

  // Administration (used by `origine demo seed`; an admin API comes later).
  // Both are idempotent on their unique key: an existing row is returned as is.
  Result<int64_t> EnsureCompany(const NewCompany& company, const RequestMeta& meta);
  Result<int64_t> EnsureUser(const NewUser& user, const RequestMeta& meta);

 private:
  storage::Db& db_;
  const Clock& clock_;
};

}  // namespace origine::identity
