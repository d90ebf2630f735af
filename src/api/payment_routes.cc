#include "api/payment_routes.h"

#include <boost/json.hpp>

#include "api/internal/json_io.h"

namespace origine::api {
namespace json = boost::json;
using http::Response;

namespace {

using internal::Json;
using internal::JsonBody;

std::string QueryParam(const http::Request& req, const char* name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? "" : it->second;
}

// A JSON object body whose members are all strings among `allowed`.
Result<std::map<std::string, std::string>> StringFields(const http::Request& req,
                                                        std::initializer_list<const char*> allowed) {
  ASSIGN_OR_RETURN(json::value v, JsonBody(req));
  if (!v.is_object()) return Error::Invalid("the body must be a JSON object");
  std::map<std::string, std::string> out;
  for (const auto& kv : v.as_object()) {
    bool known = false;
    for (const char* a : allowed) known = known || kv.key() == a;
    if (!known) return Error::Invalid("unknown field", {{std::string(kv.key()), "unknown field"}});
    if (kv.value().is_null()) continue;
    if (!kv.value().is_string())
      return Error::Invalid(std::string(kv.key()) + " must be a string", {{std::string(kv.key()), "must be a string"}});
    out[std::string(kv.key())] = std::string(kv.value().as_string());
  }
  return out;
}

Result<std::string> Reference(const http::Request& req) {
  const std::string& r = req.path_params.at("reference");
  if (r.size() != 36 || r.find_first_not_of("0123456789abcdef-") != std::string::npos)
    return Error::NotFound("no such payment");
  return r;
}

Response Bytes(std::string body, const char* type, const std::string& filename) {
  Response r;
  r.content_type = type;
  r.body = std::move(body);
  r.AddHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.AddHeader("Cache-Control", "private, no-store");
  return r;
}

bool SafeName(const std::string& s) { return s.find_first_not_of("0123456789-") == std::string::npos; }

}  // namespace

void AddPaymentRoutes(const AddRoute& add, payments::PaymentService* pay, payments::Reconciler* rec) {
  auto need = [pay]() -> Status {
    if (!pay) return Error::Unavailable("payments are not configured");
    return {};
  };

  add("GET", "/api/v1/fees", Access::kPublic, [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    std::string regime = QueryParam(c.req, "regime"), date = QueryParam(c.req, "date");
    if (regime.empty() || regime.size() > 20) return Error::Invalid("regime is required", {{"regime", "is required"}});
    if (!date.empty() && (date.size() != 10 || date[4] != '-' || date[7] != '-'))
      return Error::Invalid("date must be YYYY-MM-DD", {{"date", "must be a date YYYY-MM-DD"}});
    ASSIGN_OR_RETURN(json::object fees, pay->Fees(regime, date));
    return Json(fees, 200, "public, max-age=300");
  });

  add("POST", "/api/v1/applications/{id}/payments", Access::kSession, [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    if (c.who->role != Role::kExporter) return Error::Denied("only the exporter pays its application");
    ASSIGN_OR_RETURN(int64_t id, internal::IdParam(c.req, "application"));
    ASSIGN_OR_RETURN(auto f, StringFields(c.req, {"provider", "payer_msisdn"}));
    if (!f.count("provider")) return Error::Invalid("choose a provider", {{"provider", "is required"}});
    bool replayed = false;
    ASSIGN_OR_RETURN(json::object intent, pay->CreateIntent(*c.who, id, f["provider"], f["payer_msisdn"],
                                                            c.req.headers.Get("idempotency-key"), c.meta, &replayed));
    Response r = Json(intent, replayed ? 200 : 201);
    r.AddHeader("Location", "/api/v1/payments/" + std::string(intent["reference"].as_string()));
    return r;
  });
  add("GET", "/api/v1/applications/{id}/payments", Access::kSession, [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(int64_t id, internal::IdParam(c.req, "application"));
    ASSIGN_OR_RETURN(json::array items, pay->ListIntents(*c.who, id));
    return Json(json::object{{"items", std::move(items)}});
  });
  add("GET", "/api/v1/payments", Access::kSession, [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(PageRequest page, internal::PageQuery(c.req, {500, 100}));
    ASSIGN_OR_RETURN(json::object list, pay->ListAll(*c.who, QueryParam(c.req, "state"), page));
    return Json(list);
  });
  add("GET", "/api/v1/payments/{reference}", Access::kSession, [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(std::string ref, Reference(c.req));
    ASSIGN_OR_RETURN(json::object intent, pay->GetIntent(*c.who, ref));
    return Json(intent);
  });
  add("POST", "/api/v1/payments/{reference}/check", Access::kSession, [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(std::string ref, Reference(c.req));
    ASSIGN_OR_RETURN(json::object intent, pay->Check(*c.who, ref));
    return Json(intent);
  });
  add("GET", "/api/v1/payments/{reference}/receipt", Access::kSession, [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(std::string ref, Reference(c.req));
    ASSIGN_OR_RETURN(std::string pdf, pay->ReceiptPdf(*c.who, ref));
    return Bytes(std::move(pdf), "application/pdf", "recu-" + ref.substr(0, 8) + ".pdf");
  });
  add("POST", "/api/v1/payments/{reference}/refund", Access::kSession, [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    if (c.who->role != Role::kAdmin) return Error::Denied("only an administrator refunds payments");
    ASSIGN_OR_RETURN(std::string ref, Reference(c.req));
    ASSIGN_OR_RETURN(auto f, StringFields(c.req, {"reason"}));
    ASSIGN_OR_RETURN(json::object intent, pay->Refund(*c.who, ref, f["reason"], c.meta));
    return Json(intent);
  });
  add("POST", "/api/v1/payments/{reference}/refund/confirm", Access::kSession,
      [pay, need](RouteCtx& c) -> Result<Response> {
        RETURN_IF_ERROR(need());
        if (c.who->role != Role::kAdmin) return Error::Denied("only an administrator confirms refunds");
        ASSIGN_OR_RETURN(std::string ref, Reference(c.req));
        ASSIGN_OR_RETURN(auto f, StringFields(c.req, {"provider_refund_id"}));
        ASSIGN_OR_RETURN(json::object intent, pay->ConfirmRefund(*c.who, ref, f["provider_refund_id"], c.meta));
        return Json(intent);
      });

  // Provider callbacks: public, raw body kept; authenticity checked per provider.
  add("POST", "/api/v1/payments/callbacks/{provider}", Access::kPublic, [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    payments::CallbackRequest cb;
    cb.headers = c.req.headers.values;
    cb.query = c.req.query;
    cb.content_type = c.req.headers.Get("content-type");
    cb.body = c.req.body;
    cb.now = std::time(nullptr);
    auto answer = pay->ReceiveCallback(c.req.path_params.at("provider"), cb);
    if (answer.status == 404) return Error::NotFound("no such payment provider");
    if (answer.status == 401) return Error::Unauthenticated("the callback's authenticity could not be verified");
    if (answer.status == 400) return Error::Invalid("the callback is not readable");
    if (answer.status == 503) return Error::Unavailable("the callback could not be stored; send it again");
    return Json(json::object{{"received", true}, {"outcome", answer.outcome}});
  });

  add("GET", "/api/v1/ledger", Access::kSession, [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(PageRequest page, internal::PageQuery(c.req, {1000, 200}));
    ASSIGN_OR_RETURN(json::object ledger, pay->Ledger(*c.who, page));
    return Json(ledger);
  });

  add("POST", "/api/v1/reconciliations", Access::kSession, [rec, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    if (c.who->role != Role::kAdmin) return Error::Denied("only an administrator imports provider statements");
    ASSIGN_OR_RETURN(auto f, StringFields(c.req, {"provider", "date", "statement"}));
    std::vector<FieldError> bad;
    if (f["provider"].empty()) bad.push_back({"provider", "is required"});
    if (f["date"].empty()) bad.push_back({"date", "is required"});
    if (!bad.empty()) return Error::Invalid("provider and date are required", bad);
    ASSIGN_OR_RETURN(json::object r, rec->Import(*c.who, f["provider"], f["date"], f["statement"], c.meta));
    return Json(r, 201);
  });
  add("GET", "/api/v1/reconciliations", Access::kSession, [rec, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(json::array items, rec->List(*c.who));
    return Json(json::object{{"items", std::move(items)}});
  });
  add("GET", "/api/v1/reconciliations/{id}", Access::kSession, [rec, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(int64_t id, internal::IdParam(c.req, "reconciliation"));
    const std::string format = QueryParam(c.req, "format");
    const std::string name = "rapprochement-" + std::to_string(id);
    if (format == "csv") {
      ASSIGN_OR_RETURN(std::string csv, rec->Csv(*c.who, id));
      return Bytes(std::move(csv), "text/csv; charset=utf-8; header=present", name + ".csv");
    }
    if (format == "xlsx") {
      ASSIGN_OR_RETURN(std::string x, rec->Xlsx(*c.who, id));
      return Bytes(std::move(x), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }
    if (!format.empty() && format != "json")
      return Error::Invalid("format must be json, csv or xlsx", {{"format", "json, csv or xlsx"}});
    ASSIGN_OR_RETURN(json::object r, rec->Get(*c.who, id));
    return Json(r);
  });
  add("GET", "/api/v1/treasury", Access::kSession, [rec, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    std::string date = QueryParam(c.req, "date");
    if (date.empty()) return Error::Invalid("date is required", {{"date", "is required (YYYY-MM-DD)"}});
    if (!SafeName(date)) return Error::Invalid("date must be YYYY-MM-DD", {{"date", "must be a date YYYY-MM-DD"}});
    const std::string format = QueryParam(c.req, "format");
    if (format == "pdf") {
      ASSIGN_OR_RETURN(std::string pdf, rec->TreasuryPdf(*c.who, date));
      return Bytes(std::move(pdf), "application/pdf", "tresor-" + date + ".pdf");
    }
    if (format == "xlsx") {
      ASSIGN_OR_RETURN(std::string x, rec->TreasuryXlsx(*c.who, date));
      return Bytes(std::move(x), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "tresor-" + date + ".xlsx");
    }
    if (!format.empty() && format != "json")
      return Error::Invalid("format must be json, pdf or xlsx", {{"format", "json, pdf or xlsx"}});
    ASSIGN_OR_RETURN(json::object t, rec->Treasury(*c.who, date));
    return Json(t);
  });
}

}  // namespace origine::api
