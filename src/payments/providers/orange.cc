// Orange Money WebPay (Mali): OAuth client credentials, webpayment,
// transactionstatus; notifications authenticated by notif_token only.
#include "core/encoding.h"
#include "payments/crypto.h"
#include "payments/providers/common.h"
#include "payments/providers/providers.h"

namespace origine::payments::internal {
namespace json = boost::json;

namespace {

class Orange final : public PaymentProvider {
 public:
  Orange(ProviderConfig c, HttpClient& http, const Clock& clock) : c_(std::move(c)), http_(http), clock_(clock) {}
  const std::string& name() const override { return c_.name; }
  bool NeedsStoredToken() const override { return true; }

  InitResult Initiate(const InitRequest& r) override {
    InitResult out;
    auto token = Token();
    if (!token) {
      // No payment request was sent: nothing can exist at Orange.
      out.outcome = InitOutcome::kRejected;
      out.detail = token.error().message;
      return out;
    }
    json::object body{{"merchant_key", c_.merchant_key}, {"currency", c_.currency},
                      {"order_id", r.reference},         {"amount", r.amount_xof},
                      {"return_url", r.return_url},      {"cancel_url", r.cancel_url},
                      {"notif_url", r.notify_url},       {"lang", "fr"},
                      {"reference", r.description}};
    const std::string url = c_.base_url + c_.orange_path + "/webpayment";
    auto res = http_.Send(
        {"POST",
         url,
         {{"Authorization", "Bearer " + *token}, {"Content-Type", "application/json"}, {"Accept", "application/json"}},
         json::serialize(body),
         c_.timeout_ms});
    if (!res) {
      out.detail = "POST " + Describe(url, 0) + ": " + res.error().message;
      return out;
    }
    out.detail = "POST " + Describe(url, res->status);
    if (IsUnclearStatus(res->status)) return out;
    if (res->status != 201 && res->status != 200) {
      out.outcome = InitOutcome::kRejected;
      return out;
    }
    auto o = ParseObject(res->body);
    if (!o || Str(*o, "pay_token").empty() || Str(*o, "payment_url").empty() || Str(*o, "notif_token").empty())
      return out;  // created or not: unclear
    out.outcome = InitOutcome::kAccepted;
    out.provider_ref = Str(*o, "pay_token");
    out.payment_url = Str(*o, "payment_url");
    out.notif_token = Str(*o, "notif_token");
    return out;
  }

  Result<StatusResult> Status(const IntentRef& intent) override {
    ASSIGN_OR_RETURN(std::string token, Token());
    const std::string url = c_.base_url + c_.orange_path + "/transactionstatus";
    json::object body{
        {"order_id", intent.reference}, {"amount", intent.amount_xof}, {"pay_token", intent.provider_ref}};
    ASSIGN_OR_RETURN(HttpResponse res, http_.Send({"POST",
                                                   url,
                                                   {{"Authorization", "Bearer " + token},
                                                    {"Content-Type", "application/json"},
                                                    {"Accept", "application/json"}},
                                                   json::serialize(body),
                                                   c_.timeout_ms}));
    // Without a pay_token (the initiation answer was lost) Orange cannot find
    // the payment: a 4xx then means "nothing known under these keys".
    if (res.status == 404 || (res.status >= 400 && res.status < 500 && res.status != 401 && res.status != 429))
      return StatusResult{RemoteStatus::kNotFound, "", std::nullopt, Describe(url, res.status)};
    if (res.status < 200 || res.status >= 300)
      return Error::Unavailable("provider.unavailable"_code, "orange status: " + Describe(url, res.status));
    auto o = ParseObject(res.body);
    if (!o) return Error::Unavailable("provider.unavailable"_code, "orange status: unreadable answer");
    const std::string s = Str(*o, "status");
    StatusResult out;
    out.provider_txn = Str(*o, "txnid");
    out.amount_xof = Amount(Member(*o, "amount"));
    out.currency = ReportedCurrency(Str(*o, "currency"), c_.currency);
    out.reference = Str(*o, "order_id");  // always echoed: an answer without it names no order of ours
    out.detail = s;
    if (s == "SUCCESS")
      out.status = RemoteStatus::kSucceeded;
    else if (s == "FAILED")
      out.status = RemoteStatus::kFailed;
    else if (s == "EXPIRED")
      out.status = RemoteStatus::kExpired;
    else if (s == "INITIATED" || s == "PENDING")
      out.status = RemoteStatus::kPending;
    else
      return Error::Unavailable("provider.unavailable"_code, "orange status: unknown status");
    return out;
  }

  CallbackCheck VerifyCallback(const CallbackRequest& r, const std::string& expected) override {
    CallbackCheck out;
    auto ref = r.query.find("ref");
    if (ref == r.query.end() || ref->second.empty()) {
      out.reason = "no ref in the notification URL";
      return out;
    }
    out.reference = ref->second;
    std::optional<json::object> o = ParseObject(r.body);
    if (!o) {
      auto form = ParseForm(r.body);  // some integrations post a form
      if (form.count("notif_token")) {
        o = json::object{};
        for (auto& [k, v] : form) (*o)[k] = v;
      }
    }
    if (!o || Str(*o, "notif_token").empty() || Str(*o, "status").empty()) {
      out.reason = "no notif_token or status";
      return out;
    }
    if (expected.empty() || !ConstantTimeEqual(Str(*o, "notif_token"), expected)) {
      out.verdict = CallbackVerdict::kForged;
      out.reason = "notif_token does not match the intent's";
      return out;
    }
    out.verdict = CallbackVerdict::kAccepted;
    out.event_key = out.reference + ":" + Str(*o, "status") + ":" + Str(*o, "txnid");
    return out;
  }

  Result<std::vector<StatementLine>> ParseStatement(const std::string& text) override {
    CsvColumns cols{{"txnid", "transaction_id"},
                    {"order_id"},
                    {"amount"},
                    {"fee", "fees"},
                    {"date", "timestamp", "created_at"},
                    {"status"},
                    {"is_reversal", "reversal"}};
    return ParseStatementCsv(text, cols, {"SUCCESS", "SUCCESSFUL", "success"});
  }

 private:
  Result<std::string> Token() {
    const std::string url = c_.base_url + "/oauth/v3/token";
    return CachedToken(cache_, http_, clock_,
                       {"POST",
                        url,
                        {{"Authorization", "Basic " + encoding::Base64(c_.client_id + ":" + c_.client_secret)},
                         {"Content-Type", "application/x-www-form-urlencoded"},
                         {"Accept", "application/json"}},
                        FormBody({{"grant_type", "client_credentials"}}),
                        c_.timeout_ms},
                       "orange token", 600);
  }

  ProviderConfig c_;
  HttpClient& http_;
  const Clock& clock_;
  TokenCache cache_;
};

}  // namespace

std::unique_ptr<PaymentProvider> MakeOrange(const ProviderConfig& c, HttpClient& http, const Clock& clock) {
  return std::make_unique<Orange>(c, http, clock);
}

}  // namespace origine::payments::internal
