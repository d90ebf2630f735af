#include "registry/approval_store.h"

namespace origine::registry::approval_store {
namespace {

// The approval and its product (registry's own tables).
#define ORIGINE_SELECT_APPROVAL                                                                               \
  "SELECT a.id, a.product_id, a.regime, a.status, COALESCE(a.number, ''), COALESCE(a.valid_from, ''), "       \
  "COALESCE(a.valid_until, ''), COALESCE(a.comment, ''), a.requested_at, COALESCE(a.decided_at, 0), p.name, " \
  "p.hs_code, p.company_id FROM product_approvals a JOIN products p ON p.id = a.product_id "
constexpr std::string_view kSelectApproval = ORIGINE_SELECT_APPROVAL "WHERE a.id = ?";
constexpr std::string_view kSelectProductApprovals = ORIGINE_SELECT_APPROVAL "WHERE a.product_id = ? ORDER BY a.id";
constexpr std::string_view kSelectApprovals = ORIGINE_SELECT_APPROVAL "ORDER BY a.id DESC LIMIT ?";
constexpr std::string_view kSelectApprovalsInStatus =
    ORIGINE_SELECT_APPROVAL "WHERE a.status = ? ORDER BY a.id DESC LIMIT ?";
#undef ORIGINE_SELECT_APPROVAL
constexpr std::string_view kHasRequested =
    "SELECT 1 FROM product_approvals WHERE product_id = ? AND regime = ? AND status = 'requested'";
constexpr std::string_view kHasGranted = "SELECT 1 FROM product_approvals WHERE product_id = ? AND status = 'granted'";
constexpr std::string_view kInsertRequest =
    "INSERT INTO product_approvals (product_id, regime, status, requested_by, requested_at) "
    "VALUES (?, ?, 'requested', ?, ?) RETURNING id";
constexpr std::string_view kDecide =
    "UPDATE product_approvals SET status = ?, number = ?, valid_from = ?, valid_until = ?, comment = ?, "
    "decided_by = ?, decided_at = ? WHERE id = ? AND status = 'requested'";
constexpr std::string_view kDeleteForProduct = "DELETE FROM product_approvals WHERE product_id = ?";
constexpr std::string_view kSelectGranted =
    "SELECT number, regime, valid_from, valid_until FROM product_approvals WHERE product_id = ? AND regime = ? "
    "AND status = 'granted' ORDER BY valid_until DESC";

ApprovalRow FromRow(const storage::Row& r) {
  ApprovalRow a;
  a.id = r.Int(0);
  a.product_id = r.Int(1);
  a.regime = r.Text(2);
  a.status = r.Text(3);
  a.number = r.Text(4);
  a.valid_from = r.Text(5);
  a.valid_until = r.Text(6);
  a.comment = r.Text(7);
  a.requested_at = r.Int(8);
  a.decided_at = r.Int(9);
  a.product_name = r.Text(10);
  a.product_hs_code = r.Text(11);
  a.company_id = r.Int(12);
  return a;
}

std::vector<ApprovalRow> FromRows(const std::vector<storage::Row>& rows) {
  std::vector<ApprovalRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

storage::Value Optional(const std::optional<std::string>& v) {
  return v ? storage::Value(*v) : storage::Value(nullptr);
}

}  // namespace

Result<std::optional<ApprovalRow>> Select(storage::Tx& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectApproval, {id}));
  if (rows.empty()) return std::optional<ApprovalRow>();
  return std::optional<ApprovalRow>(FromRow(rows[0]));
}

Result<std::vector<ApprovalRow>> SelectForProduct(storage::Tx& tx, int64_t product_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectProductApprovals, {product_id}));
  return FromRows(rows);
}

Result<std::vector<ApprovalRow>> SelectAll(storage::Tx& tx, const std::optional<std::string>& status, int64_t limit) {
  ASSIGN_OR_RETURN(auto rows,
                   status ? tx.Query(kSelectApprovalsInStatus, {*status, limit}) : tx.Query(kSelectApprovals, {limit}));
  return FromRows(rows);
}

Result<bool> HasRequested(storage::Tx& tx, int64_t product_id, const std::string& regime) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kHasRequested, {product_id, regime}));
  return !rows.empty();
}

Result<bool> HasGranted(storage::Tx& tx, int64_t product_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kHasGranted, {product_id}));
  return !rows.empty();
}

Result<int64_t> InsertRequest(storage::Tx& tx, int64_t product_id, const std::string& regime, int64_t requested_by,
                              int64_t now) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kInsertRequest, {product_id, regime, requested_by, now}));
  return rows[0].Int(0);
}

Result<int64_t> Decide(storage::Tx& tx, int64_t id, const Decision& d) {
  return tx.Exec(kDecide, {d.status, Optional(d.number), Optional(d.valid_from), Optional(d.valid_until), d.comment,
                           d.decided_by, d.decided_at, id});
}

Status DeleteForProduct(storage::Tx& tx, int64_t product_id) {
  RETURN_IF_ERROR(tx.Exec(kDeleteForProduct, {product_id}));
  return {};
}

Result<std::vector<GrantedApproval>> SelectGranted(storage::Tx& tx, int64_t product_id, const std::string& regime) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectGranted, {product_id, regime}));
  std::vector<GrantedApproval> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

}  // namespace origine::registry::approval_store
