// IdentityService: the users of a company, managed by its exporters and the administrators.
#include "audit/audit.h"
#include "identity/company_store.h"
#include "identity/email.h"
#include "identity/identity_service.h"
#include "identity/password.h"
#include "identity/session_store.h"
#include "identity/user_store.h"

namespace origine::identity {
namespace {

constexpr size_t kMaxNameBytes = 200;

Error CompanyNotFound(int64_t company_id) {
  return Error::NotFound("company.not_found"_code, "no company " + std::to_string(company_id))
      .With("id", std::to_string(company_id));
}

// The scope of a company's users: an administrator reaches any company's,
// anyone else only those of its own company (who may call is the API's
// authorization table: the company's exporters and the administrators).
Status MayManage(const Principal& who, int64_t company_id) {
  if (who.role == Role::kAdmin) return {};
  if (!who.company_id || *who.company_id != company_id) return CompanyNotFound(company_id);
  return {};
}

Status CompanyExists(storage::Tx& tx, int64_t company_id) {
  ASSIGN_OR_RETURN(auto company, company_store::Select(tx, company_id));
  if (!company) return CompanyNotFound(company_id);
  return {};
}

// Every bad field of a new company user, named.
std::vector<FieldError> CheckNewUser(const std::string& email, const std::string& name, const std::string& password) {
  std::vector<FieldError> errors;
  if (!IsEmail(email)) errors.push_back({"email", "email.format"_code, "must be an email address"});
  if (name.find_first_not_of(" \t") == std::string::npos)
    errors.push_back({"name", "name.required"_code, "is required"});
  else if (name.size() > kMaxNameBytes)
    errors.push_back(
        {"name", "name.length"_code, "must have at most 200 characters", {{"max", std::to_string(kMaxNameBytes)}}});
  if (password.size() < kMinPasswordBytes)
    errors.push_back(PasswordLengthError("password", "must have at least 8 characters"));
  else if (password.size() > kMaxPasswordBytes)
    errors.push_back(PasswordLengthError("password", "must have at most 256 characters"));
  return errors;
}

}  // namespace

Result<std::vector<CompanyUser>> IdentityService::ListCompanyUsers(const Principal& who, int64_t company_id) {
  RETURN_IF_ERROR(MayManage(who, company_id));
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  RETURN_IF_ERROR(CompanyExists(*tx, company_id));
  return user_store::SelectByCompany(*tx, company_id);
}

Result<CompanyUser> IdentityService::AddCompanyUser(const Principal& who, int64_t company_id,
                                                    const std::string& email_in, const std::string& name,
                                                    const std::string& password, const RequestMeta& meta) {
  RETURN_IF_ERROR(MayManage(who, company_id));
  const std::string email = NormalizeEmail(email_in);
  std::vector<FieldError> errors = CheckNewUser(email, name, password);
  if (!errors.empty()) return Error::Invalid("user.invalid"_code, "the user has invalid fields", std::move(errors));
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    RETURN_IF_ERROR(CompanyExists(*tx, company_id));
  }
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));  // outside the write transaction (~0.1 s)
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(auto taken, user_store::SelectIdByEmail(*tx, email));
  if (taken) return Error::Conflict("email.taken"_code, "an account already uses this email address");
  ASSIGN_OR_RETURN(int64_t id, user_store::Insert(*tx, {email, name, Role::kExporter, company_id, hash, now}));
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
  ASSIGN_OR_RETURN(std::optional<CompanyUser> found, user_store::SelectInCompany(*tx, user_id, company_id));
  if (!found)
    return Error::NotFound("user.not_found"_code, "no user " + std::to_string(user_id) + " in this company")
        .With("id", std::to_string(user_id));
  CompanyUser u = std::move(*found);
  if (!active && user_id == who.user_id)
    return Error::Conflict("user.self_disable"_code, "you cannot disable your own account");
  if (u.active == active) return u;  // nothing changes, nothing to audit
  RETURN_IF_ERROR(user_store::UpdateActive(*tx, user_id, active));
  int64_t ended = 0;
  if (!active) {
    ASSIGN_OR_RETURN(ended, session_store::DeleteForUser(*tx, user_id));
  }
  RETURN_IF_ERROR(audit::Record(
      *tx, who, meta, now,
      {active ? "user.enable" : "user.disable", "user", std::to_string(user_id),
       "{\"company_id\":" + std::to_string(company_id) + ",\"sessions_ended\":" + std::to_string(ended) + "}"}));
  RETURN_IF_ERROR(tx->Commit());
  u.active = active;
  return u;
}

}  // namespace origine::identity
