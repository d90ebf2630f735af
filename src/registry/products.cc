// RegistryService: the product registry of an exporter (HS code, producer,
// cost structure), read by the authority.
#include <boost/json.hpp>

#include "audit/audit.h"
#include "registry/internal.h"
#include "registry/registry.h"

namespace origine::registry {
namespace json = boost::json;
using namespace internal;

namespace {

constexpr int64_t kMaxListed = 1000;

// Products belong to a company: only its users declare, edit and delete them.
Error CompanyUsersOnly(const char* what) {
  return Error::Denied("product.forbidden"_code, std::string("only a company's users ") + what + " its products");
}

// The columns of a validated product body (ValidateProduct's output).
product_store::ProductValues ValuesOf(json::object& p) {
  product_store::ProductValues v;
  v.name = Str(p, "name");
  v.hs_code = Str(p, "hs_code");
  v.producer = Str(p, "producer");
  v.product_kind = Str(p, "product_kind");
  v.wholly_obtained = p["wholly_obtained"].as_bool();
  if (!p["ex_works_xof"].is_null()) v.ex_works_xof = p["ex_works_xof"].as_int64();
  v.materials_json = json::serialize(p["materials"]);
  v.processes_json = json::serialize(p["processes"]);
  return v;
}

}  // namespace

Result<json::array> RegistryService::ListProducts(const Principal& who) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  std::optional<int64_t> company;
  if (!IsStaff(who)) company = who.company_id.value_or(-1);
  ASSIGN_OR_RETURN(auto rows, product_store::SelectAll(*tx, company, kMaxListed));
  json::array items;
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(json::object p, ProductJson(*tx, r));
    items.push_back(std::move(p));
  }
  return items;
}

Result<json::object> RegistryService::GetProduct(const Principal& who, int64_t id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(product_store::ProductRow row, VisibleProduct(*tx, who, id));
  return ProductJson(*tx, row);
}

Result<json::object> RegistryService::CreateProduct(const Principal& who, const json::value& input,
                                                    const RequestMeta& meta) {
  if (!who.company_id) return CompanyUsersOnly("declare");
  ASSIGN_OR_RETURN(json::object p, ValidateProduct(input));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(int64_t id, product_store::Insert(*tx, *who.company_id, ValuesOf(p), now));
  RETURN_IF_ERROR(
      audit::Record(*tx, who, meta, now,
                    {"product.create", "product", std::to_string(id), json::serialize(json::object{{"after", p}})}));
  ASSIGN_OR_RETURN(product_store::ProductRow row, VisibleProduct(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, ProductJson(*tx, row));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<json::object> RegistryService::UpdateProduct(const Principal& who, int64_t id, const json::value& input,
                                                    const RequestMeta& meta) {
  if (!who.company_id) return CompanyUsersOnly("edit");
  ASSIGN_OR_RETURN(json::object p, ValidateProduct(input));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(product_store::ProductRow old, VisibleProduct(*tx, who, id));
  ASSIGN_OR_RETURN(json::object before, ProductJson(*tx, old));
  RETURN_IF_ERROR(product_store::Update(*tx, id, ValuesOf(p), now));
  before.erase("approvals");
  RETURN_IF_ERROR(audit::Record(*tx, who, meta, now,
                                {"product.update", "product", std::to_string(id),
                                 json::serialize(json::object{{"before", before}, {"after", p}})}));
  ASSIGN_OR_RETURN(product_store::ProductRow row, VisibleProduct(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, ProductJson(*tx, row));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

Status RegistryService::DeleteProduct(const Principal& who, int64_t id, const RequestMeta& meta) {
  if (!who.company_id) return CompanyUsersOnly("delete");
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(product_store::ProductRow old, VisibleProduct(*tx, who, id));
  ASSIGN_OR_RETURN(bool granted, approval_store::HasGranted(*tx, id));
  if (granted)
    return Error::Conflict("product.has_approval"_code, "a product with a granted approval cannot be deleted");
  RETURN_IF_ERROR(approval_store::DeleteForProduct(*tx, id));
  RETURN_IF_ERROR(product_store::Delete(*tx, id));
  RETURN_IF_ERROR(
      audit::Record(*tx, who, meta, clock_.NowUnix(),
                    {"product.delete", "product", std::to_string(id),
                     json::serialize(json::object{{"name", old.values.name}, {"hs_code", old.values.hs_code}})}));
  return tx->Commit();
}

}  // namespace origine::registry
