#include "identity/directory.h"

namespace origine::identity {
namespace {

constexpr std::string_view kSelectCompany =
    "SELECT id, name, nif, rccm, address, sector, status, created_at FROM companies WHERE id = ?";
constexpr std::string_view kSelectUserName = "SELECT name, email, role FROM users WHERE id = ?";

}  // namespace

Result<CompanyRecord> FindCompany(storage::Tx& tx, int64_t company_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectCompany, {company_id}));
  if (rows.empty())
    return Error::NotFound("company.not_found"_code, "no company " + std::to_string(company_id))
        .With("id", std::to_string(company_id));
  const storage::Row& r = rows[0];
  return CompanyRecord{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Int(7)};
}

Result<std::map<int64_t, UserName>> FindUserNames(storage::Tx& tx, const std::vector<int64_t>& user_ids) {
  std::map<int64_t, UserName> out;
  for (int64_t id : user_ids) {
    if (out.count(id)) continue;
    ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectUserName, {id}));
    if (!rows.empty()) out[id] = UserName{rows[0].Text(0), rows[0].Text(1), rows[0].Text(2)};
  }
  return out;
}

}  // namespace origine::identity
