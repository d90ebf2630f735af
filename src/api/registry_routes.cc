#include "api/registry_routes.h"

#include <boost/json.hpp>
#include <memory>

#include "api/internal/errors.h"
#include "api/internal/json_io.h"
#include "api/internal/params.h"
#include "certificates/regimes.h"
#include "identity/identity_service.h"
#include "origin/engine.h"
#include "registry/hs.h"
#include "registry/reference.h"
#include "registry/registry.h"

namespace origine::api {
namespace json = boost::json;
using http::Response;

namespace {

using internal::IdParam;
using internal::Json;
using internal::JsonBody;
using internal::Query;

Result<int64_t> CompanyId(const http::Request& req) { return IdParam(req, "company.not_found"_code, "company"); }
Result<int64_t> ProductId(const http::Request& req) { return IdParam(req, "product.not_found"_code, "product"); }

json::object CompanyUserJson(const identity::CompanyUser& u) {
  return {{"id", u.id},         {"email", u.email},   {"name", u.name},
          {"role", "exporter"}, {"active", u.active}, {"created_at", FormatUtc(u.created_at)}};
}

// A JSON body {"comment": "..."} (the service says whether it is required); other fields refused.
Result<std::string> CommentBody(const http::Request& req) {
  ASSIGN_OR_RETURN(json::object o, internal::ObjectBody(req));
  RETURN_IF_ERROR(internal::OnlyFields(o, {"comment"}));
  return internal::StringMember(o, "comment");
}

// The "lang" query parameter: fr (default) or en.
Result<std::string> Lang(const http::Request& req) {
  ASSIGN_OR_RETURN(std::optional<std::string> lang,
                   internal::OneOfQuery(req, "lang", {"", "fr", "en"}, "lang.unknown"_code, "must be fr or en"));
  return lang && !lang->empty() ? *lang : std::string("fr");
}

json::object RegimeJson(const certificates::RegimeInfo& info, const std::string& today) {
  const origin::Regime& r = *info.regime;
  json::array forms, fees;
  bool approval = false;
  for (const auto& f : r.forms) {
    json::array kinds;
    for (const auto& k : f.product_kinds) kinds.push_back(json::value(k));
    forms.push_back({{"code", f.code},
                     {"label_fr", f.label_fr},
                     {"label_en", f.label_en},
                     {"product_kinds", std::move(kinds)},
                     {"approval_required", f.approval_required}});
    approval = approval || f.approval_required;
  }
  for (const auto& f : r.fees)
    fees.push_back({{"code", f.code},
                    {"label_fr", f.label_fr},
                    {"label_en", f.label_en},
                    {"service", origin::ServiceName(f.service)},
                    {"form", f.form.empty() ? json::value(nullptr) : json::value(f.form)},
                    {"amount_xof", f.amount_xof}});
  json::object validity;
  if (r.validity_months) validity["months"] = r.validity_months;
  if (r.validity_days) validity["days"] = r.validity_days;
  validity["if_issued_today_until"] = origin::ValidUntil(r, today);
  return {{"code", info.code},
          {"data_code", info.data_code},
          {"version", r.version},
          {"label_fr", r.label_fr},
          {"label_en", r.label_en},
          {"preferential", r.preferential},
          {"effective_from", r.effective.from},
          {"effective_to", r.effective.to.empty() ? json::value(nullptr) : json::value(r.effective.to)},
          {"validity", std::move(validity)},
          {"one_product_per_certificate", r.one_product_per_certificate},
          {"approval_required", approval},
          {"forms", std::move(forms)},
          {"fees", std::move(fees)}};
}

}  // namespace

void AddRegistryRoutes(const AddRoute& add, storage::Db& db, const Clock& clock,
                       certificates::ApplicationService& applications) {
  auto reg = std::make_shared<registry::RegistryService>(db, clock);
  auto ids = std::make_shared<identity::IdentityService>(db, clock);
  auto today = [&clock] { return FormatUtc(clock.NowUnix(), true); };

  // --- regimes and the origin calculator
  const certificates::RegimeSetPtr regimes = applications.regimes();
  add("GET", "/api/v1/regimes", [today, regimes](RouteCtx&) -> Result<Response> {
    json::array items;
    const std::string d = today();
    for (const auto& r : certificates::Regimes(regimes, d)) items.push_back(RegimeJson(r, d));
    return Json(json::object{{"date", d}, {"items", std::move(items)}});
  });
  add("POST", "/api/v1/applications/evaluate", [&applications](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    ASSIGN_OR_RETURN(json::object out, applications.Evaluate(*c.who, body));
    return Json(out);
  });

  // --- company profile
  add("GET", "/api/v1/company", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::object o, reg->GetCompany(*c.who));
    return Json(o);
  });
  add("PUT", "/api/v1/company", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    ASSIGN_OR_RETURN(json::object o, reg->UpdateCompany(*c.who, body, c.meta));
    return Json(o);
  });
  add("GET", "/api/v1/companies", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::array items, reg->ListCompanies(*c.who));
    return Json(json::object{{"items", std::move(items)}});
  });
  add("GET", "/api/v1/companies/{id}", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, CompanyId(c.req));
    ASSIGN_OR_RETURN(json::object o, reg->GetCompanyById(*c.who, id));
    return Json(o);
  });
  // --- approved-exporter status per regime (company level)
  add("POST", "/api/v1/companies/{id}/approved-exporter", [reg, today, regimes](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, CompanyId(c.req));
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    const std::string d = today();
    auto resolve = [&d, &regimes](const std::string& code) -> std::optional<std::string> {
      auto info = certificates::FindRegime(regimes, code, d);
      if (!info || !info->preferential) return std::nullopt;
      return info->data_code;
    };
    ASSIGN_OR_RETURN(json::object a, reg->GrantCompanyApproval(*c.who, id, body, resolve, c.meta));
    return Json(a, 201);
  });
  add("POST", "/api/v1/companies/{id}/approved-exporter/{approval_id}/revoke", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, CompanyId(c.req));
    ASSIGN_OR_RETURN(int64_t approval,
                     IdParam(c.req, "approved_exporter.not_found"_code, "approved-exporter status", "approval_id"));
    ASSIGN_OR_RETURN(std::string comment, CommentBody(c.req));
    ASSIGN_OR_RETURN(json::object a, reg->RevokeCompanyApproval(*c.who, id, approval, comment, c.meta));
    return Json(a);
  });
  // --- users of a company (its exporters; an administrator for any company)
  add("GET", "/api/v1/companies/{id}/users", [ids](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, CompanyId(c.req));
    ASSIGN_OR_RETURN(auto users, ids->ListCompanyUsers(*c.who, id));
    json::array items;
    for (const auto& u : users) items.push_back(CompanyUserJson(u));
    return Json(json::object{{"items", std::move(items)}});
  });
  add("POST", "/api/v1/companies/{id}/users", [ids](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, CompanyId(c.req));
    ASSIGN_OR_RETURN(json::object body, internal::ObjectBody(c.req));
    // Every bad field at once, for the form.
    std::vector<FieldError> bad;
    for (const auto& kv : body)
      if (kv.key() != "email" && kv.key() != "name" && kv.key() != "password")
        bad.push_back(internal::Field("field.unknown"_code, std::string(kv.key()), "unknown field"));
    auto text = [&](const char* k) {
      auto it = body.find(k);
      if (it == body.end() || it->value().is_null()) {
        bad.push_back(internal::Field("field.required"_code, k, "is required"));
        return std::string();
      }
      if (!it->value().is_string()) {
        bad.push_back(internal::Field("field.string"_code, k, "must be a string"));
        return std::string();
      }
      return std::string(it->value().as_string());
    };
    const std::string email = text("email"), name = text("name"), password = text("password");
    if (!bad.empty()) return Error::Invalid("user.invalid"_code, "the user has invalid fields", std::move(bad));
    ASSIGN_OR_RETURN(identity::CompanyUser u, ids->AddCompanyUser(*c.who, id, email, name, password, c.meta));
    return Json(CompanyUserJson(u), 201);
  });
  for (const char* action : {"disable", "enable"}) {
    const bool active = std::string(action) == "enable";
    add("POST",
        active ? "/api/v1/companies/{id}/users/{user_id}/enable" : "/api/v1/companies/{id}/users/{user_id}/disable",
        [ids, active](RouteCtx& c) -> Result<Response> {
          ASSIGN_OR_RETURN(int64_t id, CompanyId(c.req));
          ASSIGN_OR_RETURN(int64_t user, IdParam(c.req, "user.not_found"_code, "user", "user_id"));
          ASSIGN_OR_RETURN(identity::CompanyUser u, ids->SetCompanyUserActive(*c.who, id, user, active, c.meta));
          return Json(CompanyUserJson(u));
        });
  }
  add("POST", "/api/v1/companies/{id}/status", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, CompanyId(c.req));
    ASSIGN_OR_RETURN(json::object o, internal::ObjectBody(c.req));
    RETURN_IF_ERROR(internal::OnlyFields(o, {"status", "comment"}));
    auto text = [&](const char* k) {
      auto it = o.find(k);
      return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
    };
    ASSIGN_OR_RETURN(json::object out, reg->SetCompanyStatus(*c.who, id, text("status"), text("comment"), c.meta));
    return Json(out);
  });

  // --- products
  add("GET", "/api/v1/products", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::array items, reg->ListProducts(*c.who));
    return Json(json::object{{"items", std::move(items)}});
  });
  add("POST", "/api/v1/products", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    ASSIGN_OR_RETURN(json::object p, reg->CreateProduct(*c.who, body, c.meta));
    Response r = Json(p, 201);
    r.AddHeader("Location", "/api/v1/products/" + std::to_string(p["id"].as_int64()));
    return r;
  });
  add("GET", "/api/v1/products/{id}", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, ProductId(c.req));
    ASSIGN_OR_RETURN(json::object p, reg->GetProduct(*c.who, id));
    return Json(p);
  });
  add("PUT", "/api/v1/products/{id}", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, ProductId(c.req));
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    ASSIGN_OR_RETURN(json::object p, reg->UpdateProduct(*c.who, id, body, c.meta));
    return Json(p);
  });
  add("DELETE", "/api/v1/products/{id}", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, ProductId(c.req));
    RETURN_IF_ERROR(reg->DeleteProduct(*c.who, id, c.meta));
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
  });
  add("POST", "/api/v1/products/{id}/approvals", [reg, today, regimes](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, ProductId(c.req));
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    if (!body.is_object() || !body.as_object().contains("regime") || !body.at("regime").is_string())
      return internal::RequiredField("regime");
    RETURN_IF_ERROR(internal::OnlyFields(body.as_object(), {"regime"}));
    const std::string regime(body.at("regime").as_string());
    auto info = certificates::FindRegime(regimes, regime, today());
    if (!info || !info->preferential)
      return internal::InvalidField("regime.not_in_force"_code, "regime",
                                    "must be a preferential regime in force (ETLS, UEMOA, AFCFTA)",
                                    "no preferential regime " + regime + " in force", {{"regime", regime}});
    ASSIGN_OR_RETURN(json::object a, reg->RequestApproval(*c.who, id, info->data_code, c.meta));
    return Json(a, 201);
  });

  // --- approvals (the authority's queue)
  add("GET", "/api/v1/approvals", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::array items, reg->ListApprovals(*c.who, Query(c.req, "status")));
    return Json(json::object{{"items", std::move(items)}});
  });
  add("POST", "/api/v1/approvals/{id}/decide", [reg](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req, "approval.not_found"_code, "approval"));
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    ASSIGN_OR_RETURN(json::object a, reg->Decide(*c.who, id, body, c.meta));
    return Json(a);
  });

  // --- reference data (public: the same for everyone, no personal data)
  add("GET", "/api/v1/hs", [&db](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(std::string lang, Lang(c.req));
    int limit = 20;
    if (std::string l = Query(c.req, "limit"); !l.empty()) {
      if (l.size() > 3 || l.find_first_not_of("0123456789") != std::string::npos)
        return internal::InvalidField("hs_search.limit"_code, "limit", "1..100", "limit must be 1..100",
                                      {{"min", "1"}, {"max", "100"}});
      limit = std::stoi(l);
    }
    ASSIGN_OR_RETURN(auto tx, db.Begin(false));
    ASSIGN_OR_RETURN(auto hits, registry::SearchHs(*tx, Query(c.req, "q"), lang, limit));
    json::array items;
    for (const auto& h : hits)
      items.push_back({{"code", h.code}, {"label", h.label}, {"lang", h.lang}, {"level", h.level}});
    return Json(json::object{{"items", std::move(items)}});
  });
  add("GET", "/api/v1/countries", [](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(std::string lang, Lang(c.req));
    json::array items;
    for (const auto& k : registry::Countries())
      items.push_back({{"code", k.alpha2}, {"alpha3", k.alpha3}, {"name", lang == "fr" ? k.name_fr : k.name_en}});
    return Json(json::object{{"items", std::move(items)}}, 200, "public, max-age=86400");
  });
  add("GET", "/api/v1/currencies", [](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(std::string lang, Lang(c.req));
    json::array items;
    for (const auto& k : registry::Currencies())
      items.push_back({{"code", k.alpha3}, {"numeric", k.numeric}, {"name", lang == "fr" ? k.name_fr : k.name_en}});
    return Json(json::object{{"items", std::move(items)}}, 200, "public, max-age=86400");
  });
}

}  // namespace origine::api
