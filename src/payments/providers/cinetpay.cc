// Moov Money through an aggregator with CinetPay's API shape: /v2/payment,
// /v2/payment/check; form notifications signed with x-token =
// hex HMAC-SHA256(secret, the 16 cpm_* fields concatenated in order).
#include "payments/crypto.h"
#include "payments/providers/common.h"
#include "payments/providers/providers.h"

namespace origine::payments::internal {
namespace json = boost::json;

namespace {

constexpr const char* kSignedFields[] = {"cpm_site_id",       "cpm_trans_id", "cpm_trans_date",  "cpm_amount",
                                         "cpm_currency",      "signature",    "payment_method",  "cel_phone_num",
                                         "cpm_phone_prefixe", "cpm_language", "cpm_version",     "cpm_payment_config",
                                         "cpm_page_action",   "cpm_custom",   "cpm_designation", "cpm_error_message"};

class CinetPay final : public PaymentProvider {
 public:
  CinetPay(ProviderConfig c, HttpClient& http, const Clock&) : c_(std::move(c)), http_(http) {}
  const std::string& name() const override { return c_.name; }

  InitResult Initiate(const InitRequest& r) override {
    InitResult out;
    json::object body{{"apikey", c_.api_key},          {"site_id", c_.site_id},
                      {"transaction_id", r.reference}, {"amount", r.amount_xof},
                      {"currency", c_.currency},       {"description", r.description},
                      {"notify_url", r.notify_url},    {"return_url", r.return_url},
                      {"channels", "MOBILE_MONEY"},    {"lang", "fr"}};
    const std::string url = c_.base_url + "/v2/payment";
    auto res = http_.Send({"POST",
                           url,
                           {{"Content-Type", "application/json"}, {"Accept", "application/json"}},
                           json::serialize(body),
                           c_.timeout_ms});
    if (!res) {
      out.detail = "POST " + Describe(url, 0) + ": " + res.error().message;
      return out;
    }
    out.detail = "POST " + Describe(url, res->status);
    if (IsUnclearStatus(res->status)) return out;
    auto o = ParseObject(res->body);
    if (!o) {
      if (res->status >= 400) out.outcome = InitOutcome::kRejected;
      return out;
    }
    const std::string code = Str(*o, "code");
    out.detail += " code " + code;
    const json::value* data = Member(*o, "data");
    if (code == "201" && data && data->is_object() && !Str(data->as_object(), "payment_url").empty()) {
      out.outcome = InitOutcome::kAccepted;
      out.provider_ref = Str(data->as_object(), "payment_token");
      out.payment_url = Str(data->as_object(), "payment_url");
      return out;
    }
    if (res->status >= 400 || (!code.empty() && code != "201")) out.outcome = InitOutcome::kRejected;
    return out;
  }

  Result<StatusResult> Status(const IntentRef& intent) override {
    const std::string url = c_.base_url + "/v2/payment/check";
    json::object body{{"apikey", c_.api_key}, {"site_id", c_.site_id}, {"transaction_id", intent.reference}};
    ASSIGN_OR_RETURN(HttpResponse res,
                     http_.Send({"POST",
                                 url,
                                 {{"Content-Type", "application/json"}, {"Accept", "application/json"}},
                                 json::serialize(body),
                                 c_.timeout_ms}));
    if (res.status >= 500 || res.status == 429)
      return Error::Unavailable("provider.unavailable"_code, "cinetpay check: " + Describe(url, res.status));
    auto o = ParseObject(res.body);
    if (!o) return Error::Unavailable("provider.unavailable"_code, "cinetpay check: unreadable answer");
    const std::string code = Str(*o, "code");
    const json::value* data = Member(*o, "data");
    StatusResult out;
    out.detail = "code " + code;
    std::string status;
    if (data && data->is_object()) {
      out.amount_xof = Amount(Member(data->as_object(), "amount"));
      out.provider_txn = Str(data->as_object(), "operator_id");
      out.currency = ReportedCurrency(Str(data->as_object(), "currency"), c_.currency);
      status = Str(data->as_object(), "status");
      out.detail += " " + status;
    }
    if (code == "00" && (status.empty() || status == "ACCEPTED")) out.status = RemoteStatus::kSucceeded;
    // Before REFUSED: an expired payment is "627" TRANSACTION_CANCEL with status
    // REFUSED, and the payer may still complete it late.
    else if (code == "627")
      out.status = RemoteStatus::kExpired;  // TRANSACTION_CANCEL: not paid in time
    else if (code == "600" || status == "REFUSED" || status == "CANCELED" || status == "CANCELLED")
      out.status = RemoteStatus::kFailed;
    else if (code == "662" || code == "623" || status == "WAITING_CUSTOMER_PAYMENT" || status == "PENDING")
      out.status = RemoteStatus::kPending;
    else if (code == "629" || code == "404")
      out.status = RemoteStatus::kNotFound;  // unknown transaction
    else
      return Error::Unavailable("provider.unavailable"_code, "cinetpay check: unexpected code " + code);
    if (out.status == RemoteStatus::kSucceeded && out.provider_txn.empty()) out.provider_txn = intent.reference;
    return out;
  }

  CallbackCheck VerifyCallback(const CallbackRequest& r, const std::string&) override {
    CallbackCheck out;
    auto form = ParseForm(r.body);
    if (r.body.empty() || !form.count("cpm_trans_id") || !form.count("cpm_site_id")) {
      out.reason = "no cpm_trans_id (a ping?)";
      return out;
    }
    auto h = r.headers.find("x-token");
    if (h == r.headers.end() || h->second.empty()) {
      out.verdict = CallbackVerdict::kForged;
      out.reason = "no x-token header";
      return out;
    }
    std::string message;
    for (const char* f : kSignedFields) {
      auto it = form.find(f);
      if (it != form.end()) message += it->second;
    }
    std::string sent = h->second;
    for (auto& ch : sent) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!ConstantTimeEqual(sent, HmacSha256Hex(c_.secret_key, message))) {
      out.verdict = CallbackVerdict::kForged;
      out.reason = "x-token does not match";
      return out;
    }
    if (form["cpm_site_id"] != c_.site_id) {
      out.verdict = CallbackVerdict::kForged;
      out.reason = "another site_id";
      return out;
    }
    out.verdict = CallbackVerdict::kAccepted;
    out.reference = form["cpm_trans_id"];
    out.event_key = form["cpm_trans_id"] + ":" + sent;
    return out;
  }

  Result<std::vector<StatementLine>> ParseStatement(const std::string& text) override {
    CsvColumns cols{{"operator_id", "cpm_payid", "payment_id"},
                    {"transaction_id", "cpm_trans_id"},
                    {"amount"},
                    {"fee", "fees", "commission"},
                    {"payment_date", "date", "timestamp"},
                    {"status"},
                    {"is_reversal"}};
    return ParseStatementCsv(text, cols, {"ACCEPTED", "SUCCES", "SUCCESS"}, ';');
  }

 private:
  ProviderConfig c_;
  HttpClient& http_;
};

}  // namespace

std::unique_ptr<PaymentProvider> MakeCinetPay(const ProviderConfig& c, HttpClient& http, const Clock& clock) {
  return std::make_unique<CinetPay>(c, http, clock);
}

}  // namespace origine::payments::internal
