// origine/registry/product_store.h — every SQL statement on `products`
// (registry owns it, ADR 0058). Internal to the registry module.
//
// Thread-safety: stateless; the Tx belongs to the caller's thread. Failure:
// database errors pass through.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/db.h"

namespace origine::registry::product_store {

// The columns an exporter declares (materials and processes as JSON text).
struct ProductValues {
  std::string name, hs_code, producer, product_kind;
  bool wholly_obtained = false;
  std::optional<int64_t> ex_works_xof;
  std::string materials_json = "[]", processes_json = "[]";
};

struct ProductRow {
  int64_t id = 0, company_id = 0;
  ProductValues values;
  int64_t created_at = 0, updated_at = 0;
};

Result<std::optional<ProductRow>> Select(storage::Tx& tx, int64_t id);
// The product only if it belongs to `company_id`.
Result<std::optional<ProductRow>> SelectOfCompany(storage::Tx& tx, int64_t id, int64_t company_id);
// Every product (nullopt) or a company's, by id, at most `limit`.
Result<std::vector<ProductRow>> SelectAll(storage::Tx& tx, std::optional<int64_t> company_id, int64_t limit);

// Returns the new product's id.
Result<int64_t> Insert(storage::Tx& tx, int64_t company_id, const ProductValues& values, int64_t now);
Status Update(storage::Tx& tx, int64_t id, const ProductValues& values, int64_t now);
Status Delete(storage::Tx& tx, int64_t id);

}  // namespace origine::registry::product_store
