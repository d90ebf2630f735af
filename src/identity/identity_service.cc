#include "identity/identity_service.h"

#include <algorithm>
#include <cctype>

#include "audit/audit.h"
#include "identity/password.h"

namespace origine::identity {
namespace {

constexpr const char* kSelectPrincipal =
    "SELECT u.id, u.email, u.name, u.role, u.company_id, COALESCE(c.name, ''), u.password_hash, u.active "
    "FROM users u LEFT JOIN companies c ON c.id = u.company_id ";

Principal PrincipalFromRow(const storage::Row& row) {
  Principal p;
  p.user_id = row.Int(0);
  p.email = row.Text(1);
  p.name = row.Text(2);
  ParseRole(row.Text(3), &p.role);
  if (!row.IsNull(4)) p.company_id = row.Int(4);
  p.company_name = row.Text(5);
  return p;
}

std::string NormalizeEmail(std::string email) {
  std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) { return std::tolower(c); });
  return email;
}

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
  std::optional<Principal> principal;
  std::string hash;
  bool active = false;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(auto rows, tx->Query(std::string(kSelectPrincipal) + "WHERE u.email = ?", {email}));
    if (!rows.empty()) {
      principal = PrincipalFromRow(rows[0]);
      hash = rows[0].Text(6);
      active = rows[0].Int(7) != 0;
    }
  }
  const bool ok = VerifyPassword(principal ? hash : DummyHash(), password) && principal && active;
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  if (!ok) {
    RETURN_IF_ERROR(audit::Record(*tx, std::nullopt, meta, now,
                                  {"auth.login_failed", "user", principal ? std::to_string(principal->user_id) : "",
                                   "{\"reason\":\"bad credentials\"}"}));
    RETURN_IF_ERROR(tx->Commit());
    return Error::Unauthenticated("unknown email or wrong password");
  }
  Session s;
  s.token = RandomToken();
  s.csrf_token = RandomToken();
  s.principal = *principal;
  s.expires_at = now + kSessionSeconds;
  RETURN_IF_ERROR(tx->Exec(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      {Sha256Hex(s.token), s.principal.user_id, s.csrf_token, now, s.expires_at}));
  RETURN_IF_ERROR(tx->Exec("DELETE FROM sessions WHERE expires_at < ?", {now}));
  RETURN_IF_ERROR(audit::Record(*tx, s.principal, meta, now,
                                {"auth.login", "user", std::to_string(s.principal.user_id), "{}"}));
  RETURN_IF_ERROR(tx->Commit());
  return s;
}

Result<Session> IdentityService::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return Error::Unauthenticated("no session");
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows,
                   tx->Query("SELECT u.id, u.email, u.name, u.role, u.company_id, COALESCE(c.name, ''), "
                             "s.csrf_token, u.active, s.expires_at "
                             "FROM sessions s JOIN users u ON u.id = s.user_id "
                             "LEFT JOIN companies c ON c.id = u.company_id "
                             "WHERE s.token_hash = ? AND s.expires_at > ?",
                             {Sha256Hex(token), clock_.NowUnix()}));
  if (rows.empty() || rows[0].Int(7) == 0) return Error::Unauthenticated("session expired or unknown");
  Session s;
  s.principal = PrincipalFromRow(rows[0]);
  s.csrf_token = rows[0].Text(6);
  s.expires_at = rows[0].Int(8);
  return s;
}

Status IdentityService::Logout(const std::string& token, const Principal& who, const RequestMeta& meta) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  RETURN_IF_ERROR(tx->Exec("DELETE FROM sessions WHERE token_hash = ?", {Sha256Hex(token)}));
  RETURN_IF_ERROR(audit::Record(*tx, who, meta, clock_.NowUnix(),
                                {"auth.logout", "user", std::to_string(who.user_id), "{}"}));
  return tx->Commit();
}

Result<int64_t> IdentityService::EnsureCompany(const NewCompany& c, const RequestMeta& meta) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT id FROM companies WHERE nif = ?", {c.nif}));
  if (!rows.empty()) return rows[0].Int(0);
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto ins, tx->Query("INSERT INTO companies (name, nif, rccm, address, created_at) "
                                       "VALUES (?, ?, ?, ?, ?) RETURNING id",
                                       {c.name, c.nif, c.rccm, c.address, now}));
  const int64_t id = ins[0].Int(0);
  RETURN_IF_ERROR(audit::Record(*tx, std::nullopt, meta, now, {"company.create", "company", std::to_string(id), "{}"}));
  RETURN_IF_ERROR(tx->Commit());
  return id;
}

Result<int64_t> IdentityService::EnsureUser(const NewUser& u, const RequestMeta& meta) {
  const std::string email = NormalizeEmail(u.email);
  if (email.find('@') == std::string::npos) return Error::Invalid("invalid email", {{"email", "not an email"}});
  if ((u.role == Role::kExporter) != u.company_id.has_value())
    return Error::Invalid("exporters, and only exporters, belong to a company");
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT id FROM users WHERE email = ?", {email}));
    if (!rows.empty()) return rows[0].Int(0);
  }
  ASSIGN_OR_RETURN(std::string hash, HashPassword(u.password));
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  const int64_t now = clock_.NowUnix();
  storage::Value company = nullptr;
  if (u.company_id) company = *u.company_id;
  ASSIGN_OR_RETURN(auto ins, tx->Query("INSERT INTO users (email, name, role, company_id, password_hash, created_at) "
                                       "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                       {email, u.name, std::string(RoleName(u.role)), company, hash, now}));
  const int64_t id = ins[0].Int(0);
  RETURN_IF_ERROR(audit::Record(*tx, std::nullopt, meta, now,
                                {"user.create", "user", std::to_string(id),
                                 std::string("{\"role\":\"") + RoleName(u.role) + "\"}"}));
  RETURN_IF_ERROR(tx->Commit());
  return id;
}

}  // namespace origine::identity
