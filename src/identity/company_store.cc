#include "identity/company_store.h"

namespace origine::identity::company_store {
namespace {

constexpr std::string_view kSelectCompany =
    "SELECT id, name, nif, rccm, address, sector, status, created_at FROM companies WHERE id = ?";
constexpr std::string_view kSelectCompaniesByName =
    "SELECT id, name, nif, rccm, address, sector, status, created_at FROM companies ORDER BY name, id LIMIT ?";
constexpr std::string_view kSelectCompanyIdByNif = "SELECT id FROM companies WHERE nif = ?";
constexpr std::string_view kInsertCompany =
    "INSERT INTO companies (name, nif, rccm, address, sector, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "RETURNING id";
constexpr std::string_view kUpdateCompanyProfile =
    "UPDATE companies SET name = ?, nif = ?, rccm = ?, address = ?, sector = ? WHERE id = ?";
constexpr std::string_view kUpdateCompanyStatus = "UPDATE companies SET status = ? WHERE id = ?";
constexpr std::string_view kSelectStatusNames = "SELECT status FROM company_statuses ORDER BY status";

CompanyRecord FromRow(const storage::Row& r) {
  CompanyRecord c{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), CompanyStatus::kActive, r.Int(7)};
  // The FOREIGN KEY to company_statuses keeps the column to known names.
  c.status = ParseCompanyStatus(r.Text(6)).value_or(CompanyStatus::kActive);
  return c;
}

}  // namespace

Result<std::optional<CompanyRecord>> Select(storage::Tx& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectCompany, {id}));
  if (rows.empty()) return std::optional<CompanyRecord>();
  return std::optional<CompanyRecord>(FromRow(rows[0]));
}

Result<std::vector<CompanyRecord>> SelectAll(storage::Tx& tx, int64_t limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectCompaniesByName, {limit}));
  std::vector<CompanyRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<std::optional<int64_t>> SelectIdByNif(storage::Tx& tx, const std::string& nif) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectCompanyIdByNif, {nif}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

Result<int64_t> Insert(storage::Tx& tx, const CompanyProfile& p, CompanyStatus status, int64_t created_at) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kInsertCompany, {p.name, p.nif, p.rccm, p.address, p.sector,
                                                        std::string(CompanyStatusName(status)), created_at}));
  return rows[0].Int(0);
}

Result<int64_t> UpdateProfile(storage::Tx& tx, int64_t id, const CompanyProfile& p) {
  return tx.Exec(kUpdateCompanyProfile, {p.name, p.nif, p.rccm, p.address, p.sector, id});
}

Result<int64_t> UpdateStatus(storage::Tx& tx, int64_t id, CompanyStatus status) {
  return tx.Exec(kUpdateCompanyStatus, {std::string(CompanyStatusName(status)), id});
}

Result<std::vector<std::string>> SelectStatusNames(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectStatusNames));
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

}  // namespace origine::identity::company_store
