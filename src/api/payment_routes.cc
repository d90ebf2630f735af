#include "api/payment_routes.h"

#include <boost/json.hpp>

#include "api/internal/errors.h"
#include "api/internal/json_io.h"
#include "api/internal/params.h"

namespace origine::api {
namespace json = boost::json;
using http::Response;

namespace {

using internal::Json;
using internal::Query;
using internal::StringFields;

Result<std::string> Reference(const http::Request& req) {
  const std::string& r = req.path_params.at("reference");
  if (r.size() != 36 || r.find_first_not_of("0123456789abcdef-") != std::string::npos)
    return Error::NotFound("payment.not_found"_code, "no such payment");
  return r;
}

// A required date YYYY-MM-DD (a real calendar day) in the query parameter "date".
Result<std::string> RequiredDate(const http::Request& req) {
  if (Query(req, "date").empty())
    return internal::InvalidField("field.required"_code, "date", "is required (YYYY-MM-DD)", "date is required");
  return internal::DateTextQuery(req, "date");
}

Response Bytes(std::string body, const char* type, const std::string& filename) {
  Response r;
  r.content_type = type;
  r.body = std::move(body);
  r.AddHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.AddHeader("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

void AddPaymentRoutes(const AddRoute& add, const Clock& clock, payments::PaymentService* pay,
                      payments::Reconciler* rec) {
  auto need = [pay]() -> Status {
    if (!pay) return Error::Unavailable("payment.not_configured"_code, "payments are not configured");
    return {};
  };

  add("GET", "/api/v1/fees", [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    const std::string regime = Query(c.req, "regime");
    if (regime.empty() || regime.size() > 20) return internal::RequiredField("regime");
    ASSIGN_OR_RETURN(std::string date, internal::DateTextQuery(c.req, "date"));
    ASSIGN_OR_RETURN(json::object fees, pay->Fees(regime, date));
    return Json(fees, 200, "public, max-age=300");
  });

  add("POST", "/api/v1/applications/{id}/payments", [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(int64_t id, internal::IdParam(c.req, "application.not_found"_code, "application"));
    ASSIGN_OR_RETURN(auto f, StringFields(c.req, {"provider", "payer_msisdn"}));
    if (!f.count("provider"))
      return internal::InvalidField("field.required"_code, "provider", "is required", "choose a provider");
    bool replayed = false;
    ASSIGN_OR_RETURN(json::object intent, pay->CreateIntent(*c.who, id, f["provider"], f["payer_msisdn"],
                                                            c.req.headers.Get("idempotency-key"), c.meta, &replayed));
    Response r = Json(intent, replayed ? 200 : 201);
    r.AddHeader("Location", "/api/v1/payments/" + std::string(intent["reference"].as_string()));
    return r;
  });
  add("GET", "/api/v1/applications/{id}/payments", [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(int64_t id, internal::IdParam(c.req, "application.not_found"_code, "application"));
    ASSIGN_OR_RETURN(json::array items, pay->ListIntents(*c.who, id));
    return Json(json::object{{"items", std::move(items)}});
  });
  add("GET", "/api/v1/payments", [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(PageRequest page, internal::PageQuery(c.req, {500, 100}));
    ASSIGN_OR_RETURN(json::object list, pay->ListAll(*c.who, Query(c.req, "state"), page));
    return Json(list);
  });
  add("GET", "/api/v1/payments/{reference}", [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(std::string ref, Reference(c.req));
    ASSIGN_OR_RETURN(json::object intent, pay->GetIntent(*c.who, ref));
    return Json(intent);
  });
  add("POST", "/api/v1/payments/{reference}/check", [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(std::string ref, Reference(c.req));
    ASSIGN_OR_RETURN(json::object intent, pay->Check(*c.who, ref));
    return Json(intent);
  });
  add("GET", "/api/v1/payments/{reference}/receipt", [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(std::string ref, Reference(c.req));
    ASSIGN_OR_RETURN(std::string pdf, pay->ReceiptPdf(*c.who, ref));
    return Bytes(std::move(pdf), "application/pdf", "recu-" + ref.substr(0, 8) + ".pdf");
  });
  add("POST", "/api/v1/payments/{reference}/refund", [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(std::string ref, Reference(c.req));
    ASSIGN_OR_RETURN(auto f, StringFields(c.req, {"reason"}));
    ASSIGN_OR_RETURN(json::object intent, pay->Refund(*c.who, ref, f["reason"], c.meta));
    return Json(intent);
  });
  add("POST", "/api/v1/payments/{reference}/refund/confirm", [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(std::string ref, Reference(c.req));
    ASSIGN_OR_RETURN(auto f, StringFields(c.req, {"provider_refund_id"}));
    ASSIGN_OR_RETURN(json::object intent, pay->ConfirmRefund(*c.who, ref, f["provider_refund_id"], c.meta));
    return Json(intent);
  });

  // Provider callbacks: public, raw body kept; authenticity checked per provider.
  add("POST", "/api/v1/payments/callbacks/{provider}", [pay, need, &clock](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    payments::CallbackRequest cb;
    cb.headers = c.req.headers.values;
    cb.query = c.req.query;
    cb.content_type = c.req.headers.Get("content-type");
    cb.body = c.req.body;
    cb.now = clock.NowUnix();
    auto answer = pay->ReceiveCallback(c.req.path_params.at("provider"), cb);
    if (answer.status == 404) return Error::NotFound("payment_provider.not_found"_code, "no such payment provider");
    if (answer.status == 401)
      return Error::Unauthenticated("callback.authenticity"_code, "the callback's authenticity could not be verified");
    if (answer.status == 400) return Error::Invalid("callback.unreadable"_code, "the callback is not readable");
    if (answer.status == 503)
      return Error::Unavailable("callback.not_stored"_code, "the callback could not be stored; send it again");
    return Json(json::object{{"received", true}, {"outcome", answer.outcome}});
  });

  add("GET", "/api/v1/ledger", [pay, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(PageRequest page, internal::PageQuery(c.req, {1000, 200}));
    ASSIGN_OR_RETURN(json::object ledger, pay->Ledger(*c.who, page));
    return Json(ledger);
  });

  add("POST", "/api/v1/reconciliations", [rec, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(auto f, StringFields(c.req, {"provider", "date", "statement"}));
    std::vector<FieldError> bad;
    if (f["provider"].empty()) bad.push_back(internal::Field("field.required"_code, "provider", "is required"));
    if (f["date"].empty()) bad.push_back(internal::Field("field.required"_code, "date", "is required"));
    if (!bad.empty()) return Error::Invalid("field.required"_code, "provider and date are required", bad);
    ASSIGN_OR_RETURN(json::object r, rec->Import(*c.who, f["provider"], f["date"], f["statement"], c.meta));
    return Json(r, 201);
  });
  add("GET", "/api/v1/reconciliations", [rec, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(json::array items, rec->List(*c.who));
    return Json(json::object{{"items", std::move(items)}});
  });
  add("GET", "/api/v1/reconciliations/{id}", [rec, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(int64_t id, internal::IdParam(c.req, "reconciliation.not_found"_code, "reconciliation"));
    ASSIGN_OR_RETURN(
        std::optional<std::string> format_q,
        internal::OneOfQuery(c.req, "format", {"", "json", "csv", "xlsx"}, "format.unknown"_code, "json, csv or xlsx"));
    const std::string format = format_q.value_or("");
    const std::string name = "rapprochement-" + std::to_string(id);
    if (format == "csv") {
      ASSIGN_OR_RETURN(std::string csv, rec->Csv(*c.who, id));
      return Bytes(std::move(csv), "text/csv; charset=utf-8; header=present", name + ".csv");
    }
    if (format == "xlsx") {
      ASSIGN_OR_RETURN(std::string x, rec->Xlsx(*c.who, id));
      return Bytes(std::move(x), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }
    ASSIGN_OR_RETURN(json::object r, rec->Get(*c.who, id));
    return Json(r);
  });
  add("GET", "/api/v1/treasury", [rec, need](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(need());
    ASSIGN_OR_RETURN(std::string date, RequiredDate(c.req));
    ASSIGN_OR_RETURN(
        std::optional<std::string> format_q,
        internal::OneOfQuery(c.req, "format", {"", "json", "pdf", "xlsx"}, "format.unknown"_code, "json, pdf or xlsx"));
    const std::string format = format_q.value_or("");
    if (format == "pdf") {
      ASSIGN_OR_RETURN(std::string pdf, rec->TreasuryPdf(*c.who, date));
      return Bytes(std::move(pdf), "application/pdf", "tresor-" + date + ".pdf");
    }
    if (format == "xlsx") {
      ASSIGN_OR_RETURN(std::string x, rec->TreasuryXlsx(*c.who, date));
      return Bytes(std::move(x), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "tresor-" + date + ".xlsx");
    }
    ASSIGN_OR_RETURN(json::object t, rec->Treasury(*c.who, date));
    return Json(t);
  });
}

}  // namespace origine::api
