// Wave Checkout: Bearer API key, checkout sessions, Wave-Signature webhooks
// (t=<ts>,v1=<hex HMAC-SHA256(secret, ts + body)>), transactions API.
#include <algorithm>

#include "core/date.h"
#include "payments/crypto.h"
#include "payments/providers/common.h"
#include "payments/providers/providers.h"

namespace origine::payments::internal {
namespace json = boost::json;

namespace {

StatusResult FromSession(const json::object& s, const std::string& currency) {
  StatusResult out;
  const std::string checkout = Str(s, "checkout_status"), payment = Str(s, "payment_status");
  out.provider_txn = Str(s, "transaction_id");
  out.amount_xof = Amount(Member(s, "amount"));
  out.currency = ReportedCurrency(Str(s, "currency"), currency);
  out.reference = Str(s, "client_reference");
  out.detail = checkout + "/" + payment;
  const json::value* error = Member(s, "last_payment_error");
  const bool payer_error = error && error->is_object();
  if (payment == "succeeded")
    out.status = RemoteStatus::kSucceeded;
  else if (checkout == "expired" && !payer_error)
    out.status = RemoteStatus::kExpired;
  else if (payer_error || payment == "cancelled" || payment == "failed")
    out.status = RemoteStatus::kFailed;  // a payer error (the payer cancelled, the payment was refused) or a failure
  else
    out.status = RemoteStatus::kPending;  // open, processing
  return out;
}

class Wave final : public PaymentProvider {
 public:
  Wave(ProviderConfig c, HttpClient& http, const Clock& clock) : c_(std::move(c)), http_(http), clock_(clock) {}
  const std::string& name() const override { return c_.name; }

  InitResult Initiate(const InitRequest& r) override {
    InitResult out;
    json::object body{{"amount", std::to_string(r.amount_xof)},
                      {"currency", c_.currency},
                      {"success_url", r.return_url},
                      {"error_url", r.cancel_url},
                      {"client_reference", r.reference}};
    const std::string url = c_.base_url + "/v1/checkout/sessions";
    auto res = http_.Send({"POST", url, Headers(r.reference), json::serialize(body), c_.timeout_ms});
    if (!res) {
      out.detail = "POST " + Describe(url, 0) + ": " + res.error().message;
      return out;
    }
    out.detail = "POST " + Describe(url, res->status);
    if (IsUnclearStatus(res->status)) return out;
    if (res->status < 200 || res->status >= 300) {
      out.outcome = InitOutcome::kRejected;
      return out;
    }
    auto o = ParseObject(res->body);
    if (!o || Str(*o, "id").empty() || Str(*o, "wave_launch_url").empty()) return out;
    out.outcome = InitOutcome::kAccepted;
    out.provider_ref = Str(*o, "id");
    out.payment_url = Str(*o, "wave_launch_url");
    if (auto t = ParseTime(Str(*o, "when_expires"))) out.expires_at = *t;
    return out;
  }

  Result<StatusResult> Status(const IntentRef& intent) override {
    if (intent.provider_ref.empty()) {
      // The creation answer was lost: find the session by our reference.
      const std::string url =
          c_.base_url + "/v1/checkout/sessions/search?client_reference=" + UrlEncode(intent.reference);
      ASSIGN_OR_RETURN(HttpResponse res, http_.Send({"GET", url, Headers(""), "", c_.timeout_ms}));
      if (res.status != 200)
        return Error::Unavailable("provider.unavailable"_code, "wave search: " + Describe(url, res.status));
      auto o = ParseObject(res.body);
      const json::value* list = o ? Member(*o, "result") : nullptr;
      if (!list || !list->is_array())
        return Error::Unavailable("provider.unavailable"_code, "wave search: unreadable answer");
      if (list->as_array().empty()) return StatusResult{RemoteStatus::kNotFound, "", std::nullopt, "no session"};
      std::optional<StatusResult> best;
      for (const auto& s : list->as_array()) {
        if (!s.is_object() || Str(s.as_object(), "client_reference") != intent.reference) continue;
        StatusResult st = FromSession(s.as_object(), c_.currency);
        if (!best || st.status == RemoteStatus::kSucceeded) best = st;
      }
      if (!best) return StatusResult{RemoteStatus::kNotFound, "", std::nullopt, "no session"};
      return *best;
    }
    const std::string url = c_.base_url + "/v1/checkout/sessions/" + UrlEncode(intent.provider_ref);
    ASSIGN_OR_RETURN(HttpResponse res, http_.Send({"GET", url, Headers(""), "", c_.timeout_ms}));
    if (res.status == 404) return StatusResult{RemoteStatus::kNotFound, "", std::nullopt, Describe(url, 404)};
    if (res.status != 200)
      return Error::Unavailable("provider.unavailable"_code, "wave session: " + Describe(url, res.status));
    auto o = ParseObject(res.body);
    if (!o) return Error::Unavailable("provider.unavailable"_code, "wave session: unreadable answer");
    return FromSession(*o, c_.currency);
  }

  CallbackCheck VerifyCallback(const CallbackRequest& r, const std::string&) override {
    CallbackCheck out;
    auto h = r.headers.find("wave-signature");
    if (h == r.headers.end()) {
      out.verdict = CallbackVerdict::kForged;
      out.reason = "no Wave-Signature header";
      return out;
    }
    std::string ts;
    std::vector<std::string> sigs;
    size_t start = 0;
    const std::string& v = h->second;
    while (start <= v.size()) {
      size_t end = v.find(',', start);
      if (end == std::string::npos) end = v.size();
      std::string part = v.substr(start, end - start);
      while (!part.empty() && part.front() == ' ') part.erase(0, 1);
      if (part.rfind("t=", 0) == 0)
        ts = part.substr(2);
      else if (part.rfind("v1=", 0) == 0)
        sigs.push_back(part.substr(3));
      start = end + 1;
    }
    if (ts.empty() || ts.size() > 12 || ts.find_first_not_of("0123456789") != std::string::npos || sigs.empty()) {
      out.verdict = CallbackVerdict::kForged;
      out.reason = "malformed Wave-Signature header";
      return out;
    }
    const std::string expected = HmacSha256Hex(c_.webhook_secret, ts + r.body);
    bool match = false;
    for (const auto& s : sigs) match = ConstantTimeEqual(s, expected) || match;
    if (!match) {
      out.verdict = CallbackVerdict::kForged;
      out.reason = "Wave-Signature does not match";
      return out;
    }
    const int64_t t = std::stoll(ts);
    if (t < r.now - c_.signature_tolerance_seconds || t > r.now + c_.signature_tolerance_seconds) {
      out.verdict = CallbackVerdict::kStale;
      out.reason = "Wave-Signature timestamp outside the window";
      return out;
    }
    auto o = ParseObject(r.body);
    const json::value* data = o ? Member(*o, "data") : nullptr;
    if (!o || Str(*o, "id").empty() || !data || !data->is_object()) {
      out.reason = "no event id or data";
      return out;
    }
    out.verdict = CallbackVerdict::kAccepted;
    out.event_key = Str(*o, "id");
    out.reference = Str(data->as_object(), "client_reference");
    out.provider_ref = Str(data->as_object(), "id");
    return out;
  }

  Result<std::vector<StatementLine>> ParseStatement(const std::string& text) override {
    auto o = ParseObject(text);
    const json::value* items = o ? Member(*o, "items") : nullptr;
    if (!items || !items->is_array())
      return Error::Invalid("statement.shape"_code, "a Wave statement is a JSON object with items")
          .With("provider", "Wave");
    std::vector<StatementLine> out;
    int n = 0;
    for (const auto& it : items->as_array()) {
      ++n;
      const std::string where = "items/" + std::to_string(n - 1);
      if (!it.is_object())
        return BadStatementLine("statement.item_not_object"_code, where, "", "not an object", "must be an object");
      const auto& t = it.as_object();
      if (!Str(t, "transaction_type").empty() && Str(t, "transaction_type") != "merchant_payment" &&
          Str(t, "transaction_type") != "merchant_payment_refund")
        continue;  // payouts, transfers: not collections
      StatementLine l;
      l.line_no = n;
      l.provider_txn = Str(t, "transaction_id");
      l.reference = Str(t, "client_reference");
      std::string a = Str(t, "amount");
      bool negative = !a.empty() && a[0] == '-';
      json::value av =
          negative ? json::value(a.substr(1)) : (Member(t, "amount") ? *Member(t, "amount") : json::value());
      auto amt = Amount(&av);
      std::string f = Str(t, "fee");
      if (!f.empty() && f[0] == '-') f.erase(0, 1);
      json::value fv = f.empty() ? (Member(t, "fee") ? *Member(t, "fee") : json::value(0)) : json::value(f);
      auto fee = Amount(&fv);
      auto at = ParseTime(Str(t, "timestamp"));
      if (l.provider_txn.empty())
        return BadStatementLine("statement.no_transaction"_code, where, "transaction_id", "no transaction_id",
                                "is required");
      if (!amt) return BadStatementLine("statement.amount"_code, where, "amount", "bad amount", "must be whole XOF");
      if (!fee) return BadStatementLine("statement.fee"_code, where, "fee", "bad fee", "must be whole XOF");
      if (!at)
        return BadStatementLine("statement.date"_code, where, "timestamp", "bad timestamp",
                                "must be a real date and time (ISO 8601)");
      const json::value* rev = Member(t, "is_reversal");
      l.reversal = negative || (rev && rev->is_bool() && rev->as_bool());
      // Wave's `amount` is the net amount credited; the gross is net + fee.
      l.amount_xof = l.reversal ? *amt : *amt + *fee;
      l.fee_xof = *fee;
      l.at = *at;
      out.push_back(std::move(l));
    }
    return out;
  }

  bool HasRefundApi() const override { return true; }

  // POST /v1/checkout/sessions/{id}/refund: 200 means refunded. Wave refunds a
  // session once: a 409 is checked against what the API shows (an earlier
  // unclear call may have done it).
  RefundResult Refund(const RefundRequest& r) override {
    RefundResult out;
    if (r.provider_ref.empty()) {
      out.outcome = RefundOutcome::kRejected;
      out.detail = "no Wave checkout session id for this payment";
      return out;
    }
    const std::string url = c_.base_url + "/v1/checkout/sessions/" + UrlEncode(r.provider_ref) + "/refund";
    auto res = http_.Send({"POST", url, Headers(r.refund_reference), "", c_.timeout_ms});
    if (!res) {
      out.detail = "POST " + Describe(url, 0) + ": " + res.error().message;
      return out;
    }
    out.detail = "POST " + Describe(url, res->status);
    if (res->status >= 200 && res->status < 300) {
      out.outcome = RefundOutcome::kDone;
      out.provider_refund_id = ReversalId(r).value_or(r.provider_ref);
      return out;
    }
    if (IsUnclearStatus(res->status)) return out;
    out.outcome = RefundOutcome::kRejected;
    if (res->status == 409) {
      auto seen = RefundStatus(r);
      if (seen && seen->status == RemoteStatus::kSucceeded) {
        out.outcome = RefundOutcome::kDone;
        out.provider_refund_id = seen->provider_txn;
        out.detail += ", refunded already";
      }
    }
    return out;
  }

  // What Wave lets one observe: the session (payment_status; the simulator
  // also shows refunded: true) and the reversal line in /v1/transactions.
  Result<StatusResult> RefundStatus(const RefundRequest& r) override {
    if (r.provider_ref.empty()) return StatusResult{RemoteStatus::kNotFound, "", std::nullopt, "no session id"};
    const std::string url = c_.base_url + "/v1/checkout/sessions/" + UrlEncode(r.provider_ref);
    ASSIGN_OR_RETURN(HttpResponse res, http_.Send({"GET", url, Headers(""), "", c_.timeout_ms}));
    if (res.status == 404) return StatusResult{RemoteStatus::kFailed, "", std::nullopt, Describe(url, 404)};
    if (res.status != 200)
      return Error::Unavailable("provider.unavailable"_code, "wave session: " + Describe(url, res.status));
    auto o = ParseObject(res.body);
    if (!o) return Error::Unavailable("provider.unavailable"_code, "wave session: unreadable answer");
    if (Str(*o, "client_reference") != r.reference)
      return Error::Unavailable("provider.unavailable"_code, "wave session: another reference");
    StatusResult out;
    out.amount_xof = Amount(Member(*o, "amount"));
    auto reversal = ReversalLookup(r);
    if (!reversal) return reversal.error();
    const json::value* flag = Member(*o, "refunded");
    if (!reversal->empty() || (flag && flag->is_bool() && flag->as_bool())) {
      out.status = RemoteStatus::kSucceeded;
      out.provider_txn = reversal->empty() ? r.provider_ref : *reversal;
      out.detail = "refunded";
    } else if (Str(*o, "payment_status") != "succeeded") {
      out.status = RemoteStatus::kFailed;
      out.detail = "the session is not paid (" + Str(*o, "payment_status") + ")";
    } else {
      out.status = RemoteStatus::kNotFound;
      out.detail = "no reversal for this session";
    }
    return out;
  }

  Result<std::string> FetchStatement(int64_t from, int64_t to) override {
    // One day at a time (?date=YYYY-MM-DD), following next-page cursors.
    json::array all;
    for (int64_t day = from - from % 86400; day < to; day += 86400) {
      std::string cursor;
      for (int page = 0; page < 1000; ++page) {
        std::string url = c_.base_url + "/v1/transactions?date=" + FormatUtc(day, true);
        if (!cursor.empty()) url += "&after=" + UrlEncode(cursor);
        ASSIGN_OR_RETURN(HttpResponse res, http_.Send({"GET", url, Headers(""), "", c_.timeout_ms}));
        if (res.status != 200)
          return Error::Unavailable("statement.fetch_failed"_code, "wave transactions: " + Describe(url, res.status))
              .With("provider", "Wave");
        auto o = ParseObject(res.body);
        const json::value* items = o ? Member(*o, "items") : nullptr;
        if (!items || !items->is_array())
          return Error::Unavailable("statement.fetch_failed"_code, "wave transactions: unreadable answer")
              .With("provider", "Wave");
        for (const auto& i : items->as_array()) all.push_back(i);
        const json::value* info = Member(*o, "page_info");
        cursor.clear();
        if (info && info->is_object()) {
          const json::value* more = Member(info->as_object(), "has_next_page");
          if (more && more->is_bool() && more->as_bool()) cursor = Str(info->as_object(), "end_cursor");
        }
        if (cursor.empty()) break;
      }
    }
    return json::serialize(json::object{{"items", std::move(all)}});
  }

 private:
  // The transaction id of the session's reversal line ("" when none), from
  // the day before the refund was requested to the day after now (at most 10 days).
  Result<std::string> ReversalLookup(const RefundRequest& r) {
    const int64_t now = clock_.NowUnix();
    int64_t from = (r.requested_at > 0 ? r.requested_at : now) - 86400;
    int64_t to = std::max(now, r.requested_at) + 86400;
    if (to - from > int64_t{10} * 86400) from = to - int64_t{10} * 86400;
    ASSIGN_OR_RETURN(std::string text, FetchStatement(from, to));
    auto o = ParseObject(text);
    const json::value* items = o ? Member(*o, "items") : nullptr;
    if (!items || !items->is_array()) return std::string();
    for (const auto& it : items->as_array()) {
      if (!it.is_object()) continue;
      const auto& t = it.as_object();
      const json::value* rev = Member(t, "is_reversal");
      if (rev && rev->is_bool() && rev->as_bool() && Str(t, "checkout_api_session_id") == r.provider_ref)
        return Str(t, "transaction_id").empty() ? r.provider_ref : Str(t, "transaction_id");
    }
    return std::string();
  }
  std::optional<std::string> ReversalId(const RefundRequest& r) {
    auto id = ReversalLookup(r);
    if (!id || id->empty()) return std::nullopt;
    return *id;
  }
  std::vector<std::pair<std::string, std::string>> Headers(const std::string& idempotency) const {
    std::vector<std::pair<std::string, std::string>> h = {{"Authorization", "Bearer " + c_.api_key},
                                                          {"Content-Type", "application/json"},
                                                          {"Accept", "application/json"}};
    if (!idempotency.empty()) h.emplace_back("Idempotency-Key", idempotency);
    return h;
  }
  ProviderConfig c_;
  HttpClient& http_;
  const Clock& clock_;
};

}  // namespace

std::unique_ptr<PaymentProvider> MakeWave(const ProviderConfig& c, HttpClient& http, const Clock& clock) {
  return std::make_unique<Wave>(c, http, clock);
}

}  // namespace origine::payments::internal
