// IdentityService: login, session lookup, logout.
#include "audit/audit.h"
#include "core/encoding.h"
#include "identity/email.h"
#include "identity/identity_service.h"
#include "identity/password.h"
#include "identity/session_store.h"
#include "identity/user_store.h"

namespace origine::identity {
namespace {

// Used when the email is unknown so that both failures cost one Argon2id verification.
const std::string& DummyHash() {
  static const std::string h = *HashPassword("origine-dummy-password");
  return h;
}

}  // namespace

Result<Session> IdentityService::Login(const std::string& email_in, const std::string& password,
                                       const RequestMeta& meta) {
  const std::string email = NormalizeEmail(email_in);
  const int64_t now = clock_.NowUnix();
  std::optional<user_store::Account> account;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(account, user_store::SelectAccountByEmail(*tx, email));
  }
  const bool ok =
      VerifyPassword(account ? account->password_hash : DummyHash(), password) && account && account->active;
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  if (!ok) {
    RETURN_IF_ERROR(
        audit::Record(*tx, std::nullopt, meta, now,
                      {"auth.login_failed", "user", account ? std::to_string(account->principal.user_id) : "",
                       "{\"reason\":\"bad credentials\"}"}));
    RETURN_IF_ERROR(tx->Commit());
    return Error::Unauthenticated("auth.invalid_credentials"_code, "unknown email or wrong password");
  }
  Session s;
  s.token = RandomToken();
  s.csrf_token = RandomToken();
  s.principal = account->principal;
  s.expires_at = now + kSessionSeconds;
  RETURN_IF_ERROR(
      session_store::Insert(*tx, {encoding::Sha256Hex(s.token), s.principal.user_id, s.csrf_token, now, s.expires_at}));
  RETURN_IF_ERROR(session_store::DeleteExpired(*tx, now));  // housekeeping: sessions ended before now
  RETURN_IF_ERROR(
      audit::Record(*tx, s.principal, meta, now, {"auth.login", "user", std::to_string(s.principal.user_id), "{}"}));
  RETURN_IF_ERROR(tx->Commit());
  return s;
}

Result<Session> IdentityService::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return Error::Unauthenticated("session.required"_code, "no session");
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto found, session_store::SelectValid(*tx, encoding::Sha256Hex(token), clock_.NowUnix()));
  if (!found || !found->user_active)
    return Error::Unauthenticated("session.expired"_code, "session expired or unknown");
  Session s;
  s.principal = std::move(found->principal);
  s.csrf_token = std::move(found->csrf_token);
  s.expires_at = found->expires_at;
  return s;
}

Status IdentityService::Logout(const std::string& token, const Principal& who, const RequestMeta& meta) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  RETURN_IF_ERROR(session_store::Delete(*tx, encoding::Sha256Hex(token)));
  RETURN_IF_ERROR(
      audit::Record(*tx, who, meta, clock_.NowUnix(), {"auth.logout", "user", std::to_string(who.user_id), "{}"}));
  return tx->Commit();
}

}  // namespace origine::identity
