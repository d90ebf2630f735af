// ProductFacts: what a registered product brings to a goods line for the
// origin engine (cost structure, materials, processes, approval).
#include <boost/json.hpp>

#include "registry/internal.h"
#include "registry/registry.h"

namespace origine::registry {
namespace json = boost::json;

Result<origin::GoodsLineFacts> ProductFacts(storage::Tx& tx, int64_t company_id, int64_t product_id,
                                            const std::string& regime_code, const std::string& date) {
  ASSIGN_OR_RETURN(std::optional<product_store::ProductRow> row,
                   product_store::SelectOfCompany(tx, product_id, company_id));
  if (!row) return internal::ProductNotFound(product_id);
  const product_store::ProductValues& v = row->values;
  origin::GoodsLineFacts f;
  f.hs_code = v.hs_code;
  f.product_kind = v.product_kind;
  f.wholly_obtained = v.wholly_obtained;
  f.ex_works_xof = v.ex_works_xof.value_or(0);
  boost::system::error_code ec;
  json::value materials = json::parse(v.materials_json, ec);
  if (!ec && materials.is_array())
    for (const auto& m : materials.as_array()) {
      const auto& o = m.as_object();
      f.non_originating.push_back({internal::Str(o, "hs_code"), o.at("cif_xof").to_number<int64_t>(),
                                   internal::Str(o, "origin_country"), internal::Str(o, "description")});
    }
  json::value processes = json::parse(v.processes_json, ec);
  if (!ec && processes.is_array())
    for (const auto& p : processes.as_array()) f.processes.emplace_back(p.as_string());
  ASSIGN_OR_RETURN(auto approvals, approval_store::SelectGranted(tx, product_id, regime_code));
  bool valid = false;
  for (const auto& a : approvals) {
    origin::Approval ap{a.number, a.regime, f.hs_code, a.valid_from, a.valid_until};
    valid = ap.valid_from <= date && date <= ap.valid_to;
    if (!f.approval || valid) f.approval = ap;
    if (valid) break;
  }
  // Without a product approval valid on the date, the company's approved-exporter
  // status for the regime stands in (docs/adr/0021-approved-exporter-status.md).
  if (!valid) {
    ASSIGN_OR_RETURN(auto company, CompanyApprovalOn(tx, company_id, regime_code, date));
    if (company) f.approval = std::move(company);
  }
  return f;
}

}  // namespace origine::registry
