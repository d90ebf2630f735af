// RegistryService: company profiles (read by the company and the authority,
// edited by the company) and their status (set by an administrator). The
// companies table is identity's: read and written through identity/directory.h.
#include <boost/json.hpp>

#include "audit/audit.h"
#include "identity/directory.h"
#include "registry/internal.h"
#include "registry/reference.h"
#include "registry/registry.h"

namespace origine::registry {
namespace json = boost::json;
using namespace internal;

namespace {

constexpr size_t kMaxProfileFieldBytes = 500;

Error NoProfile() { return Error::NotFound("company.not_found"_code, "no company profile for this account"); }

// The profile as recorded in the audit event (with the company's id and status).
json::object ProfileJson(int64_t id, const identity::CompanyProfile& p, identity::CompanyStatus status) {
  return {{"id", id},
          {"name", p.name},
          {"nif", p.nif},
          {"rccm", p.rccm},
          {"address", p.address},
          {"sector", p.sector},
          {"status", identity::CompanyStatusName(status)}};
}

// Applies the fields of `in` to `profile`, naming every bad one.
void ApplyProfile(const json::object& in, identity::CompanyProfile& profile, std::vector<FieldError>* errors) {
  UnknownFields(in, {"name", "nif", "rccm", "address", "sector"}, errors);
  const std::pair<const char*, std::string*> fields[] = {{"name", &profile.name},
                                                         {"nif", &profile.nif},
                                                         {"rccm", &profile.rccm},
                                                         {"address", &profile.address},
                                                         {"sector", &profile.sector}};
  for (const auto& [k, target] : fields) {
    auto it = in.find(k);
    if (it == in.end()) continue;
    if (!it->value().is_string()) {
      errors->push_back({k, "field.string"_code, "must be a string"});
      continue;
    }
    std::string v(it->value().as_string());
    const std::string key = k;
    if (v.size() > kMaxProfileFieldBytes)
      errors->push_back({k,
                         "field.too_long"_code,
                         "must have at most 500 characters",
                         {{"max", std::to_string(kMaxProfileFieldBytes)}}});
    else if (key == "nif" && !IsNif(v))
      errors->push_back(
          {k, "nif.format"_code, "must be 9 digits and a capital letter (084151646T)", {{"example", "084151646T"}}});
    else if (key == "rccm" && !IsRccm(v))
      errors->push_back(
          {k, "rccm.format"_code, "must look like MA.BKO.2023.B.4040", {{"example", "MA.BKO.2023.B.4040"}}});
    else if ((key == "name" || key == "address") && v.find_first_not_of(' ') == std::string::npos)
      errors->push_back({k, "field.required"_code, "is required"});
    else
      *target = std::move(v);
  }
}

}  // namespace

Result<json::object> RegistryService::GetCompany(const Principal& who) {
  if (!who.company_id) return NoProfile();
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(identity::CompanyRecord c, VisibleCompany(*tx, who, *who.company_id));
  return CompanyJson(*tx, c, Today(clock_));
}

Result<json::object> RegistryService::GetCompanyById(const Principal& who, int64_t company_id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(identity::CompanyRecord c, VisibleCompany(*tx, who, company_id));
  return CompanyJson(*tx, c, Today(clock_));
}

Result<json::object> RegistryService::UpdateCompany(const Principal& who, const json::value& input,
                                                    const RequestMeta& meta) {
  if (!who.company_id) return NoProfile();
  if (!input.is_object()) return Error::Invalid("company.invalid"_code, "the company must be a JSON object");
  const int64_t company_id = *who.company_id;
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(identity::CompanyRecord company, identity::FindCompany(*tx, company_id));
  const identity::CompanyProfile before = company.profile();
  identity::CompanyProfile after = before;
  std::vector<FieldError> errors;
  ApplyProfile(input.as_object(), after, &errors);
  if (!errors.empty())
    return Error::Invalid("company.invalid"_code, "the company has invalid fields", std::move(errors));
  RETURN_IF_ERROR(identity::UpdateCompanyProfile(*tx, company_id, after));
  // The audit event keeps the profile before and after, with the status as it was.
  RETURN_IF_ERROR(
      audit::Record(*tx, who, meta, clock_.NowUnix(),
                    {"company.update", "company", std::to_string(company_id),
                     json::serialize(json::object{{"before", ProfileJson(company_id, before, company.status)},
                                                  {"after", ProfileJson(company_id, after, company.status)}})}));
  ASSIGN_OR_RETURN(company, identity::FindCompany(*tx, company_id));
  ASSIGN_OR_RETURN(json::object out, CompanyJson(*tx, company, Today(clock_)));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::array> RegistryService::ListCompanies(const Principal& who) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto companies, identity::ListCompanies(*tx, 1000));
  json::array items;
  for (const auto& c : companies) {
    ASSIGN_OR_RETURN(json::object o, CompanyJson(*tx, c, Today(clock_)));
    items.push_back(std::move(o));
  }
  return items;
}

Result<json::object> RegistryService::SetCompanyStatus(const Principal& who, int64_t company_id,
                                                       const std::string& status, const std::string& comment,
                                                       const RequestMeta& meta) {
  std::optional<identity::CompanyStatus> to = identity::ParseCompanyStatus(status);
  if (!to)
    return Error::Invalid("company_status.unknown"_code, "unknown status",
                          {{"status",
                            "company_status.unknown"_code,
                            "must be pending, active or suspended",
                            {{"statuses", "pending, active, suspended"}}}});
  if (comment.size() > kMaxCommentBytes)
    return Error::Invalid("comment.too_long"_code, "the comment is too long", {CommentTooLong()});
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(identity::CompanyRecord company, identity::FindCompany(*tx, company_id));
  const std::string before = identity::CompanyStatusName(company.status);
  RETURN_IF_ERROR(identity::SetCompanyStatus(*tx, company_id, *to));
  RETURN_IF_ERROR(audit::Record(
      *tx, who, meta, clock_.NowUnix(),
      {"company.status", "company", std::to_string(company_id),
       json::serialize(json::object{{"status", {{"before", before}, {"after", status}}}, {"comment", comment}})}));
  ASSIGN_OR_RETURN(company, identity::FindCompany(*tx, company_id));
  ASSIGN_OR_RETURN(json::object out, CompanyJson(*tx, company, Today(clock_)));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace origine::registry
