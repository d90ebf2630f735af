// The four providers' endpoints (docs/formats/paysim.md, per-provider sections).
#include <thread>

#include "core/clock.h"
#include "http/problem.h"
#include "paysim/signing.h"
#include "paysim/sim.h"
#include "paysim/util.h"

namespace origine::paysim {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

constexpr std::string_view kAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kHex = "0123456789abcdef";

const char* Title(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    default:
      return status >= 500 ? "Internal Server Error" : "Error";
  }
}

Response OrangeError(int status, const std::string& description) {
  return Json(status, {{"code", status}, {"message", Title(status)}, {"description", description}});
}

Response WaveError(int status, const std::string& code, const std::string& message) {
  return Json(status, {{"code", code}, {"message", message}});
}

Response MomoError(int status, const std::string& code, const std::string& message) {
  return Json(status, {{"code", code}, {"message", message}});
}

bool FormOrJsonGrant(const Request& req) {
  auto form = ParseForm(req.body);
  return form["grant_type"] == "client_credentials";
}

}  // namespace

Response Simulator::FinishInit(std::unique_lock<std::mutex>& lock, Payment& pay, Response ok, Response server_error) {
  const std::optional<FaultKind> kind = pay.fault ? std::optional(pay.fault->kind) : std::nullopt;
  if (kind == FaultKind::kInit5xx) {
    server_error.status = static_cast<int>(pay.fault->Param("status"));
    if (pay.fault->Param("created") == 0) {
      payments_.pop_back();  // the provider never recorded it
      return server_error;
    }
    Index(pay);
    return server_error;
  }
  Index(pay);
  if (kind == FaultKind::kBeforeReply) {
    std::vector<Delivery> sync;
    std::string why;
    Complete(pay, true, pay.msisdn.empty() ? "70" + pay.otp : pay.msisdn, &why, &sync);
    lock.unlock();
    SendNow(std::move(sync));
    return ok;
  }
  if (kind == FaultKind::kInitTimeout) {
    const int64_t ms = pay.fault->Param("ms");
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    return ok;
  }
  return ok;
}

Simulator::RefundPlan Simulator::PlanRefund(const Payment& pay) {
  RefundPlan plan;
  if (!pay.fault) return plan;
  if (pay.fault->kind == FaultKind::kRefund5xx) {
    plan.error_status = static_cast<int>(pay.fault->Param("status"));
    plan.done = pay.fault->Param("created") != 0;
  } else if (pay.fault->kind == FaultKind::kRefundTimeout) {
    plan.wait_ms = pay.fault->Param("ms");
  }
  return plan;
}

// ---------------------------------------------------------------- Orange

void Simulator::AddOrangeRoutes() {
  Route("POST", "/orange/oauth/v3/token", &Simulator::OrangeToken);
  for (const char* env : {"ml/v1", "dev/v1"}) {
    Route("POST", std::string("/orange/orange-money-webpay/") + env + "/webpayment", &Simulator::OrangeInit);
    Route("POST", std::string("/orange/orange-money-webpay/") + env + "/transactionstatus", &Simulator::OrangeStatus);
  }
}

Response Simulator::OrangeToken(Request& req) {
  const std::string expected = "Basic " + Base64(config_.orange_client_id + ":" + config_.orange_client_secret);
  if (!SafeEqual(req.headers.Get("authorization"), expected))
    return Json(401, {{"error", "invalid_client"}, {"error_description", "Client authentication failed"}});
  if (!FormOrJsonGrant(req))
    return Json(400,
                {{"error", "unsupported_grant_type"}, {"error_description", "grant_type must be client_credentials"}});
  std::lock_guard lock(mu_);
  return Json(200, {{"token_type", "Bearer"}, {"access_token", IssueToken("orange")}, {"expires_in", 7776000}});
}

Response Simulator::OrangeInit(Request& req) {
  std::unique_lock lock(mu_);
  if (!tokens_.count(BearerToken(req)) || BearerToken(req).rfind("orange-", 0) != 0)
    return OrangeError(401, "invalid or expired access token");
  auto body = ParseObject(req.body);
  if (!body) return OrangeError(400, "the body must be a JSON object");
  if (!SafeEqual(Str(*body, "merchant_key"), config_.orange_merchant_key))
    return OrangeError(400, "invalid merchant_key");
  const std::string currency = Str(*body, "currency");
  if (currency != "XOF" && currency != "OUV") return OrangeError(400, "currency must be XOF (or OUV in the sandbox)");
  const std::string order_id = Str(*body, "order_id");
  if (order_id.empty() || order_id.size() > 64) return OrangeError(400, "order_id is required (at most 64 characters)");
  auto amount = AmountFromJson(body->if_contains("amount"));
  if (!amount) return OrangeError(400, "amount must be a positive integer");
  for (const char* url : {"return_url", "cancel_url", "notif_url"})
    if (!IsHttpUrl(Str(*body, url))) return OrangeError(400, std::string(url) + " must be an http(s) URL");
  if (by_reference_.count({Provider::kOrange, order_id})) return OrangeError(403, "order_id already used");
  Payment& pay = Create(Provider::kOrange, order_id, *amount);
  pay.currency = currency;
  pay.provider_id = "v1" + Derived("orange-pay-token", pay.seq, kAlnum, 30);
  pay.notif_token = Derived("orange-notif-token", pay.seq, kHex, 32);
  pay.callback_url = Str(*body, "notif_url");
  pay.return_url = Str(*body, "return_url");
  pay.cancel_url = Str(*body, "cancel_url");
  pay.description = Str(*body, "reference");
  Response ok = Json(201, {{"status", 201},
                           {"message", "OK"},
                           {"pay_token", pay.provider_id},
                           {"payment_url", PageUrl(Provider::kOrange, pay.provider_id)},
                           {"notif_token", pay.notif_token}});
  return FinishInit(lock, pay, std::move(ok), OrangeError(500, "internal error"));
}

Response Simulator::OrangeStatus(Request& req) {
  std::lock_guard lock(mu_);
  if (!tokens_.count(BearerToken(req)) || BearerToken(req).rfind("orange-", 0) != 0)
    return OrangeError(401, "invalid or expired access token");
  auto body = ParseObject(req.body);
  if (!body) return OrangeError(400, "the body must be a JSON object");
  auto amount = AmountFromJson(body->if_contains("amount"));
  const std::string pay_token = Str(*body, "pay_token");
  Payment* pay = FindByReference(Provider::kOrange, Str(*body, "order_id"));
  if (!pay || !amount || *amount != pay->amount || (!pay_token.empty() && pay_token != pay->provider_id))
    return OrangeError(404, "no transaction for this order_id, pay_token and amount");
  static const char* kNames[] = {"INITIATED", "PENDING", "SUCCESS", "FAILED", "EXPIRED"};
  json::object out{{"status", kNames[static_cast<int>(pay->state)]}, {"order_id", pay->reference}};
  if (!pay->txn_id.empty() && (pay->state == State::kSucceeded || pay->state == State::kFailed))
    out["txnid"] = pay->txn_id;
  out["amount"] = pay->recorded_amount;
  return Json(201, out);
}

// ---------------------------------------------------------------- Wave

void Simulator::AddWaveRoutes() {
  Route("POST", "/wave/v1/checkout/sessions", &Simulator::WaveCreate);
  Route("GET", "/wave/v1/checkout/sessions/search", &Simulator::WaveSearch);
  Route("GET", "/wave/v1/checkout/sessions/{id}", &Simulator::WaveGet);
  Route("POST", "/wave/v1/checkout/sessions/{id}/expire", &Simulator::WaveExpire);
  Route("POST", "/wave/v1/checkout/sessions/{id}/refund", &Simulator::WaveRefund);
  Route("GET", "/wave/v1/transactions", &Simulator::WaveTransactions);
  Route("GET", "/wave/v1/balance", &Simulator::WaveBalance);
}

json::object Simulator::WaveSession(const Payment& pay) const {
  const bool open = pay.state == State::kInitiated || pay.state == State::kPending;
  json::object s{
      {"id", pay.provider_id},
      {"amount", std::to_string(pay.state == State::kSucceeded ? pay.recorded_amount : pay.amount)},
      {"currency", pay.currency},
      {"checkout_status", open                             ? "open"
                          : pay.state == State::kSucceeded ? "complete"
                                                           : "expired"},
      {"payment_status", open                             ? "processing"
                         : pay.state == State::kSucceeded ? "succeeded"
                                                          : "cancelled"},
      {"client_reference", pay.reference.empty() ? json::value(nullptr) : json::value(pay.reference)},
      {"success_url", pay.return_url},
      {"error_url", pay.cancel_url},
      {"wave_launch_url", PageUrl(Provider::kWave, pay.provider_id)},
      {"business_name", "Origine (simulateur)"},
      {"when_created", Iso(pay.created_at)},
      {"when_expires", Iso(pay.expires_at)},
      {"when_completed", pay.state == State::kSucceeded ? json::value(Iso(pay.completed_at)) : json::value(nullptr)},
      {"transaction_id", pay.state == State::kSucceeded ? json::value(pay.txn_id) : json::value(nullptr)},
      {"last_payment_error", nullptr}};
  if (pay.cancelled)
    s["last_payment_error"] = {{"code", "payer-cancelled"}, {"message", "Le payeur a annulé le paiement."}};
  for (const auto& [k, v] : pay.echo) s[k] = v;
  if (pay.refunded) s["refunded"] = true;
  return s;
}

Response Simulator::WaveCreate(Request& req) {
  if (!SafeEqual(BearerToken(req), config_.wave_api_key)) return WaveError(401, "invalid-auth", "invalid API key");
  auto body = ParseObject(req.body);
  if (!body) return WaveError(400, "request-validation-error", "the body must be a JSON object");
  const json::value* amount_v = body->if_contains("amount");
  std::optional<int64_t> amount;
  if (amount_v && amount_v->is_string()) amount = AmountFromString(std::string(amount_v->as_string()));
  if (!amount) return WaveError(400, "request-validation-error", "amount must be a string of digits, e.g. \"5000\"");
  if (Str(*body, "currency") != "XOF") return WaveError(400, "request-validation-error", "currency must be XOF");
  for (const char* url : {"success_url", "error_url"})
    if (!IsHttpUrl(Str(*body, url)))
      return WaveError(400, "request-validation-error", std::string(url) + " must be an http(s) URL");
  const std::string reference = Str(*body, "client_reference");
  if (reference.size() > 255) return WaveError(400, "request-validation-error", "client_reference is too long");
  std::unique_lock lock(mu_);
  const std::string key = req.headers.Get("idempotency-key");
  const std::string body_hash = Sha256Hex(req.body);
  if (!key.empty()) {
    auto it = wave_idempotency_.find(key);
    if (it != wave_idempotency_.end()) {
      if (it->second.first != body_hash)
        return WaveError(409, "idempotency-mismatch", "this Idempotency-Key was used with another request");
      Payment& pay = *payments_[it->second.second - 1];
      Refresh(pay);
      return Json(200, WaveSession(pay));
    }
  }
  Payment& pay = Create(Provider::kWave, reference, *amount);
  pay.provider_id = "cos-" + Derived("wave-session", pay.seq, "abcdefghijklmnopqrstuvwxyz0123456789", 13);
  pay.return_url = Str(*body, "success_url");
  pay.cancel_url = Str(*body, "error_url");
  pay.callback_url = config_.wave_webhook_url;
  for (const char* k : {"restrict_payer_mobile", "aggregated_merchant_id"})
    if (auto* v = body->if_contains(k)) pay.echo[k] = *v;
  if (!key.empty() && !(pay.fault && pay.fault->kind == FaultKind::kInit5xx && pay.fault->Param("created") == 0))
    wave_idempotency_[key] = {body_hash, pay.seq};
  Response ok = Json(200, WaveSession(pay));
  return FinishInit(lock, pay, std::move(ok), WaveError(500, "internal-server-error", "internal error"));
}

Response Simulator::WaveGet(Request& req) {
  if (!SafeEqual(BearerToken(req), config_.wave_api_key)) return WaveError(401, "invalid-auth", "invalid API key");
  std::lock_guard lock(mu_);
  Payment* pay = FindByProviderId(Provider::kWave, req.path_params["id"]);
  if (!pay) return WaveError(404, "checkout-session-not-found", "no checkout session with this id");
  return Json(200, WaveSession(*pay));
}

Response Simulator::WaveSearch(Request& req) {
  if (!SafeEqual(BearerToken(req), config_.wave_api_key)) return WaveError(401, "invalid-auth", "invalid API key");
  auto it = req.query.find("client_reference");
  if (it == req.query.end() || it->second.empty())
    return WaveError(400, "request-validation-error", "client_reference is required");
  std::lock_guard lock(mu_);
  json::array result;
  for (auto& pay : payments_) {
    if (pay->provider != Provider::kWave || pay->reference != it->second) continue;
    Refresh(*pay);
    result.push_back(WaveSession(*pay));
  }
  return Json(200, {{"result", std::move(result)}});
}

Response Simulator::WaveExpire(Request& req) {
  if (!SafeEqual(BearerToken(req), config_.wave_api_key)) return WaveError(401, "invalid-auth", "invalid API key");
  std::lock_guard lock(mu_);
  Payment* pay = FindByProviderId(Provider::kWave, req.path_params["id"]);
  if (!pay) return WaveError(404, "checkout-session-not-found", "no checkout session with this id");
  if ((pay->state != State::kInitiated && pay->state != State::kPending) || pay->stuck)
    return WaveError(409, "checkout-session-not-open", "the checkout session is not open");
  pay->state = State::kExpired;
  pay->expires_at = Now();
  return Json(200, WaveSession(*pay));
}

Response Simulator::WaveRefund(Request& req) {
  if (!SafeEqual(BearerToken(req), config_.wave_api_key)) return WaveError(401, "invalid-auth", "invalid API key");
  std::unique_lock lock(mu_);
  Payment* pay = FindByProviderId(Provider::kWave, req.path_params["id"]);
  if (!pay) return WaveError(404, "checkout-session-not-found", "no checkout session with this id");
  if (pay->state != State::kSucceeded || pay->refunded)
    return WaveError(409, "checkout-session-not-refundable",
                     "only a succeeded, not yet refunded session can be refunded");
  const RefundPlan plan = PlanRefund(*pay);
  if (plan.done) {
    pay->refunded = true;
    pay->refunded_at = Now();
    pay->refunded_amount = pay->recorded_amount;
    pay->refund_txn_id = pay->txn_id + "-R";
  }
  if (plan.error_status) return WaveError(plan.error_status, "internal-server-error", "internal error");
  if (plan.wait_ms > 0) {
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(plan.wait_ms));
  }
  return Json(200, json::object{});
}

Response Simulator::WaveTransactions(Request& req) {
  if (!SafeEqual(BearerToken(req), config_.wave_api_key)) return WaveError(401, "invalid-auth", "invalid API key");
  const std::string date = req.query.count("date") ? req.query.at("date") : "";
  int64_t unused = 0;
  if (!ParseDate(date, &unused)) return WaveError(400, "request-validation-error", "date must be YYYY-MM-DD");
  std::lock_guard lock(mu_);
  return Json(200, WaveTransactionsJson(date));
}

Response Simulator::WaveBalance(Request& req) {
  if (!SafeEqual(BearerToken(req), config_.wave_api_key)) return WaveError(401, "invalid-auth", "invalid API key");
  std::lock_guard lock(mu_);
  int64_t balance = 0;
  for (auto& pay : payments_) {
    if (pay->provider != Provider::kWave || pay->state != State::kSucceeded) continue;
    balance += pay->recorded_amount - Fee(pay->recorded_amount, 100);
    if (pay->refunded) balance -= pay->recorded_amount - Fee(pay->recorded_amount, 100);
  }
  return Json(200, {{"balance", std::to_string(balance)}, {"currency", "XOF"}});
}

// ---------------------------------------------------------------- CinetPay

void Simulator::AddCinetPayRoutes() {
  Route("POST", "/cinetpay/v2/payment", &Simulator::CinetPayInit);
  Route("POST", "/cinetpay/v2/payment/check", &Simulator::CinetPayCheck);
}

namespace {
std::string SiteId(const json::object& o) {
  auto* v = o.if_contains("site_id");
  if (!v) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return "";
}
}  // namespace

Response Simulator::CinetPayInit(Request& req) {
  auto cp = [this](int http, const std::string& code, const std::string& message, const std::string& description) {
    return Json(http, {{"code", code},
                       {"message", message},
                       {"description", description},
                       {"api_response_id", std::to_string(Now()) + ".0000"}});
  };
  auto body = ParseObject(req.body);
  if (!body) return cp(400, "608", "MINIMUM_REQUIRED_FIELDS", "the body must be a JSON object");
  if (!SafeEqual(Str(*body, "apikey"), config_.cinetpay_apikey) || SiteId(*body) != config_.cinetpay_site_id)
    return cp(401, "609", "AUTH_NOT_FOUND", "apikey or site_id is not valid");
  const std::string reference = Str(*body, "transaction_id");
  auto amount = AmountFromJson(body->if_contains("amount"));
  std::string missing;
  if (reference.empty())
    missing = "transaction_id";
  else if (!amount)
    missing = "amount (a positive integer)";
  else if (Str(*body, "currency") != "XOF")
    missing = "currency (XOF)";
  else if (Str(*body, "description").empty())
    missing = "description";
  else if (!IsHttpUrl(Str(*body, "notify_url")))
    missing = "notify_url";
  else if (!IsHttpUrl(Str(*body, "return_url")))
    missing = "return_url";
  if (!missing.empty()) return cp(400, "608", "MINIMUM_REQUIRED_FIELDS", "missing or invalid: " + missing);
  std::unique_lock lock(mu_);
  if (by_reference_.count({Provider::kCinetPay, reference}))
    return cp(400, "624", "TRANSACTION_EXIST", "transaction_id already used");
  Payment& pay = Create(Provider::kCinetPay, reference, *amount);
  pay.provider_id = Derived("cinetpay-token", pay.seq, kAlnum, 32);
  pay.callback_url = Str(*body, "notify_url");
  pay.return_url = Str(*body, "return_url");
  pay.cancel_url = pay.return_url;
  pay.description = Str(*body, "description");
  Response ok = Json(
      200,
      {{"code", "201"},
       {"message", "CREATED"},
       {"description", "Transaction created with success"},
       {"data", {{"payment_token", pay.provider_id}, {"payment_url", PageUrl(Provider::kCinetPay, pay.provider_id)}}},
       {"api_response_id", std::to_string(Now()) + "." + Derived("cp-api", pay.seq, "0123456789", 4)}});
  return FinishInit(lock, pay, std::move(ok), cp(500, "500", "INTERNAL_ERROR", "internal error"));
}

std::map<std::string, std::string> Simulator::CinetPayFields(const Payment& pay, bool success) const {
  return {{"cpm_site_id", config_.cinetpay_site_id},
          {"cpm_trans_id", pay.reference},
          {"cpm_trans_date", Compact(pay.completed_at ? pay.completed_at : Now())},
          {"cpm_amount", std::to_string(pay.recorded_amount)},
          {"cpm_currency", pay.currency},
          {"signature", pay.provider_id},
          {"payment_method", "MOOVML"},
          {"cel_phone_num", pay.msisdn},
          {"cpm_phone_prefixe", "223"},
          {"cpm_language", "fr"},
          {"cpm_version", "V4"},
          {"cpm_payment_config", "SINGLE"},
          {"cpm_page_action", "PAYMENT"},
          {"cpm_custom", ""},
          {"cpm_designation", pay.description},
          {"cpm_error_message", success ? "SUCCES" : "PAYMENT_FAILED"}};
}

Response Simulator::CinetPayCheck(Request& req) {
  auto body = ParseObject(req.body);
  const std::string api_id = std::to_string(Now()) + ".0000";
  if (!body) return Json(400, {{"code", "608"}, {"message", "MINIMUM_REQUIRED_FIELDS"}, {"api_response_id", api_id}});
  if (!SafeEqual(Str(*body, "apikey"), config_.cinetpay_apikey) || SiteId(*body) != config_.cinetpay_site_id)
    return Json(401, {{"code", "609"}, {"message", "AUTH_NOT_FOUND"}, {"api_response_id", api_id}});
  std::lock_guard lock(mu_);
  Payment* pay = nullptr;
  if (!Str(*body, "transaction_id").empty())
    pay = FindByReference(Provider::kCinetPay, Str(*body, "transaction_id"));
  else if (!Str(*body, "token").empty())
    pay = FindByProviderId(Provider::kCinetPay, Str(*body, "token"));
  if (!pay) return Json(404, {{"code", "404"}, {"message", "TRANSACTION_NOT_FOUND"}, {"api_response_id", api_id}});
  std::string code = "662", message = "WAITING_CUSTOMER_PAYMENT", status = "PENDING";
  if (pay->state == State::kSucceeded)
    code = "00", message = "SUCCES", status = "ACCEPTED";
  else if (pay->state == State::kFailed)
    code = "600", message = "PAYMENT_FAILED", status = "REFUSED";
  else if (pay->state == State::kExpired)
    code = "627", message = "TRANSACTION_CANCEL", status = "REFUSED";
  const bool paid = pay->state == State::kSucceeded;
  json::object data{{"amount", std::to_string(paid ? pay->recorded_amount : pay->amount)},
                    {"currency", pay->currency},
                    {"status", status},
                    {"payment_method", paid ? "MOOVML" : ""},
                    {"description", pay->description},
                    {"metadata", nullptr},
                    {"operator_id", paid ? json::value(pay->txn_id) : json::value(nullptr)},
                    {"payment_date", paid ? DateTime(pay->completed_at) : ""},
                    {"fund_availability_date", paid ? DateTime(pay->completed_at + 86400) : ""}};
  return Json(200, {{"code", code}, {"message", message}, {"data", std::move(data)}, {"api_response_id", api_id}});
}

// ---------------------------------------------------------------- MoMo

void Simulator::AddMomoRoutes() {
  Route("POST", "/momo/collection/token/", &Simulator::MomoToken);
  Route("POST", "/momo/collection/token", &Simulator::MomoToken);
  Route("POST", "/momo/collection/v1_0/requesttopay", &Simulator::MomoRequestToPay);
  Route("GET", "/momo/collection/v1_0/requesttopay/{ref}", &Simulator::MomoStatus);
  // Disbursement: refunds of collected payments.
  Route("POST", "/momo/disbursement/token/", &Simulator::MomoDisbursementToken);
  Route("POST", "/momo/disbursement/token", &Simulator::MomoDisbursementToken);
  Route("POST", "/momo/disbursement/v1_0/refund", &Simulator::MomoRefund);
  Route("POST", "/momo/disbursement/v2_0/refund", &Simulator::MomoRefund);
  Route("GET", "/momo/disbursement/v1_0/refund/{ref}", &Simulator::MomoRefundStatus);
}

json::object Simulator::MomoView(const Payment& pay) const {
  static const char* kNames[] = {"PENDING", "PENDING", "SUCCESSFUL", "FAILED", "FAILED"};
  json::object v{{"amount", std::to_string(pay.state == State::kSucceeded ? pay.recorded_amount : pay.amount)},
                 {"currency", pay.currency}};
  if (pay.state == State::kSucceeded) v["financialTransactionId"] = pay.txn_id;
  v["externalId"] = Str(pay.echo, "externalId");
  v["payer"] = {{"partyIdType", "MSISDN"}, {"partyId", pay.msisdn}};
  v["payerMessage"] = Str(pay.echo, "payerMessage");
  v["payeeNote"] = Str(pay.echo, "payeeNote");
  v["status"] = kNames[static_cast<int>(pay.state)];
  if (pay.state == State::kFailed) v["reason"] = "APPROVAL_REJECTED";
  if (pay.state == State::kExpired) v["reason"] = "EXPIRED";
  return v;
}

Response Simulator::MomoIssueToken(Request& req, const std::string& user, const std::string& key,
                                   const std::string& subscription_key, const char* product) {
  const std::string expected = "Basic " + Base64(user + ":" + key);
  if (!SafeEqual(req.headers.Get("ocp-apim-subscription-key"), subscription_key))
    return Json(401, {{"statusCode", 401}, {"message", "Access denied due to invalid subscription key."}});
  if (!SafeEqual(req.headers.Get("authorization"), expected)) return Json(401, {{"error", "login_failed"}});
  std::lock_guard lock(mu_);
  return Json(200, {{"access_token", IssueToken(product)}, {"token_type", "access_token"}, {"expires_in", 3600}});
}

std::variant<Response, Simulator::MomoCall> Simulator::MomoCheckCall(Request& req, const std::string& subscription_key,
                                                                     const char* product) {
  if (!SafeEqual(req.headers.Get("ocp-apim-subscription-key"), subscription_key))
    return Json(401, {{"statusCode", 401}, {"message", "Access denied due to invalid subscription key."}});
  const std::string bearer = BearerToken(req);
  if (!tokens_.count(bearer) || bearer.rfind(std::string(product) + "-", 0) != 0)
    return MomoError(401, "NOT_AUTHORIZED", "invalid or expired access token");
  if (req.headers.Get("x-target-environment") != config_.momo_target_environment)
    return MomoError(400, "INVALID_TARGET_ENVIRONMENT", "X-Target-Environment is not valid");
  MomoCall call;
  call.reference = req.headers.Get("x-reference-id");
  if (!IsUuid(call.reference)) return MomoError(400, "INVALID_REFERENCE_ID", "X-Reference-Id must be a UUID");
  call.callback = req.headers.Get("x-callback-url");
  if (!call.callback.empty() && !IsHttpUrl(call.callback))
    return MomoError(400, "INVALID_CALLBACK_URL_HOST", "X-Callback-Url must be an http(s) URL");
  auto body = ParseObject(req.body);
  if (!body) return MomoError(400, "INVALID_INPUT", "the body must be a JSON object");
  const json::value* amount_v = body->if_contains("amount");
  std::optional<int64_t> amount;
  if (amount_v && amount_v->is_string()) amount = AmountFromString(std::string(amount_v->as_string()));
  if (!amount) return MomoError(400, "INVALID_INPUT", "amount must be a string of digits, e.g. \"5000\"");
  if (Str(*body, "currency") != "XOF") return MomoError(400, "INVALID_CURRENCY", "currency must be XOF");
  call.body = std::move(*body);
  call.amount = *amount;
  return call;
}

Response Simulator::MomoToken(Request& req) {
  return MomoIssueToken(req, config_.momo_api_user, config_.momo_api_key, config_.momo_subscription_key, "momo");
}

Response Simulator::MomoRequestToPay(Request& req) {
  std::unique_lock lock(mu_);
  auto checked = MomoCheckCall(req, config_.momo_subscription_key, "momo");
  if (auto* error = std::get_if<Response>(&checked)) return std::move(*error);
  auto& [ref, callback, body_object, amount_xof] = std::get<MomoCall>(checked);
  const json::object* body = &body_object;
  const std::optional<int64_t> amount = amount_xof;
  const json::object* payer = body->if_contains("payer") ? body->at("payer").if_object() : nullptr;
  const std::string msisdn = payer ? Str(*payer, "partyId") : "";
  if (!payer || Str(*payer, "partyIdType") != "MSISDN" || msisdn.empty())
    return MomoError(400, "INVALID_INPUT", "payer must be {partyIdType: MSISDN, partyId}");
  if (by_reference_.count({Provider::kMomo, ref}))
    return MomoError(409, "RESOURCE_ALREADY_EXIST", "Duplicated reference id. Creation for resource failed.");
  Payment& pay = Create(Provider::kMomo, ref, *amount);
  pay.provider_id = ref;
  pay.state = State::kPending;
  pay.msisdn = msisdn;
  pay.callback_url = callback;
  for (const char* k : {"externalId", "payerMessage", "payeeNote"}) pay.echo[k] = Str(*body, k);
  pay.description = Str(*body, "payerMessage");
  Response ok;
  ok.status = 202;
  ok.content_type = "";
  return FinishInit(lock, pay, std::move(ok),
                    MomoError(500, "INTERNAL_PROCESSING_ERROR", "An internal error occurred while processing."));
}

Response Simulator::MomoStatus(Request& req) {
  if (!SafeEqual(req.headers.Get("ocp-apim-subscription-key"), config_.momo_subscription_key))
    return Json(401, {{"statusCode", 401}, {"message", "Access denied due to invalid subscription key."}});
  std::lock_guard lock(mu_);
  const std::string bearer = BearerToken(req);
  if (!tokens_.count(bearer) || bearer.rfind("momo-", 0) != 0)
    return MomoError(401, "NOT_AUTHORIZED", "invalid or expired access token");
  Payment* pay = FindByReference(Provider::kMomo, req.path_params["ref"]);
  if (!pay) return MomoError(404, "RESOURCE_NOT_FOUND", "Requested resource was not found.");
  return Json(200, MomoView(*pay));
}

// ---------------------------------------------------------------- MoMo Disbursement (refunds)

json::object Simulator::MomoRefundView(const MomoRefundRecord& r) const {
  json::object v{{"amount", std::to_string(r.amount)}, {"currency", r.currency}};
  if (r.status == "SUCCESSFUL") v["financialTransactionId"] = r.txn_id;
  v["externalId"] = r.external_id;
  v["payee"] = {{"partyIdType", "MSISDN"}, {"partyId", r.msisdn}};
  v["payerMessage"] = r.payer_message;
  v["payeeNote"] = r.payee_note;
  v["status"] = r.status;
  if (!r.reason.empty()) v["reason"] = r.reason;
  return v;
}

Response Simulator::MomoDisbursementToken(Request& req) {
  return MomoIssueToken(req, config_.momo_disbursement_api_user, config_.momo_disbursement_api_key,
                        config_.momo_disbursement_subscription_key, "momodisb");
}

Response Simulator::MomoRefund(Request& req) {
  std::unique_lock lock(mu_);
  auto checked = MomoCheckCall(req, config_.momo_disbursement_subscription_key, "momodisb");
  if (auto* error = std::get_if<Response>(&checked)) return std::move(*error);
  auto& [ref, callback, body_object, amount_xof] = std::get<MomoCall>(checked);
  const json::object* body = &body_object;
  const std::optional<int64_t> amount = amount_xof;
  const std::string to_refund = Str(*body, "referenceIdToRefund");
  if (!IsUuid(to_refund)) return MomoError(400, "INVALID_INPUT", "referenceIdToRefund must be a UUID");
  if (momo_refunds_.count(ref))
    return MomoError(409, "RESOURCE_ALREADY_EXIST", "Duplicated reference id. Creation for resource failed.");
  Payment* pay = FindByReference(Provider::kMomo, to_refund);
  const RefundPlan plan = pay ? PlanRefund(*pay) : RefundPlan{};
  if (plan.done) {
    MomoRefundRecord r;
    r.reference = ref;
    r.reference_to_refund = to_refund;
    r.external_id = Str(*body, "externalId");
    r.payer_message = Str(*body, "payerMessage");
    r.payee_note = Str(*body, "payeeNote");
    r.amount = *amount;
    r.callback_url = callback;
    r.created_at = Now();
    // Like the real API, a refund the platform may not make is accepted (202)
    // and then FAILED: unknown, unpaid or already refunded payment, or more
    // than was collected.
    if (!pay || pay->state != State::kSucceeded || pay->refunded || *amount > pay->recorded_amount) {
      r.status = "FAILED";
      r.reason = "NOT_ALLOWED";
    } else {
      r.status = "SUCCESSFUL";
      r.seq = pay->seq;
      r.msisdn = pay->msisdn;
      r.txn_id = "2" + Derived("momo-refund-txn", next_refund_, "0123456789", 9);
      pay->refunded = true;
      pay->refunded_at = r.created_at;
      pay->refunded_amount = *amount;
      pay->refund_txn_id = r.txn_id;
      pay->refund_reference = ref;
      pay->refund_external_id = r.external_id;
    }
    ++next_refund_;
    if (!callback.empty()) {
      // Sent once (a hint, like the collection's callback); the payment's
      // duplicate, delay and lost faults apply.
      Delivery d;
      d.provider = Provider::kMomo;
      d.reference = to_refund;
      d.seq = pay ? pay->seq : 0;
      d.event = r.status == "SUCCESSFUL" ? "refund" : "refund_failure";
      d.url = callback;
      d.content_type = "application/json";
      d.body = json::serialize(MomoRefundView(r));
      d.due = std::chrono::steady_clock::now();
      d.due_at = Now();
      const std::optional<FaultKind> kind = pay && pay->fault ? std::optional(pay->fault->kind) : std::nullopt;
      if (kind) d.fault = FaultName(*kind);
      if (kind == FaultKind::kLost) d.outcome = "lost";
      if (kind == FaultKind::kDelay) {
        d.due += std::chrono::milliseconds(pay->fault->Param("ms"));
        d.due_at += pay->fault->Param("ms") / 1000;
      }
      const int64_t copies = kind == FaultKind::kDuplicate ? pay->fault->Param("times") : 1;
      Queue(std::vector<Delivery>(static_cast<size_t>(copies), d));
    }
    momo_refunds_[ref] = std::move(r);
  }
  if (plan.error_status)
    return MomoError(plan.error_status, "INTERNAL_PROCESSING_ERROR", "An internal error occurred while processing.");
  if (plan.wait_ms > 0) {
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(plan.wait_ms));
  }
  Response ok;
  ok.status = 202;
  ok.content_type = "";
  return ok;
}

Response Simulator::MomoRefundStatus(Request& req) {
  if (!SafeEqual(req.headers.Get("ocp-apim-subscription-key"), config_.momo_disbursement_subscription_key))
    return Json(401, {{"statusCode", 401}, {"message", "Access denied due to invalid subscription key."}});
  std::lock_guard lock(mu_);
  const std::string bearer = BearerToken(req);
  if (!tokens_.count(bearer) || bearer.rfind("momodisb-", 0) != 0)
    return MomoError(401, "NOT_AUTHORIZED", "invalid or expired access token");
  auto it = momo_refunds_.find(req.path_params["ref"]);
  if (it == momo_refunds_.end()) return MomoError(404, "RESOURCE_NOT_FOUND", "Requested resource was not found.");
  return Json(200, MomoRefundView(it->second));
}

}  // namespace origine::paysim
