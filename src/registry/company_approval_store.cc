#include "registry/company_approval_store.h"

namespace origine::registry::company_approval_store {
namespace {

#define ORIGINE_SELECT_COMPANY_APPROVAL                                                                       \
  "SELECT id, company_id, regime, number, valid_from, valid_until, status, comment, granted_by, granted_at, " \
  "COALESCE(revoked_at, 0), COALESCE(revoke_comment, '') FROM company_approvals "
constexpr std::string_view kSelect = ORIGINE_SELECT_COMPANY_APPROVAL "WHERE id = ?";
constexpr std::string_view kSelectOfCompany = ORIGINE_SELECT_COMPANY_APPROVAL "WHERE id = ? AND company_id = ?";
constexpr std::string_view kSelectForCompany = ORIGINE_SELECT_COMPANY_APPROVAL "WHERE company_id = ? ORDER BY id DESC";
constexpr std::string_view kSelectActive =
    ORIGINE_SELECT_COMPANY_APPROVAL "WHERE company_id = ? AND regime = ? AND status = 'active' ORDER BY id";
constexpr std::string_view kSelectValidOn = ORIGINE_SELECT_COMPANY_APPROVAL
    "WHERE company_id = ? AND regime = ? AND status = 'active' AND valid_from <= ? AND valid_until >= ? "
    "ORDER BY valid_until DESC, id DESC";
#undef ORIGINE_SELECT_COMPANY_APPROVAL
constexpr std::string_view kInsert =
    "INSERT INTO company_approvals (company_id, regime, number, valid_from, valid_until, status, comment, "
    "granted_by, granted_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?) RETURNING id";
constexpr std::string_view kRevoke =
    "UPDATE company_approvals SET status = 'revoked', revoked_by = ?, revoked_at = ?, revoke_comment = ? "
    "WHERE id = ? AND status = 'active'";

CompanyApprovalRow FromRow(const storage::Row& r) {
  CompanyApprovalRow a;
  a.id = r.Int(0);
  a.company_id = r.Int(1);
  a.regime = r.Text(2);
  a.number = r.Text(3);
  a.valid_from = r.Text(4);
  a.valid_until = r.Text(5);
  a.status = r.Text(6);
  a.comment = r.Text(7);
  a.granted_by = r.Int(8);
  a.granted_at = r.Int(9);
  a.revoked_at = r.Int(10);
  a.revoke_comment = r.Text(11);
  return a;
}

std::optional<CompanyApprovalRow> First(const std::vector<storage::Row>& rows) {
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<CompanyApprovalRow> FromRows(const std::vector<storage::Row>& rows) {
  std::vector<CompanyApprovalRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace

Result<std::optional<CompanyApprovalRow>> Select(storage::Tx& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelect, {id}));
  return First(rows);
}

Result<std::optional<CompanyApprovalRow>> SelectOfCompany(storage::Tx& tx, int64_t id, int64_t company_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectOfCompany, {id, company_id}));
  return First(rows);
}

Result<std::vector<CompanyApprovalRow>> SelectForCompany(storage::Tx& tx, int64_t company_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectForCompany, {company_id}));
  return FromRows(rows);
}

Result<std::vector<CompanyApprovalRow>> SelectActive(storage::Tx& tx, int64_t company_id, const std::string& regime) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectActive, {company_id, regime}));
  return FromRows(rows);
}

Result<int64_t> Insert(storage::Tx& tx, const NewCompanyApproval& a) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kInsert, {a.company_id, a.regime, a.number, a.valid_from, a.valid_until,
                                                 a.comment, a.granted_by, a.granted_at}));
  return rows[0].Int(0);
}

Result<int64_t> Revoke(storage::Tx& tx, int64_t id, int64_t revoked_by, int64_t revoked_at,
                       const std::string& comment) {
  return tx.Exec(kRevoke, {revoked_by, revoked_at, comment, id});
}

Result<std::optional<CompanyApprovalRow>> SelectValidOn(storage::Tx& tx, int64_t company_id, const std::string& regime,
                                                        const std::string& date) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectValidOn, {company_id, regime, date, date}));
  return First(rows);
}

}  // namespace origine::registry::company_approval_store
