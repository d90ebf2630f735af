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

// Managers of a company's users: its own exporters and the administrators.
Status MayManage(const Principal& who, int64_t company_id) {
  if (who.role == Role::kAdmin) return {};
  if (who.role != Role::kExporter)
    return Error::Denied("only the company's users or an administrator manage its users");
  if (!who.company_id || *who.company_id != company_id)
    return Error::NotFound("no company " + std::to_string(company_id));
  return {};
}

constexpr const char* kSelectCompanyUser = "SELECT id, email, name, active, created_at FROM users ";

CompanyUser CompanyUserFromRow(const storage::Row& r) {
  return {r.Int(0), r.Text(1), r.Text(2), r.Int(3) != 0, r.Int(4)};
}

bool IsEmail(const std::string& e) {
  const size_t at = e.find('@');
  if (e.size() < 3 || e.size() > 254 || at == 0 || at == std::string::npos || at + 1 >= e.size()) return false;
  if (e.find('@', at + 1) != std::string::npos) return false;
  if (e.find('.', at) == std::string::npos) return false;
  for (unsigned char c : e)
    if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') return false;
  return true;
}

}  // namespace

Result<std::vector<CompanyUser>> IdentityService::ListCompanyUsers(const Principal& who, int64_t company_id) {
  RETURN_IF_ERROR(MayManage(who, company_id));
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto company, tx->Query("SELECT 1 FROM companies WHERE id = ?", {company_id}));
  if (company.empty()) return Error::NotFound("no company " + std::to_string(company_id));
  ASSIGN_OR_RETURN(auto rows,
                   tx->Query(std::string(kSelectCompanyUser) + "WHERE company_id = ? ORDER BY id", {company_id}));
  std::vector<CompanyUser> out;
  for (const auto& r : rows) out.push_back(CompanyUserFromRow(r));
  return out;
}

Result<CompanyUser> IdentityService::AddCompanyUser(const Principal& who, int64_t company_id,
                                                    const std::string& email_in, const std::string& name,
                                                    const std::string& password, const RequestMeta& meta) {
  RETURN_IF_ERROR(MayManage(who, company_id));
  const std::string email = NormalizeEmail(email_in);
  std::vector<FieldError> errors;
  if (!IsEmail(email)) errors.push_back({"email", "must be an email address"});
  if (name.find_first_not_of(" \t") == std::string::npos)
    errors.push_back({"name", "is required"});
  else if (name.size() > 200)
    errors.push_back({"name", "must have at most 200 characters"});
  if (password.size() < 8)
    errors.push_back({"password", "must have at least 8 characters"});
  else if (password.size() > 256)
    errors.push_back({"password", "must have at most 256 characters"});
  if (!errors.empty()) return Error::Invalid("the user has invalid fields", std::move(errors));
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(auto company, tx->Query("SELECT 1 FROM companies WHERE id = ?", {company_id}));
    if (company.empty()) return Error::NotFound("no company " + std::to_string(company_id));
  }
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));  // outside the write transaction (~0.1 s)
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(auto taken, tx->Query("SELECT 1 FROM users WHERE email = ?", {email}));
  if (!taken.empty()) return Error::Conflict("an account already uses this email address");
  ASSIGN_OR_RETURN(auto ins, tx->Query("INSERT INTO users (email, name, role, company_id, password_hash, created_at) "
                                       "VALUES (?, ?, 'exporter', ?, ?, ?) RETURNING id",
                                       {email, name, company_id, hash, now}));
  const int64_t id = ins[0].Int(0);
  RETURN_IF_ERROR(audit::Record(*tx, who, meta, now,
                                {"user.create", "user", std::to_string(id),
                                 "{\"role\":\"exporter\",\"company_id\":" + std::to_string(company_id) + "}"}));
  RETURN_IF_ERROR(tx->Commit());
  return CompanyUser{id, email, name, true, now};
}

Result<CompanyUser> IdentityService::SetCompanyUserActive(const Principal& who, int64_t company_id, int64_t user_id,
                                                          bool active, const RequestMeta& meta) {
  RETURN_IF_ERROR(MayManage(who, company_id));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(
      auto rows, tx->Query(std::string(kSelectCompanyUser) + "WHERE id = ? AND company_id = ?", {user_id, company_id}));
  if (rows.empty()) return Error::NotFound("no user " + std::to_string(user_id) + " in this company");
  CompanyUser u = CompanyUserFromRow(rows[0]);
  if (!active && user_id == who.user_id) return Error::Conflict("you cannot disable your own account");
  if (u.active == active) return u;  // nothing changes, nothing to audit
  RETURN_IF_ERROR(tx->Exec("UPDATE users SET active = ? WHERE id = ?", {int64_t{active}, user_id}));
  int64_t ended = 0;
  if (!active) {
    ASSIGN_OR_RETURN(ended, tx->Exec("DELETE FROM sessions WHERE user_id = ?", {user_id}));
  }
  RETURN_IF_ERROR(audit::Record(
      *tx, who, meta, now,
      {active ? "user.enable" : "user.disable", "user", std::to_string(user_id),
       "{\"company_id\":" + std::to_string(company_id) + ",\"sessions_ended\":" + std::to_string(ended) + "}"}));
  RETURN_IF_ERROR(tx->Commit());
  u.active = active;
  return u;
}

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
  RETURN_IF_ERROR(
      tx->Exec("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
               {Sha256Hex(s.token), s.principal.user_id, s.csrf_token, now, s.expires_at}));
  RETURN_IF_ERROR(tx->Exec("DELETE FROM sessions WHERE expires_at < ?", {now}));
  RETURN_IF_ERROR(
      audit::Record(*tx, s.principal, meta, now, {"auth.login", "user", std::to_string(s.principal.user_id), "{}"}));
  RETURN_IF_ERROR(tx->Commit());
  return s;
}

Result<Session> IdentityService::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return Error::Unauthenticated("no session");
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT u.id, u.email, u.name, u.role, u.company_id, COALESCE(c.name, ''), "
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
  RETURN_IF_ERROR(
      audit::Record(*tx, who, meta, clock_.NowUnix(), {"auth.logout", "user", std::to_string(who.user_id), "{}"}));
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
  RETURN_IF_ERROR(audit::Record(
      *tx, std::nullopt, meta, now,
      {"user.create", "user", std::to_string(id), std::string("{\"role\":\"") + RoleName(u.role) + "\"}"}));
  RETURN_IF_ERROR(tx->Commit());
  return id;
}

}  // namespace origine::identity
