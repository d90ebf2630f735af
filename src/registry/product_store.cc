#include "registry/product_store.h"

namespace origine::registry::product_store {
namespace {

constexpr std::string_view kSelectProduct =
    "SELECT id, company_id, name, hs_code, producer, product_kind, wholly_obtained, ex_works_xof, materials, "
    "processes, created_at, updated_at FROM products WHERE id = ?";
constexpr std::string_view kSelectProductOfCompany =
    "SELECT id, company_id, name, hs_code, producer, product_kind, wholly_obtained, ex_works_xof, materials, "
    "processes, created_at, updated_at FROM products WHERE id = ? AND company_id = ?";
constexpr std::string_view kSelectProducts =
    "SELECT id, company_id, name, hs_code, producer, product_kind, wholly_obtained, ex_works_xof, materials, "
    "processes, created_at, updated_at FROM products ORDER BY id LIMIT ?";
constexpr std::string_view kSelectCompanyProducts =
    "SELECT id, company_id, name, hs_code, producer, product_kind, wholly_obtained, ex_works_xof, materials, "
    "processes, created_at, updated_at FROM products WHERE company_id = ? ORDER BY id LIMIT ?";
constexpr std::string_view kInsertProduct =
    "INSERT INTO products (company_id, name, hs_code, producer, product_kind, wholly_obtained, ex_works_xof, "
    "materials, processes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdateProduct =
    "UPDATE products SET name = ?, hs_code = ?, producer = ?, product_kind = ?, wholly_obtained = ?, "
    "ex_works_xof = ?, materials = ?, processes = ?, updated_at = ? WHERE id = ?";
constexpr std::string_view kDeleteProduct = "DELETE FROM products WHERE id = ?";

ProductRow FromRow(const storage::Row& r) {
  ProductRow p;
  p.id = r.Int(0);
  p.company_id = r.Int(1);
  p.values.name = r.Text(2);
  p.values.hs_code = r.Text(3);
  p.values.producer = r.Text(4);
  p.values.product_kind = r.Text(5);
  p.values.wholly_obtained = r.Int(6) != 0;
  if (!r.IsNull(7)) p.values.ex_works_xof = r.Int(7);
  p.values.materials_json = r.Text(8);
  p.values.processes_json = r.Text(9);
  p.created_at = r.Int(10);
  p.updated_at = r.Int(11);
  return p;
}

std::optional<ProductRow> First(const std::vector<storage::Row>& rows) {
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

storage::Value ExWorks(const ProductValues& v) {
  return v.ex_works_xof ? storage::Value(*v.ex_works_xof) : storage::Value(nullptr);
}

}  // namespace

Result<std::optional<ProductRow>> Select(storage::Tx& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectProduct, {id}));
  return First(rows);
}

Result<std::optional<ProductRow>> SelectOfCompany(storage::Tx& tx, int64_t id, int64_t company_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectProductOfCompany, {id, company_id}));
  return First(rows);
}

Result<std::vector<ProductRow>> SelectAll(storage::Tx& tx, std::optional<int64_t> company_id, int64_t limit) {
  ASSIGN_OR_RETURN(auto rows, company_id ? tx.Query(kSelectCompanyProducts, {*company_id, limit})
                                         : tx.Query(kSelectProducts, {limit}));
  std::vector<ProductRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<int64_t> Insert(storage::Tx& tx, int64_t company_id, const ProductValues& v, int64_t now) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kInsertProduct, {company_id, v.name, v.hs_code, v.producer, v.product_kind,
                                                        int64_t{v.wholly_obtained}, ExWorks(v), v.materials_json,
                                                        v.processes_json, now, now}));
  return rows[0].Int(0);
}

Status Update(storage::Tx& tx, int64_t id, const ProductValues& v, int64_t now) {
  RETURN_IF_ERROR(tx.Exec(kUpdateProduct, {v.name, v.hs_code, v.producer, v.product_kind, int64_t{v.wholly_obtained},
                                           ExWorks(v), v.materials_json, v.processes_json, now, id}));
  return {};
}

Status Delete(storage::Tx& tx, int64_t id) {
  RETURN_IF_ERROR(tx.Exec(kDeleteProduct, {id}));
  return {};
}

}  // namespace origine::registry::product_store
