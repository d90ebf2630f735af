// The JSON views of the registry's objects (as the API answers them).
#include <boost/json.hpp>

#include "identity/directory.h"
#include "registry/internal.h"

namespace origine::registry::internal {
namespace json = boost::json;

namespace {

json::value TextOrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

}  // namespace

Result<json::object> ApprovalJson(storage::Tx& tx, const approval_store::ApprovalRow& r, bool with_owner,
                                  CompanyNames& names) {
  json::object o{{"id", r.id}};
  if (with_owner) {
    ASSIGN_OR_RETURN(std::string company_name, names.Get(tx, r.company_id));
    o["product"] = {{"id", r.product_id}, {"name", r.product_name}, {"hs_code", r.product_hs_code}};
    o["company"] = {{"id", r.company_id}, {"name", company_name}};
  }
  o["regime"] = r.regime;
  o["status"] = r.status;
  o["number"] = TextOrNull(r.number);
  o["valid_from"] = TextOrNull(r.valid_from);
  o["valid_until"] = TextOrNull(r.valid_until);
  o["comment"] = r.comment;
  o["requested_at"] = FormatUtc(r.requested_at);
  o["decided_at"] = r.decided_at ? json::value(FormatUtc(r.decided_at)) : json::value(nullptr);
  return o;
}

Result<json::object> ProductJson(storage::Tx& tx, const product_store::ProductRow& r) {
  const product_store::ProductValues& v = r.values;
  json::object o{{"id", r.id},
                 {"company_id", r.company_id},
                 {"name", v.name},
                 {"hs_code", v.hs_code},
                 {"producer", v.producer},
                 {"product_kind", v.product_kind},
                 {"wholly_obtained", v.wholly_obtained},
                 {"ex_works_xof", v.ex_works_xof ? json::value(*v.ex_works_xof) : json::value(nullptr)}};
  boost::system::error_code ec;
  o["materials"] = json::parse(v.materials_json, ec);
  if (ec) return Error::Internal("stored materials are not JSON");
  o["processes"] = json::parse(v.processes_json, ec);
  if (ec) return Error::Internal("stored processes are not JSON");
  o["created_at"] = FormatUtc(r.created_at);
  o["updated_at"] = FormatUtc(r.updated_at);
  ASSIGN_OR_RETURN(auto approvals, approval_store::SelectForProduct(tx, r.id));
  CompanyNames unused;
  json::array a;
  for (const auto& row : approvals) {
    ASSIGN_OR_RETURN(json::object x, ApprovalJson(tx, row, false, unused));
    a.push_back(std::move(x));
  }
  o["approvals"] = std::move(a);
  return o;
}

namespace {

json::object CompanyApprovalJsonWith(const company_approval_store::CompanyApprovalRow& r,
                                     const std::map<int64_t, identity::UserName>& people, const std::string& today) {
  const bool active = r.status == "active";
  auto granter = people.find(r.granted_by);
  const std::string name = granter == people.end() ? "" : granter->second.name;
  const std::string role = granter == people.end() ? "" : granter->second.role;
  return {{"id", r.id},
          {"company_id", r.company_id},
          {"regime", r.regime},
          {"number", r.number},
          {"valid_from", r.valid_from},
          {"valid_until", r.valid_until},
          {"status", r.status},
          {"valid_today", active && r.valid_from <= today && today <= r.valid_until},
          {"comment", r.comment},
          {"granted_by", {{"id", r.granted_by}, {"name", name}, {"role", role}}},
          {"granted_at", FormatUtc(r.granted_at)},
          {"revoked_at", r.revoked_at ? json::value(FormatUtc(r.revoked_at)) : json::value(nullptr)},
          {"revoke_comment", r.revoke_comment}};
}

}  // namespace

Result<json::object> CompanyApprovalJson(storage::Tx& tx, const company_approval_store::CompanyApprovalRow& row,
                                         const std::string& today) {
  ASSIGN_OR_RETURN(auto people, identity::FindUserNames(tx, {row.granted_by}));
  return CompanyApprovalJsonWith(row, people, today);
}

Result<json::object> CompanyJson(storage::Tx& tx, const identity::CompanyRecord& c, const std::string& today) {
  json::object o{{"id", c.id},
                 {"name", c.name},
                 {"nif", c.nif},
                 {"rccm", c.rccm},
                 {"address", c.address},
                 {"sector", c.sector},
                 {"status", identity::CompanyStatusName(c.status)}};
  ASSIGN_OR_RETURN(auto rows, company_approval_store::SelectForCompany(tx, c.id));
  std::vector<int64_t> granters;
  granters.reserve(rows.size());
  for (const auto& r : rows) granters.push_back(r.granted_by);
  ASSIGN_OR_RETURN(auto people, identity::FindUserNames(tx, granters));
  json::array a;
  for (const auto& r : rows) a.push_back(CompanyApprovalJsonWith(r, people, today));
  o["approved_exporter"] = std::move(a);
  return o;
}

}  // namespace origine::registry::internal
