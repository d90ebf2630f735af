// IdentityService: companies and accounts created by the operator (`origine demo seed`, tests).
#include "audit/audit.h"
#include "identity/company_store.h"
#include "identity/email.h"
#include "identity/identity_service.h"
#include "identity/password.h"
#include "identity/user_store.h"

namespace origine::identity {

Result<int64_t> IdentityService::EnsureCompany(const NewCompany& c, const RequestMeta& meta) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(std::optional<int64_t> existing, company_store::SelectIdByNif(*tx, c.nif));
  if (existing) return *existing;
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(int64_t id,
                   company_store::Insert(*tx, {c.name, c.nif, c.rccm, c.address, ""}, CompanyStatus::kActive, now));
  RETURN_IF_ERROR(audit::Record(*tx, std::nullopt, meta, now, {"company.create", "company", std::to_string(id), "{}"}));
  RETURN_IF_ERROR(tx->Commit());
  return id;
}

Result<int64_t> IdentityService::EnsureUser(const NewUser& u, const RequestMeta& meta) {
  const std::string email = NormalizeEmail(u.email);
  if (email.find('@') == std::string::npos)
    return Error::Invalid("email.format"_code, "invalid email", {{"email", "email.format"_code, "not an email"}});
  if ((u.role == Role::kExporter) != u.company_id.has_value())
    return Error::Invalid("user.company_rule"_code, "exporters, and only exporters, belong to a company");
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(std::optional<int64_t> existing, user_store::SelectIdByEmail(*tx, email));
    if (existing) return *existing;
  }
  ASSIGN_OR_RETURN(std::string hash, HashPassword(u.password));
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(int64_t id, user_store::Insert(*tx, {email, u.name, u.role, u.company_id, hash, now}));
  RETURN_IF_ERROR(audit::Record(
      *tx, std::nullopt, meta, now,
      {"user.create", "user", std::to_string(id), std::string("{\"role\":\"") + RoleName(u.role) + "\"}"}));
  RETURN_IF_ERROR(tx->Commit());
  return id;
}

}  // namespace origine::identity
