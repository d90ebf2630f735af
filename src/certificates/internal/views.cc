#include "certificates/internal/views.h"

#include <boost/json.hpp>

#include "certificates/origin_check.h"
#include "core/date.h"
#include "identity/directory.h"

namespace origine::certificates::internal {
namespace json = boost::json;

namespace {

json::value TextOrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

}  // namespace

Result<std::string> CompanyNames::Of(storage::Tx& tx, int64_t company_id) {
  if (auto it = names_.find(company_id); it != names_.end()) return it->second;
  ASSIGN_OR_RETURN(identity::CompanyRecord company, identity::FindCompany(tx, company_id));
  names_[company_id] = company.name;
  return company.name;
}

Result<json::object> ApplicationData(const ApplicationRecord& app) {
  boost::system::error_code ec;
  json::value data = json::parse(app.data, ec);
  if (ec || !data.is_object()) return Error::Internal("stored application " + std::to_string(app.id) + " is not JSON");
  return std::move(data.as_object());
}

Result<json::object> ApplicationJson(storage::Tx& tx, const ApplicationRecord& a,
                                     const ApplicationViewContext& context) {
  ASSIGN_OR_RETURN(json::object data, ApplicationData(a));
  CompanyNames companies;
  ASSIGN_OR_RETURN(std::string company_name, companies.Of(tx, a.company_id));
  const std::string status(StatusName(a.status));
  json::object o;
  o["id"] = a.id;
  o["status"] = status;
  for (auto& kv : data) o[kv.key()] = kv.value();
  o["regime"] = a.regime;
  o["company"] = {{"id", a.company_id}, {"name", company_name}};
  if (context.gate) {
    ASSIGN_OR_RETURN(o["payment"], context.gate->View(tx, a.id, status));
  } else {
    o["payment"] = {{"status", "not_required"}};
  }
  o["review_comment"] = TextOrNull(a.review_comment);
  o["certificate_number"] = TextOrNull(a.certificate_number);
  o["kind"] = a.kind;
  o["predecessor"] = TextOrNull(a.predecessor);
  o["created_at"] = FormatUtc(a.created_at);
  o["updated_at"] = FormatUtc(a.updated_at);
  ASSIGN_OR_RETURN(std::vector<ApplicationEventRecord> events, application_store::Events(tx, a.id));
  std::vector<int64_t> actors;
  actors.reserve(events.size());
  for (const auto& e : events) actors.push_back(e.actor_id);
  ASSIGN_OR_RETURN(auto names, identity::FindUserNames(tx, actors));
  json::array history;
  for (const auto& e : events) {
    const identity::UserName& who = names[e.actor_id];
    history.push_back({{"at", FormatUtc(e.at)},
                       {"actor", who.name},
                       {"role", who.role},
                       {"action", e.action},
                       {"comment", e.comment}});
  }
  o["history"] = std::move(history);
  // The origin calculator's verdict per goods line, as of today.
  ASSIGN_OR_RETURN(o["origin"], EvaluateLines(tx, context.regimes, a.company_id, data, context.today));
  return o;
}

Result<json::object> ApplicationSummaryJson(const ApplicationRecord& a, const std::string& company_name) {
  ASSIGN_OR_RETURN(json::object d, ApplicationData(a));
  int64_t total = 0;
  size_t lines = 0;
  if (auto g = d.find("goods"); g != d.end()) {
    for (const auto& line : g->value().as_array()) {
      ++lines;
      if (auto v = line.as_object().find("value_xof"); v != line.as_object().end()) total += v->value().as_int64();
    }
  }
  std::string consignee, destination;
  if (auto c = d.find("consignee"); c != d.end() && c->value().as_object().contains("name"))
    consignee = c->value().as_object().at("name").as_string();
  if (auto c = d.find("destination_country"); c != d.end()) destination = c->value().as_string();
  return json::object{{"id", a.id},
                      {"status", StatusName(a.status)},
                      {"regime", a.regime},
                      {"company", {{"id", a.company_id}, {"name", company_name}}},
                      {"consignee_name", consignee},
                      {"destination_country", destination},
                      {"goods_count", lines},
                      {"total_value_xof", total},
                      {"certificate_number", TextOrNull(a.certificate_number)},
                      {"kind", a.kind},
                      {"predecessor", TextOrNull(a.predecessor)},
                      {"updated_at", FormatUtc(a.updated_at)}};
}

json::object CertificateSummaryJson(const CertificateRecord& c, const std::string& company_name) {
  boost::system::error_code ec;
  json::value doc = json::parse(c.document, ec);
  std::string destination = ec ? "" : std::string(doc.as_object()["destination_country"].as_string());
  return {
      {"number", c.number},
      {"regime", c.regime},
      {"application_id", c.application_id},
      {"company", {{"id", c.company_id}, {"name", company_name}}},
      {"issued_at", FormatUtc(c.issued_at)},
      {"expires_at", FormatUtc(c.expires_at)},
      {"destination_country", destination},
      {"status", c.revoked_at  ? "revoked"
                 : c.successor ? "replaced"
                               : "issued"},
      {"kind", c.kind},
      {"predecessor", c.predecessor ? json::value(*c.predecessor) : json::value(nullptr)},
      {"revocation",
       c.revoked_at
           ? json::value({{"at", FormatUtc(*c.revoked_at)}, {"reason", c.revocation_reason}, {"scope", "certificate"}})
           : json::value(nullptr)},
      {"successor",
       c.successor
           ? json::value({{"number", *c.successor}, {"kind", c.successor_kind}, {"at", FormatUtc(c.replaced_at)}})
           : json::value(nullptr)}};
}

json::object CertificateJson(const CertificateRecord& c, const std::string& company_name) {
  json::object o = CertificateSummaryJson(c, company_name);
  o["qr"] = c.qr;
  o["document_sha256"] = c.document_sha256;
  o["kid"] = c.kid;
  return o;
}

}  // namespace origine::certificates::internal
