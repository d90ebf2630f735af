// paysim/sim.h — the payment-provider simulator: provider endpoints, payment
// page, callbacks and control API (docs/formats/paysim.md is the contract).
//
// One Simulator holds all state in memory behind one mutex; Handle() is
// called concurrently from the server's I/O threads. Callbacks are sent by a
// background thread (libcurl) outside the lock; only `before_reply` sends
// synchronously from the initiation handler. Stop() (or the destructor) ends
// the sender: callbacks not yet due are dropped. Secrets are never logged or
// returned by the control API.
#pragma once

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "http/message.h"
#include "http/router.h"
#include "paysim/faults.h"

namespace origine::paysim {

struct Config {
  uint64_t seed = 1;
  std::string fault_spec = "none";
  double fault_probability = 0;
  std::string public_url;        // base of payment pages; SetPublicUrl once listening if empty
  std::string wave_webhook_url;  // empty: Wave webhooks recorded as not_configured
  int64_t clock_start = 0;       // 0: the real time
  std::string wave_api_key = "paysim-wave-api-key";
  std::string wave_webhook_secret = "paysim-wave-webhook-secret";
  std::string orange_client_id = "paysim-orange-client";
  std::string orange_client_secret = "paysim-orange-secret";
  std::string orange_merchant_key = "paysim-orange-merchant";
  std::string cinetpay_apikey = "paysim-cinetpay-apikey";
  std::string cinetpay_site_id = "100001";
  std::string cinetpay_secret = "paysim-cinetpay-secret";
  std::string momo_subscription_key = "paysim-momo-subscription";
  std::string momo_api_user = "7b1c9a52-3f0e-4d6a-9c1e-2a5b8d4f6e10";
  std::string momo_api_key = "paysim-momo-api-key";
  std::string momo_target_environment = "sandbox";
  // The Disbursement product (refunds) has its own key, API user and tokens.
  std::string momo_disbursement_subscription_key = "paysim-momo-disbursement";
  std::string momo_disbursement_api_user = "3f6d2b1a-8c4e-4f7a-9b2d-5e1c7a9d0b21";
  std::string momo_disbursement_api_key = "paysim-momo-disbursement-key";
};

// Sends one POST; returns the HTTP status (0 on a network error, with `error`).
// Replaceable for unit tests; the default uses libcurl with a 10 s timeout.
struct PostResult {
  long status = 0;
  std::string error;
};
using Poster =
    std::function<PostResult(const std::string& url, const std::string& content_type,
                             const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body)>;
PostResult CurlPost(const std::string& url, const std::string& content_type,
                    const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body);

class Simulator {
 public:
  explicit Simulator(Config config, Poster poster = CurlPost);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  void SetPublicUrl(const std::string& url);
  // Routes, logs one JSON line per request, never throws.
  http::Response Handle(http::Request& req);
  // Ends the sender thread (idempotent).
  void Stop();
  // The virtual clock (unix seconds).
  int64_t Now() const;

 private:
  enum class State { kInitiated, kPending, kSucceeded, kFailed, kExpired };

  struct Payment {
    Provider provider = Provider::kOrange;
    uint64_t seq = 0;
    std::string reference;    // ours: order_id, client_reference, transaction_id, X-Reference-Id
    std::string provider_id;  // pay_token, cos-…, payment_token, X-Reference-Id
    State state = State::kInitiated;
    int64_t amount = 0;
    int64_t recorded_amount = 0;
    std::string currency = "XOF";
    std::string msisdn;
    std::string otp;
    int64_t created_at = 0, expires_at = 0, completed_at = 0;
    std::string txn_id;
    std::string callback_url, return_url, cancel_url;
    std::string notif_token;   // orange
    std::string description;   // cinetpay designation, momo payerMessage
    boost::json::object echo;  // provider fields echoed back (wave, momo)
    std::optional<Fault> fault;
    bool stuck = false;      // stuck_pending hit
    bool cancelled = false;  // payer pressed Annuler
    bool refunded = false;   // one refund per payment (Wave, MoMo)
    int64_t refunded_at = 0;
    int64_t refunded_amount = 0;
    std::string refund_txn_id;       // the reversal's transaction id
    std::string refund_reference;    // MoMo: the refund's X-Reference-Id
    std::string refund_external_id;  // MoMo: the refund's externalId
  };

  // A MoMo Disbursement refund request, by its X-Reference-Id.
  struct MomoRefundRecord {
    std::string reference, reference_to_refund, external_id, payer_message, payee_note, currency = "XOF";
    std::string status, reason, txn_id, callback_url, msisdn;
    uint64_t seq = 0;  // the refunded payment's (0: none)
    int64_t amount = 0, created_at = 0;
  };

  struct Delivery {
    uint64_t id = 0;
    Provider provider = Provider::kOrange;
    std::string reference;
    uint64_t seq = 0;
    std::string url, content_type, body, event, fault;
    std::vector<std::pair<std::string, std::string>> headers;
    std::chrono::steady_clock::time_point due;
    bool held = false;  // reorder: waits for another payment's callback
    bool in_flight = false;
    int64_t due_at = 0, sent_at = 0;
    long status = 0;
    std::string error;
    std::string outcome = "pending";  // delivered, rejected, error, lost, pending, not_configured
  };

  struct Timer {
    std::chrono::steady_clock::time_point due;
    uint64_t seq = 0;
  };

  struct Plant {
    Provider provider;
    std::string date, kind, reference;
    uint64_t n = 0;
  };

  // One statement line before shaping.
  struct Line {
    std::string reference, provider_id, txn_id, msisdn, currency = "XOF";
    int64_t amount = 0, fee = 0, timestamp = 0;
    bool reversal = false;
  };

  using Handler = http::Response (Simulator::*)(http::Request&);
  void Route(const std::string& method, const std::string& path, Handler h);
  void AddOrangeRoutes();
  void AddWaveRoutes();
  void AddCinetPayRoutes();
  void AddMomoRoutes();
  void AddPageRoutes();
  void AddControlRoutes();

  // Orange
  http::Response OrangeToken(http::Request& req);
  http::Response OrangeInit(http::Request& req);
  http::Response OrangeStatus(http::Request& req);
  // Wave
  http::Response WaveCreate(http::Request& req);
  http::Response WaveGet(http::Request& req);
  http::Response WaveSearch(http::Request& req);
  http::Response WaveExpire(http::Request& req);
  http::Response WaveRefund(http::Request& req);
  http::Response WaveTransactions(http::Request& req);
  http::Response WaveBalance(http::Request& req);
  // CinetPay
  http::Response CinetPayInit(http::Request& req);
  http::Response CinetPayCheck(http::Request& req);
  // MoMo
  http::Response MomoToken(http::Request& req);
  // What MoMo's products share. MomoIssueToken: a token of `product` ("momo", "momodisb") for
  // Basic (user:key) under `subscription_key`. MomoCheckCall (mu_ held): the subscription key,
  // a bearer of `product`, X-Target-Environment, X-Reference-Id, X-Callback-Url and a JSON body
  // with a string amount in XOF; the error answer, or the checked call.
  struct MomoCall {
    std::string reference, callback;
    boost::json::object body;
    int64_t amount = 0;
  };
  http::Response MomoIssueToken(http::Request& req, const std::string& user, const std::string& key,
                                const std::string& subscription_key, const char* product);
  std::variant<http::Response, MomoCall> MomoCheckCall(http::Request& req, const std::string& subscription_key,
                                                       const char* product);
  http::Response MomoRequestToPay(http::Request& req);
  http::Response MomoStatus(http::Request& req);
  http::Response MomoDisbursementToken(http::Request& req);
  http::Response MomoRefund(http::Request& req);
  http::Response MomoRefundStatus(http::Request& req);
  boost::json::object MomoRefundView(const MomoRefundRecord& r) const;
  // What the refund faults of `pay` do to a refund call: whether the refund
  // takes effect, the 5xx status answered instead (0: none), how long the
  // answer is held (the lock is released for it).
  struct RefundPlan {
    bool done = true;
    int error_status = 0;
    int64_t wait_ms = 0;
  };
  static RefundPlan PlanRefund(const Payment& pay);
  // Page
  http::Response PageGet(http::Request& req);
  http::Response PagePost(http::Request& req);
  // Control
  http::Response CtlHealth(http::Request& req);
  http::Response CtlPayments(http::Request& req);
  http::Response CtlPayment(http::Request& req);
  http::Response CtlComplete(http::Request& req);
  http::Response CtlCallbacks(http::Request& req);
  http::Response CtlArmFault(http::Request& req);
  http::Response CtlFaults(http::Request& req);
  http::Response CtlClearFaults(http::Request& req);
  http::Response CtlClock(http::Request& req);
  http::Response CtlClockAdvance(http::Request& req);
  http::Response CtlStatement(http::Request& req);
  http::Response CtlPlant(http::Request& req);
  http::Response CtlReset(http::Request& req);

  // --- shared machinery (callers hold mu_ unless stated) ---
  // Creates a payment; assigns seq, OTP, fault and expiry. The caller fills the rest.
  Payment& Create(Provider p, const std::string& reference, int64_t amount);
  void Index(const Payment& pay);
  Payment* FindByReference(Provider p, const std::string& reference);
  Payment* FindByProviderId(Provider p, const std::string& id);
  Payment* FindAny(Provider p, const std::string& ref);
  // Applies expiry by the virtual clock.
  void Refresh(Payment& pay);
  // The payer's decision (page or control). Returns false with `why` if the
  // payment is not open. Deliveries are queued (or returned for synchronous sending).
  bool Complete(Payment& pay, bool success, const std::string& msisdn, std::string* why,
                std::vector<Delivery>* sync = nullptr);
  void Succeed(Payment& pay);
  // After Create (lock held): indexes the payment and applies the initiation
  // faults (init_5xx, init_timeout, before_reply); may unlock.
  http::Response FinishInit(std::unique_lock<std::mutex>& lock, Payment& pay, http::Response ok,
                            http::Response server_error);
  std::vector<Delivery> BuildCallbacks(const Payment& pay, bool success);
  void Queue(std::vector<Delivery> deliveries);
  // Sends synchronously (takes mu_ itself: call without it).
  void SendNow(std::vector<Delivery> deliveries);
  void Record(uint64_t id, const PostResult& r);
  void SenderLoop();

  std::string Derived(std::string_view label, uint64_t n, std::string_view alphabet, size_t len) const;
  std::string PageUrl(Provider p, const std::string& token) const;
  std::string IssueToken(const char* label);

  // Provider views (under mu_).
  boost::json::object WaveSession(const Payment& pay) const;
  boost::json::object MomoView(const Payment& pay) const;
  std::map<std::string, std::string> CinetPayFields(const Payment& pay, bool success) const;
  boost::json::object ControlView(const Payment& pay) const;
  boost::json::object DeliveryView(const Delivery& d) const;

  // Statements (under mu_).
  std::vector<Line> StatementLines(Provider p, const std::string& date);
  http::Response RenderStatement(Provider p, const std::string& date, const http::Request& req);
  boost::json::object WaveTransactionsJson(const std::string& date);

  static std::string StateName(State s);

  Config config_;
  Poster poster_;
  http::Router router_;
  std::chrono::steady_clock::time_point started_;
  std::atomic<int64_t> clock_offset_{0};
  int64_t clock_base_ = 0;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread sender_;
  FaultScheduler scheduler_;
  std::vector<std::unique_ptr<Payment>> payments_;  // index seq - 1
  std::map<std::pair<Provider, std::string>, uint64_t> by_reference_, by_provider_id_;
  std::map<std::string, std::pair<std::string, uint64_t>> wave_idempotency_;  // key -> (body hash, seq)
  std::map<std::string, MomoRefundRecord> momo_refunds_;                      // X-Reference-Id -> refund
  uint64_t next_refund_ = 1;
  std::set<std::string> tokens_;
  uint64_t next_token_ = 1;
  std::deque<Delivery> deliveries_;  // deliveries_[id - first_delivery_]
  uint64_t first_delivery_ = 1, next_delivery_ = 1;
  std::set<uint64_t> pending_;  // ids whose outcome is still "pending"
  Delivery* FindDelivery(uint64_t id);
  std::vector<Timer> timers_;
  std::vector<Plant> plants_;
};

}  // namespace origine::paysim
