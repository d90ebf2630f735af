#include "identity/user_store.h"

namespace origine::identity::user_store {
namespace {

// The user and the name of its company (both tables are identity's).
constexpr std::string_view kSelectAccountByEmail =
    "SELECT u.id, u.email, u.name, u.role, u.company_id, COALESCE(c.name, ''), u.password_hash, u.active "
    "FROM users u LEFT JOIN companies c ON c.id = u.company_id WHERE u.email = ?";
constexpr std::string_view kSelectIdByEmail = "SELECT id FROM users WHERE email = ?";
constexpr std::string_view kSelectName = "SELECT name, email, role FROM users WHERE id = ?";
constexpr std::string_view kSelectByCompany =
    "SELECT id, email, name, active, created_at FROM users WHERE company_id = ? ORDER BY id";
constexpr std::string_view kSelectInCompany =
    "SELECT id, email, name, active, created_at FROM users WHERE id = ? AND company_id = ?";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (email, name, role, company_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?) "
    "RETURNING id";
constexpr std::string_view kUpdateActive = "UPDATE users SET active = ? WHERE id = ?";
constexpr std::string_view kSelectRoleNames = "SELECT role FROM user_roles ORDER BY role";

CompanyUser CompanyUserFromRow(const storage::Row& r) {
  return {r.Int(0), r.Text(1), r.Text(2), r.Int(3) != 0, r.Int(4)};
}

}  // namespace

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

Result<std::optional<Account>> SelectAccountByEmail(storage::Tx& tx, const std::string& email) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectAccountByEmail, {email}));
  if (rows.empty()) return std::optional<Account>();
  return std::optional<Account>(Account{PrincipalFromRow(rows[0]), rows[0].Text(6), rows[0].Int(7) != 0});
}

Result<std::optional<int64_t>> SelectIdByEmail(storage::Tx& tx, const std::string& email) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectIdByEmail, {email}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

Result<std::optional<UserName>> SelectName(storage::Tx& tx, int64_t user_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectName, {user_id}));
  if (rows.empty()) return std::optional<UserName>();
  return std::optional<UserName>(UserName{rows[0].Text(0), rows[0].Text(1), rows[0].Text(2)});
}

Result<std::vector<CompanyUser>> SelectByCompany(storage::Tx& tx, int64_t company_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectByCompany, {company_id}));
  std::vector<CompanyUser> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(CompanyUserFromRow(r));
  return out;
}

Result<std::optional<CompanyUser>> SelectInCompany(storage::Tx& tx, int64_t user_id, int64_t company_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectInCompany, {user_id, company_id}));
  if (rows.empty()) return std::optional<CompanyUser>();
  return std::optional<CompanyUser>(CompanyUserFromRow(rows[0]));
}

Result<int64_t> Insert(storage::Tx& tx, const NewUserRow& u) {
  storage::Value company = nullptr;
  if (u.company_id) company = *u.company_id;
  ASSIGN_OR_RETURN(auto rows, tx.Query(kInsertUser, {u.email, u.name, std::string(RoleName(u.role)), company,
                                                     u.password_hash, u.created_at}));
  return rows[0].Int(0);
}

Result<int64_t> UpdateActive(storage::Tx& tx, int64_t user_id, bool active) {
  return tx.Exec(kUpdateActive, {int64_t{active}, user_id});
}

Result<std::vector<std::string>> SelectRoleNames(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectRoleNames));
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

}  // namespace origine::identity::user_store
