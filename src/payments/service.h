// origine/payments/service.h — payment intents, provider callbacks, polling,
// the revenue ledger and receipts; the application workflow's payment gate.
//
// Flow (docs/formats/payments.md):
//   CreateIntent  the exporter picks a provider for an application awaiting
//                 payment. The intent (our UUID reference) is committed as
//                 "created", then moved to "initiating" and committed, and only
//                 then is the provider called. Accepted -> pending (payment_url
//                 for the browser); refused -> failed; timeout/5xx -> unknown
//                 (never re-POSTed: the worker asks the status).
//   ReceiveCallback  authenticity per provider; accepted callbacks go into the
//                 inbox, unique per (provider, event key), and are answered at
//                 once. Forged, stale, malformed ones change nothing; they are
//                 logged (no body, no secret) and counted.
//   Work          (the worker thread) processes the inbox and polls due
//                 intents: the status is re-fetched from the provider (outside
//                 any transaction), then ONE transaction does the compare-and-set
//                 transition, the ledger posting, the receipt number, the
//                 application's awaiting_payment -> submitted step and the audit
//                 events. A success after expiry becomes late_success (money in
//                 Suspense:LateSuccess, flagged for refund). What an answer does
//                 is decided by a pure function (settlement.h, golden cases in
//                 tests/golden/settlement/).
//
// Implementation, one concept per file: service.cc (construction, providers),
// intents.cc (create, initiate, reads), intent_json.cc (the intent as JSON),
// payment_gate.cc (the workflow's gate), callbacks.cc (intake and inbox),
// settle.cc (applying answers, polling), refunds.cc, receipts.cc, ledger_view.cc,
// worker.cc; SQL only in the *_store.cc files.
//
// Authorization: who may call what is the API's table (api/authz_table.cc);
// the service scopes by company: a company's users see and pay its own
// applications (another company's: kNotFound), staff read every intent.
// Errors carry codes (payment.*, refund.*, receipt.*, ledger.*; texts in
// web/src/i18n/errors/payments.ts).
// Thread-safety: every public method may be called from any thread.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "certificates/service.h"
#include "core/clock.h"
#include "core/context.h"
#include "core/paging.h"
#include "payments/metrics.h"
#include "payments/payments.h"
#include "payments/provider.h"
#include "payments/settlement.h"
#include "storage/db.h"

namespace origine::payments {

struct PaymentsOptions {
  std::string public_url;             // our base URL for callbacks and returns, "http://127.0.0.1:8080"
  std::string issuer_name;            // printed on receipts
  int64_t intent_ttl_seconds = 1800;  // pending intents expire after this (Wave: 30 min)
  int64_t poll_initial_seconds = 5;   // first status query after initiation; then doubles
  int64_t poll_max_seconds = 300;
  int64_t late_window_seconds = 3600;  // after expiry, keep asking this long (late successes)
  certificates::RegimeSetPtr regimes;  // the regimes of origin, whose data gives the fees
};

struct Intent;  // payments/intent_store.h

class PaymentService : public certificates::PaymentGate {
 public:
  // `db`, `clock` must outlive the service. Providers not configured are absent.
  PaymentService(storage::Db& db, const Clock& clock, std::map<std::string, std::unique_ptr<PaymentProvider>> providers,
                 PaymentsOptions options);
  ~PaymentService() override;

  // The base URL once the server listens (port 0 in tests).
  void SetPublicUrl(const std::string& url);
  std::vector<std::string> EnabledProviders() const;

  // PaymentGate.
  Result<int64_t> AmountDue(storage::Tx& tx, int64_t application_id, const std::string& regime, int64_t now) override;
  Result<boost::json::object> View(storage::Tx& tx, int64_t application_id, const std::string& status) override;

  // Fees of a regime on a date (YYYY-MM-DD; empty = today); an impossible
  // date is kInvalidArgument "date.format" naming the field "date".
  Result<boost::json::object> Fees(const std::string& regime, const std::string& date);

  // Exporter: starts paying application `application_id` through `provider`.
  // `idempotency_key` (optional): the same key returns the same intent
  // (`*replayed` = true); reused for another request: kInvalidArgument.
  Result<boost::json::object> CreateIntent(const Principal& who, int64_t application_id, const std::string& provider,
                                           const std::string& payer_msisdn, const std::string& idempotency_key,
                                           const RequestMeta& meta, bool* replayed);
  Result<boost::json::object> GetIntent(const Principal& who, const std::string& reference);
  Result<boost::json::array> ListIntents(const Principal& who, int64_t application_id);
  // Exporter back from the provider's page: asks the worker to query the status now.
  Result<boost::json::object> Check(const Principal& who, const std::string& reference);
  // Staff list (the table: case staff): one page of intents by state
  // ("" = all), newest first (keyset on id; core/paging.h): {items, next_cursor}.
  Result<boost::json::object> ListAll(const Principal& who, const std::string& state, const PageRequest& page);

  // Callbacks: 200 (accepted or duplicate), 401 (forged, stale), 400
  // (malformed), 404 (unknown provider), 503 (not stored). `request.now` is
  // set from the service's clock.
  struct CallbackAnswer {
    int status = 200;
    std::string outcome;  // accepted, duplicate, forged, stale, malformed, unknown_provider
  };
  CallbackAnswer ReceiveCallback(const std::string& provider, const CallbackRequest& request);

  // Worker steps (also called by tests): each returns how many items it handled.
  Result<int> ProcessInbox(int max_items);
  Result<int> PollDue(int max_items);

  // Admin: refund a succeeded or late-successful payment (reason required):
  // -> refund_pending. Where the provider has a refund API (refund_mode
  // "provider": Wave, MoMo) our refund reference is committed first, then the
  // provider is called once; a clear yes confirms at once, an acceptance or an
  // unclear answer is left to the worker (status queries, never a blind second
  // POST), a refusal leaves refund_pending with last_error and may be retried
  // by calling Refund again. Otherwise (refund_mode "manual") the admin
  // refunds outside and calls ConfirmRefund with the transfer reference.
  // Confirmation = refund_pending -> refunded + ledger reversal + audit, one
  // transaction. kConflict: not refundable now (state, refund in flight);
  // kInvalidArgument: no reason / reference. Admin only (the API's table).
  Result<boost::json::object> Refund(const Principal& who, const std::string& reference, const std::string& reason,
                                     const RequestMeta& meta);
  // Manual confirmation; refused (kConflict) while a provider refund is in flight.
  Result<boost::json::object> ConfirmRefund(const Principal& who, const std::string& reference,
                                            const std::string& provider_refund_id, const RequestMeta& meta);
  // Worker step: sends refunds due again, resolves unclear ones and asks
  // accepted ones for their outcome (backoff up to poll_max_seconds).
  Result<int> PollRefunds(int max_items);
  // "provider" when the provider is configured and has a refund API, else "manual".
  std::string RefundMode(const std::string& provider) const;

  // Receipt PDF of a paid intent (owner exporter or staff).
  Result<std::string> ReceiptPdf(const Principal& who, const std::string& reference);
  // Ledger (admin, by the API's table): balances, balanced, unbalanced_entries over the
  // WHOLE ledger, and one page of entries, newest first (keyset on the entry
  // id; core/paging.h) with next_cursor.
  Result<boost::json::object> Ledger(const Principal& who, const PageRequest& page);

  // A payment collected outside the providers' flow (seeding demonstration
  // data, taking over a payment made before Origine): the application
  // (awaiting payment) is recorded as paid through `provider` with the
  // provider's transaction id `provider_txn`, by the same transaction as a
  // provider's confirmation (ledger, receipt, workflow, audit by `meta`).
  // The provider never saw it: a reconciliation lists it as
  // missing_at_provider. Never exposed over HTTP. Returns the intent's
  // reference; kConflict "payment.not_awaiting" when nothing is due.
  Result<std::string> RecordExternalPayment(int64_t application_id, const std::string& provider,
                                            const std::string& provider_txn, const RequestMeta& meta);

  PaymentProvider* provider(const std::string& name) const;
  PaymentMetrics& metrics() { return metrics_; }

  // Starts the background worker (inbox + polling, every `period_ms` or when woken).
  void StartWorker(int period_ms = 500);
  void StopWorker();
  void Wake();

 private:
  Result<boost::json::object> IntentJson(storage::Tx& tx, const Intent& i, bool owner);
  SettlementPolicy Policy() const;
  std::string PublicUrl();
  // The compare-and-set `before` -> `after` (after.state must be a move of the
  // transition table) with updated_at = now, its metric and its audit event.
  Status Transition(storage::Tx& tx, const Intent& before, Intent after, int64_t now, const std::string& why);
  // One transaction: applies the provider's answer (Settle); marks the inbox
  // row when given. Returns the settlement's outcome ("foreign_answer": nothing
  // done, to be retried as if the provider were unavailable).
  Result<std::string> Apply(int64_t intent_id, const StatusResult& remote, std::optional<int64_t> inbox_id,
                            AnswerSource source);
  // The receipt number and the application's payment step of a success.
  Status IssueReceipt(storage::Tx& tx, const Intent& paid, int64_t now);
  Status Initiate(const std::string& reference);
  RefundRequest MakeRefundRequest(const Intent& i);
  int64_t RefundBackoff(const Intent& i, int64_t now) const;
  // CAS on (refund_pending, refund_state) -> after.refund_state with its audit event "payment.refund_<to>".
  Status RefundStep(storage::Tx& tx, const Intent& before, Intent after, int64_t now,
                    const std::optional<Principal>& who, const RequestMeta& meta, boost::json::object details);
  // refund_pending -> refunded, the ledger reversal and the audit event (caller's transaction).
  Status ConfirmLocked(storage::Tx& tx, const Intent& i, const std::string& refund_id, int64_t now,
                       const std::optional<Principal>& who, const RequestMeta& meta, const std::string& mode,
                       const std::string& source);
  // Calls the provider for a refund in state "requested" and records the outcome.
  Status SendRefund(int64_t intent_id, const std::optional<Principal>& who, const RequestMeta& meta);
  // The provider could not be asked: the intent is asked again later (settlement.h RetryAt).
  Status ScheduleRetry(int64_t intent_id);

  storage::Db& db_;
  const Clock& clock_;
  std::map<std::string, std::unique_ptr<PaymentProvider>> providers_;
  PaymentsOptions options_;
  std::mutex url_mu_;
  PaymentMetrics metrics_;

  std::mutex worker_mu_;
  std::condition_variable worker_cv_;
  bool stop_ = false, woken_ = false;
  std::thread worker_;
};

}  // namespace origine::payments
