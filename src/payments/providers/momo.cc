// MTN MoMo Collection: request-to-pay with X-Reference-Id = our reference;
// the callback (sent once, never retried) is only a hint to ask the status.
#include "core/encoding.h"
#include "payments/providers/common.h"
#include "payments/providers/providers.h"

namespace origine::payments::internal {
namespace json = boost::json;

namespace {

class Momo final : public PaymentProvider {
 public:
  Momo(ProviderConfig c, HttpClient& http, const Clock& clock) : c_(std::move(c)), http_(http), clock_(clock) {}
  const std::string& name() const override { return c_.name; }

  InitResult Initiate(const InitRequest& r) override {
    InitResult out;
    if (r.payer_msisdn.empty()) {
      out.outcome = InitOutcome::kRejected;
      out.detail = "no payer phone number";
      return out;
    }
    auto token = Token();
    if (!token) {
      out.outcome = InitOutcome::kRejected;  // the request to pay was not sent
      out.detail = token.error().message;
      return out;
    }
    json::object body{{"amount", std::to_string(r.amount_xof)},
                      {"currency", c_.currency},
                      {"externalId", r.reference},
                      {"payer", {{"partyIdType", "MSISDN"}, {"partyId", r.payer_msisdn}}},
                      {"payerMessage", r.description},
                      {"payeeNote", r.reference}};
    const std::string url = c_.base_url + "/collection/v1_0/requesttopay";
    auto res =
        http_.Send({"POST", url, Headers(*token, r.reference, r.notify_url), json::serialize(body), c_.timeout_ms});
    if (!res) {
      out.detail = "POST " + Describe(url, 0) + ": " + res.error().message;
      return out;
    }
    out.detail = "POST " + Describe(url, res->status);
    if (res->status == 202 || res->status == 409) {  // 409: this reference exists already — ours
      out.outcome = InitOutcome::kAccepted;
      out.provider_ref = r.reference;
      // MoMo pushes the request to the payer's phone; in development the
      // simulator's phone page stands for it.
      if (!c_.payment_page.empty()) out.payment_url = c_.payment_page + UrlEncode(r.reference);
      return out;
    }
    if (IsUnclearStatus(res->status)) return out;
    out.outcome = InitOutcome::kRejected;
    return out;
  }

  Result<StatusResult> Status(const IntentRef& intent) override {
    ASSIGN_OR_RETURN(std::string token, Token());
    const std::string url = c_.base_url + "/collection/v1_0/requesttopay/" + UrlEncode(intent.reference);
    ASSIGN_OR_RETURN(HttpResponse res, http_.Send({"GET", url, Headers(token, "", ""), "", c_.timeout_ms}));
    if (res.status == 404) return StatusResult{RemoteStatus::kNotFound, "", std::nullopt, Describe(url, 404)};
    if (res.status != 200)
      return Error::Unavailable("provider.unavailable"_code, "momo status: " + Describe(url, res.status));
    auto o = ParseObject(res.body);
    if (!o) return Error::Unavailable("provider.unavailable"_code, "momo status: unreadable answer");
    StatusResult out;
    const std::string s = Str(*o, "status");
    out.provider_txn = Str(*o, "financialTransactionId");
    out.amount_xof = Amount(Member(*o, "amount"));
    out.currency = ReportedCurrency(Str(*o, "currency"), c_.currency);
    out.detail = s;
    // externalId echoes our reference when the request carried it (it may be empty).
    if (!Str(*o, "externalId").empty()) out.reference = Str(*o, "externalId");
    if (s == "SUCCESSFUL")
      out.status = RemoteStatus::kSucceeded;
    else if (s == "TIMEOUT" || s == "EXPIRED" || (s == "FAILED" && Str(*o, "reason") == "EXPIRED"))
      out.status = RemoteStatus::kExpired;
    else if (s == "FAILED" || s == "REJECTED")
      out.status = RemoteStatus::kFailed;
    else if (s == "PENDING" || s == "CREATED")
      out.status = RemoteStatus::kPending;
    else
      return Error::Unavailable("provider.unavailable"_code, "momo status: unknown status");
    return out;
  }

  CallbackCheck VerifyCallback(const CallbackRequest& r, const std::string&) override {
    // No signature exists: the callback is a hint that triggers a status
    // query; its content is never trusted.
    CallbackCheck out;
    auto o = ParseObject(r.body);
    std::string ref = o ? Str(*o, "externalId") : "";
    if (ref.empty()) {
      auto q = r.query.find("ref");
      if (q != r.query.end()) ref = q->second;
    }
    if (ref.empty()) {
      out.reason = "no externalId";
      return out;
    }
    out.verdict = CallbackVerdict::kAccepted;
    out.reference = ref;
    out.event_key =
        ref + ":" + (o ? Str(*o, "status") : std::string()) + ":" + encoding::Sha256Hex(r.body).substr(0, 16);
    return out;
  }

  bool HasRefundApi() const override { return true; }

  // Disbursement refund: X-Reference-Id = our refund reference, 202; the
  // outcome is read from GET /disbursement/v1_0/refund/{referenceId}.
  RefundResult Refund(const RefundRequest& r) override {
    RefundResult out;
    auto token = DisbursementToken();
    if (!token) {
      out.outcome = RefundOutcome::kNotSent;
      out.detail = token.error().message;
      return out;
    }
    std::string message = r.reason.substr(0, 140);
    json::object body{{"amount", std::to_string(r.amount_xof)},
                      {"currency", c_.currency},
                      {"externalId", r.reference},
                      {"payerMessage", message.empty() ? std::string("Remboursement") : message},
                      {"payeeNote", "Remboursement " + r.reference},
                      {"referenceIdToRefund", r.reference}};
    const std::string url = c_.base_url + "/disbursement/v1_0/refund";
    auto res = http_.Send({"POST", url, DisbursementHeaders(*token, r.refund_reference, r.notify_url),
                           json::serialize(body), c_.timeout_ms});
    if (!res) {
      out.detail = "POST " + Describe(url, 0) + ": " + res.error().message;
      return out;
    }
    out.detail = "POST " + Describe(url, res->status);
    // 409: this X-Reference-Id exists already, which can only be ours.
    if (res->status == 202 || res->status == 409)
      out.outcome = RefundOutcome::kAccepted;
    else if (!IsUnclearStatus(res->status))
      out.outcome = RefundOutcome::kRejected;
    return out;
  }

  Result<StatusResult> RefundStatus(const RefundRequest& r) override {
    ASSIGN_OR_RETURN(std::string token, DisbursementToken());
    const std::string url = c_.base_url + "/disbursement/v1_0/refund/" + UrlEncode(r.refund_reference);
    ASSIGN_OR_RETURN(HttpResponse res, http_.Send({"GET", url, DisbursementHeaders(token, "", ""), "", c_.timeout_ms}));
    if (res.status == 404) return StatusResult{RemoteStatus::kNotFound, "", std::nullopt, Describe(url, 404)};
    if (res.status != 200)
      return Error::Unavailable("provider.unavailable"_code, "momo refund status: " + Describe(url, res.status));
    auto o = ParseObject(res.body);
    if (!o) return Error::Unavailable("provider.unavailable"_code, "momo refund status: unreadable answer");
    if (!Str(*o, "externalId").empty() && Str(*o, "externalId") != r.reference)
      return Error::Unavailable("provider.unavailable"_code, "momo refund status: answer for another payment");
    StatusResult out;
    const std::string s = Str(*o, "status");
    out.provider_txn = Str(*o, "financialTransactionId");
    out.amount_xof = Amount(Member(*o, "amount"));
    out.detail = s + (Str(*o, "reason").empty() ? "" : " " + Str(*o, "reason"));
    if (s == "SUCCESSFUL")
      out.status = RemoteStatus::kSucceeded;
    else if (s == "FAILED" || s == "REJECTED" || s == "TIMEOUT")
      out.status = RemoteStatus::kFailed;
    else if (s == "PENDING" || s == "CREATED")
      out.status = RemoteStatus::kPending;
    else
      return Error::Unavailable("provider.unavailable"_code, "momo refund status: unknown status");
    return out;
  }

  // {"date", "transactions": [{financialTransactionId, externalId, amount, fee, status, timestamp}]}
  Result<std::vector<StatementLine>> ParseStatement(const std::string& text) override {
    auto o = ParseObject(text);
    const json::value* items = o ? Member(*o, "transactions") : nullptr;
    if (!items || !items->is_array())
      return Error::Invalid("statement.shape"_code, "a MoMo statement is a JSON object with transactions")
          .With("provider", "MTN MoMo");
    std::vector<StatementLine> out;
    int n = 0;
    for (const auto& it : items->as_array()) {
      ++n;
      const std::string where = "transactions/" + std::to_string(n - 1);
      if (!it.is_object())
        return BadStatementLine("statement.item_not_object"_code, where, "", "not an object", "must be an object");
      const auto& t = it.as_object();
      if (Str(t, "status") != "SUCCESSFUL") continue;
      StatementLine l;
      l.line_no = n;
      l.provider_txn = Str(t, "financialTransactionId");
      l.reference = Str(t, "externalId");
      std::string a = Str(t, "amount");
      const bool negative = !a.empty() && a[0] == '-';
      json::value positive(negative ? a.substr(1) : a);
      auto amt = Amount(negative ? &positive : Member(t, "amount"));
      json::value zero(0);
      auto fee = Amount(Member(t, "fee") ? Member(t, "fee") : &zero);
      auto at = ParseTime(Str(t, "timestamp"));
      if (l.provider_txn.empty())
        return BadStatementLine("statement.no_transaction"_code, where, "", "no financialTransactionId", "is required");
      if (!amt) return BadStatementLine("statement.amount"_code, where, "amount", "bad amount", "must be whole XOF");
      if (!fee) return BadStatementLine("statement.fee"_code, where, "fee", "bad fee", "must be whole XOF");
      if (!at)
        return BadStatementLine("statement.date"_code, where, "timestamp", "bad timestamp",
                                "must be a real date and time (ISO 8601)");
      l.amount_xof = *amt;
      l.fee_xof = *fee;
      l.at = *at;
      l.reversal = negative || Str(t, "type") == "REFUND";  // a refund through the Disbursement product
      out.push_back(std::move(l));
    }
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::string>> Headers(const std::string& token, const std::string& ref,
                                                           const std::string& callback) const {
    std::vector<std::pair<std::string, std::string>> h = {{"Authorization", "Bearer " + token},
                                                          {"X-Target-Environment", c_.target_environment},
                                                          {"Ocp-Apim-Subscription-Key", c_.subscription_key},
                                                          {"Content-Type", "application/json"}};
    if (!ref.empty()) h.emplace_back("X-Reference-Id", ref);
    if (!callback.empty()) h.emplace_back("X-Callback-Url", callback);
    return h;
  }
  Result<std::string> Token() {
    const std::string url = c_.base_url + "/collection/token/";
    return CachedToken(cache_, http_, clock_,
                       {"POST",
                        url,
                        {{"Authorization", "Basic " + encoding::Base64(c_.api_user + ":" + c_.api_key)},
                         {"Ocp-Apim-Subscription-Key", c_.subscription_key}},
                        "",
                        c_.timeout_ms},
                       "momo token", 3600);
  }
  // The Disbursement product has its own subscription key, API user and token.
  const std::string& DisbursementKey() const {
    return c_.disbursement_subscription_key.empty() ? c_.subscription_key : c_.disbursement_subscription_key;
  }
  Result<std::string> DisbursementToken() {
    const std::string& user = c_.disbursement_api_user.empty() ? c_.api_user : c_.disbursement_api_user;
    const std::string& key = c_.disbursement_api_key.empty() ? c_.api_key : c_.disbursement_api_key;
    const std::string url = c_.base_url + "/disbursement/token/";
    return CachedToken(disbursement_cache_, http_, clock_,
                       {"POST",
                        url,
                        {{"Authorization", "Basic " + encoding::Base64(user + ":" + key)},
                         {"Ocp-Apim-Subscription-Key", DisbursementKey()}},
                        "",
                        c_.timeout_ms},
                       "momo disbursement token", 3600);
  }
  std::vector<std::pair<std::string, std::string>> DisbursementHeaders(const std::string& token, const std::string& ref,
                                                                       const std::string& callback) const {
    auto h = Headers(token, ref, callback);
    for (auto& [k, v] : h)
      if (k == "Ocp-Apim-Subscription-Key") v = DisbursementKey();
    return h;
  }
  ProviderConfig c_;
  HttpClient& http_;
  const Clock& clock_;
  TokenCache cache_, disbursement_cache_;
};

}  // namespace

std::unique_ptr<PaymentProvider> MakeMomo(const ProviderConfig& c, HttpClient& http, const Clock& clock) {
  return std::make_unique<Momo>(c, http, clock);
}

}  // namespace origine::payments::internal
