#include "identity/directory.h"

#include "identity/company_store.h"
#include "identity/user_store.h"

namespace origine::identity {
namespace {

Error CompanyNotFound(int64_t company_id) {
  return Error::NotFound("company.not_found"_code, "no company " + std::to_string(company_id))
      .With("id", std::to_string(company_id));
}

}  // namespace

Result<CompanyRecord> FindCompany(storage::Tx& tx, int64_t company_id) {
  ASSIGN_OR_RETURN(std::optional<CompanyRecord> c, company_store::Select(tx, company_id));
  if (!c) return CompanyNotFound(company_id);
  return std::move(*c);
}

Result<std::vector<CompanyRecord>> ListCompanies(storage::Tx& tx, int64_t limit) {
  return company_store::SelectAll(tx, limit);
}

Status UpdateCompanyProfile(storage::Tx& tx, int64_t company_id, const CompanyProfile& profile) {
  ASSIGN_OR_RETURN(std::optional<int64_t> holder, company_store::SelectIdByNif(tx, profile.nif));
  if (holder && *holder != company_id)
    return Error::Conflict("nif.taken"_code, "another company is registered with the NIF " + profile.nif)
        .With("nif", profile.nif);
  ASSIGN_OR_RETURN(int64_t changed, company_store::UpdateProfile(tx, company_id, profile));
  if (changed == 0) return CompanyNotFound(company_id);
  return {};
}

Status SetCompanyStatus(storage::Tx& tx, int64_t company_id, CompanyStatus status) {
  ASSIGN_OR_RETURN(int64_t changed, company_store::UpdateStatus(tx, company_id, status));
  if (changed == 0) return CompanyNotFound(company_id);
  return {};
}

Result<std::map<int64_t, UserName>> FindUserNames(storage::Tx& tx, const std::vector<int64_t>& user_ids) {
  std::map<int64_t, UserName> out;
  for (int64_t id : user_ids) {
    if (out.count(id)) continue;
    ASSIGN_OR_RETURN(std::optional<UserName> name, user_store::SelectName(tx, id));
    if (name) out[id] = std::move(*name);
  }
  return out;
}

Result<std::optional<int64_t>> FindUserIdByEmail(storage::Tx& tx, const std::string& email) {
  return user_store::SelectIdByEmail(tx, email);
}

}  // namespace origine::identity
