// origine/payments/provider.h — one interface for every mobile-money
// provider, and the HTTP client the adapters talk through.
//
// Adapters (providers/*.cc) translate between the intent and each provider's
// real paths and shapes (../shared/docs/payments.md). They hold no state
// beyond cached access tokens; they never log secrets, and their errors never
// carry a secret or a response body (only the URL path and the HTTP status).
//
// Thread-safety: an HttpClient and every PaymentProvider may be called from
// several threads at once (token caches are locked).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "net/http_client.h"

namespace origine::payments {

// ---- HTTP --------------------------------------------------------------

// The one outgoing HTTP client (src/net); adapters take it by reference.
using HttpRequest = net::HttpRequest;
using HttpResponse = net::HttpResponse;
using HttpClient = net::HttpClient;
using net::MakeCurlHttpClient;

// ---- provider ----------------------------------------------------------

// What an adapter needs to start a payment.
struct InitRequest {
  std::string reference;  // our UUID: the provider-side order / transaction / X-Reference-Id
  int64_t amount_xof = 0;
  std::string description;  // "Certificat d'origine ETLS — demande 12"
  std::string return_url;   // the browser comes back here (success or not)
  std::string cancel_url;
  std::string notify_url;    // our callback URL for this provider (with ?ref=<reference>)
  std::string payer_msisdn;  // MoMo only (request-to-pay to a phone); digits
};

// Outcome of a initiation call.
enum class InitOutcome {
  kAccepted,  // the provider created the payment; the customer now pays
  kRejected,  // a definite refusal (4xx): nothing was created, the intent fails
  kUnclear,   // timeout, connection loss, 5xx, unreadable answer: it may exist
};

struct InitResult {
  InitOutcome outcome = InitOutcome::kUnclear;
  std::string provider_ref;  // pay_token, cos-..., payment_token, or our reference (MoMo)
  std::string payment_url;   // where the browser goes; empty for MoMo (push to the phone)
  std::string notif_token;   // Orange: what its notification must carry
  std::optional<int64_t> expires_at;
  std::string detail;  // for the intent's last_error (no secrets, no bodies)
};

enum class RemoteStatus { kPending, kSucceeded, kFailed, kExpired, kNotFound };
const char* RemoteStatusName(RemoteStatus s);

struct StatusResult {
  RemoteStatus status = RemoteStatus::kPending;
  std::string provider_txn;           // the provider's transaction id, when paid
  std::optional<int64_t> amount_xof;  // when the provider reports it
  std::string detail;
  // The currency the provider reports, "XOF" when it is the one the payment
  // was asked in (the provider's own code for it, e.g. Orange's sandbox
  // "OUV", is reported as "XOF"); "" when not reported.
  std::string currency = {};
  // Our reference as the answer names it, when the provider echoes it (""
  // when the echo field is empty); nullopt when the answer has no such field.
  // An answer whose echo differs is about another payment (settlement.h).
  std::optional<std::string> reference = std::nullopt;
};

// Facts about the intent an adapter may need for a status query.
struct IntentRef {
  std::string reference;
  std::string provider_ref;
  int64_t amount_xof = 0;
};

// ---- refunds --------------------------------------------------------------

// What an adapter needs to give a payment's money back (always the full amount).
struct RefundRequest {
  std::string reference;     // the payment's reference (our UUID)
  std::string provider_ref;  // the provider's id of the payment (Wave session id; MoMo: our reference)
  int64_t amount_xof = 0;
  std::string refund_reference;  // our refund UUID, committed before the call (MoMo X-Reference-Id)
  std::string reason;            // shown to the payer where the provider carries a message; no secrets
  std::string notify_url;        // our callback URL (MoMo X-Callback-Url); may be empty
  int64_t requested_at = 0;      // Unix seconds the refund was committed (Wave: where to look for the reversal)
};

// Outcome of a refund call.
enum class RefundOutcome {
  kDone,      // the provider refunded synchronously (Wave 200)
  kAccepted,  // the provider took the request; its completion is asked by RefundStatus (MoMo 202)
  kRejected,  // a definite refusal (4xx: not refundable, bad input): nothing was refunded
  kUnclear,   // timeout, connection loss, 5xx, unreadable: it may have happened; only RefundStatus may tell
  kNotSent,   // nothing reached the provider (no access token): safe to send again later
};
const char* RefundOutcomeName(RefundOutcome o);

struct RefundResult {
  RefundOutcome outcome = RefundOutcome::kUnclear;
  std::string provider_refund_id;  // the provider's id of the refund when known
  std::string detail;              // for last_error (path and HTTP status; no secrets, no bodies)
};

// A callback checked for authenticity.
enum class CallbackVerdict { kAccepted, kForged, kStale, kMalformed };
const char* CallbackVerdictName(CallbackVerdict v);

struct CallbackRequest {
  std::map<std::string, std::string> headers;  // lower-case names
  std::map<std::string, std::string> query;
  std::string content_type;
  std::string body;  // raw, as received
  int64_t now = 0;
};

struct CallbackCheck {
  CallbackVerdict verdict = CallbackVerdict::kMalformed;
  std::string event_key;     // unique per provider event (the inbox key)
  std::string reference;     // our reference when the callback names it (else empty)
  std::string provider_ref;  // the provider's id for the payment when given
  std::string reason;        // why it was refused (for the log; English)
};

// A statement line in the provider's own terms, normalised.
struct StatementLine {
  int line_no = 0;
  std::string provider_txn;
  std::string reference;   // our reference (client_reference / order_id / externalId / transaction_id)
  int64_t amount_xof = 0;  // gross
  int64_t fee_xof = 0;
  int64_t at = 0;  // Unix seconds
  bool reversal = false;
};

class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;
  virtual const std::string& name() const = 0;
  // Starts the payment. Must not be called twice for one reference.
  virtual InitResult Initiate(const InitRequest& request) = 0;
  // The authoritative status. kUnavailable "provider.unavailable" when the
  // provider cannot be asked now. The answer is reported as the provider
  // gives it (amount, currency, its echo of our reference): whether it is
  // trusted is the settlement's decision (settlement.h).
  virtual Result<StatusResult> Status(const IntentRef& intent) = 0;
  // Authenticity of a callback. `expected_notif_token` is the stored token of
  // the intent the callback names (Orange only; empty otherwise).
  virtual CallbackCheck VerifyCallback(const CallbackRequest& request, const std::string& expected_notif_token) = 0;
  // Orange carries our reference in the notification URL only: the service
  // looks up the intent's notif_token before VerifyCallback.
  virtual bool NeedsStoredToken() const { return false; }
  // Parses a statement in this provider's format (CSV or JSON); every line
  // checked; kInvalidArgument naming line and field (statement.* codes,
  // providers/common.h).
  virtual Result<std::vector<StatementLine>> ParseStatement(const std::string& text) = 0;
  // Refunds. True when the provider has a refund API ("provider" refund
  // mode); otherwise ("manual") an administrator refunds outside and confirms
  // with the transfer reference, and Refund/RefundStatus are never called.
  virtual bool HasRefundApi() const { return false; }
  // Asks the provider to refund the full amount. Must not be called again for
  // a request whose outcome was kUnclear before RefundStatus said kNotFound.
  virtual RefundResult Refund(const RefundRequest& request) {
    (void)request;
    return {RefundOutcome::kRejected, "", name() + " has no refund API: refund outside and confirm"};
  }
  // The refund's state at the provider: kSucceeded (provider_txn = its refund
  // id), kPending, kFailed (refused; detail says why), kNotFound (the provider
  // never received it). kUnavailable when the provider cannot be asked now.
  virtual Result<StatusResult> RefundStatus(const RefundRequest& request) {
    (void)request;
    return Error::Invalid("provider.no_refund_api"_code, name() + " has no refund API");
  }
  // Fetches the statement from the provider's API for [from, to) Unix seconds
  // (Wave: GET /v1/transactions); kInvalidArgument when it has no such API.
  virtual Result<std::string> FetchStatement(int64_t from, int64_t to) {
    (void)from;
    (void)to;
    return Error::Invalid("statement.no_api"_code, name() + " has no statement API: import its statement file")
        .With("provider", name());
  }
};

// Configuration of one provider (from src/app/config: TOML < env < flags).
struct ProviderConfig {
  std::string name;      // "orange", "wave", "cinetpay", "momo"
  std::string base_url;  // e.g. "http://127.0.0.1:8090" (the simulator) — empty: disabled
  // Secrets and identifiers (never logged): which ones each provider uses.
  std::string client_id, client_secret, merchant_key;                      // orange
  std::string api_key, webhook_secret;                                     // wave
  std::string site_id, secret_key;                                         // cinetpay (api_key is its apikey)
  std::string subscription_key, api_user, target_environment = "sandbox";  // momo (api_key too)
  // MoMo Disbursement product (refunds): its own subscription key and API
  // user/key; empty means the Collection ones.
  std::string disbursement_subscription_key, disbursement_api_user, disbursement_api_key;
  std::string currency = "XOF";
  std::string orange_path = "/orange-money-webpay/ml/v1";  // sandbox: /orange-money-webpay/dev/v1
  std::string
      payment_page;  // MoMo in development: the simulator's phone page prefix ("http://127.0.0.1:8090/pay/momo/")
  int64_t signature_tolerance_seconds = 300;  // wave timestamp window
  int timeout_ms = 10000;
};

// The adapter named by `config.name`; kInvalidArgument "provider.unknown" for
// an unknown name. `http` and `clock` (access-token lifetimes, the Wave
// statement window of refunds) must outlive the adapter.
Result<std::unique_ptr<PaymentProvider>> MakeProvider(const ProviderConfig& config, HttpClient& http,
                                                      const Clock& clock);

}  // namespace origine::payments
