// origine/payments/intent_store.h — every statement on payment_intents, the
// intents of the payments module (docs/ARCHITECTURE.md, "Tables and owners").
//
// Functions run in the caller's transaction (`storage::Tx&`) so that a state
// change, its ledger posting, its receipt and its audit event commit together.
// Changes are written back whole: load the intent in a WRITE transaction (which
// holds the database's write lock), change a copy, and UpdateIntent(tx, before,
// after) — a compare-and-set on (state, refund_state) that fails with kConflict
// "payment.changed" if the row moved meanwhile. Empty strings and zero times of
// optional columns are stored as NULL.
//
// Thread-safety: stateless; the Tx belongs to the caller's thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "payments/payments.h"
#include "storage/db.h"

namespace origine::payments {

// One payment intent (one attempt to collect one fee through one provider).
struct Intent {
  int64_t id = 0;
  std::string reference;  // our UUID, sent to the provider
  int64_t application_id = 0, company_id = 0;
  std::string regime, service, fee_code, provider;
  int64_t amount_xof = 0;
  State state = State::kCreated;
  std::string payer_msisdn, provider_ref, provider_txn, payment_url, notif_token, idempotency_key, review, last_error;
  int64_t created_by = 0, created_at = 0, updated_at = 0, expires_at = 0;
  std::optional<int64_t> next_poll_at;  // due for a status query (open, or watched for a late success)
  int64_t poll_attempts = 0;
  // Refund: refund_state is "" (none), manual, requested, retry, sent,
  // unclear, refused or done (refunds.cc).
  std::string refund_reference, refund_state, refund_reason, refund_provider_id;
  int64_t refund_requested_at = 0, refund_attempts = 0;
  std::optional<int64_t> refund_next_check_at;
};

// A new intent, as CreateIntent commits it before calling the provider.
struct NewIntent {
  std::string reference;
  int64_t application_id = 0, company_id = 0;
  std::string regime, service, fee_code, provider;
  int64_t amount_xof = 0;
  State state = State::kCreated;
  std::string payer_msisdn, idempotency_key, provider_ref;  // "" = none
  int64_t created_by = 0, created_at = 0, expires_at = 0;
  std::optional<int64_t> next_poll_at;
};

// kNotFound "payment.not_found" when absent.
Result<Intent> FindIntent(storage::Tx& tx, int64_t id);
Result<Intent> FindIntentByReference(storage::Tx& tx, const std::string& reference);
// nullopt when absent.
Result<std::optional<Intent>> FindIntentOfProvider(storage::Tx& tx, const std::string& reference,
                                                   const std::string& provider);
Result<std::optional<Intent>> FindIntentByIdempotencyKey(storage::Tx& tx, int64_t company_id,
                                                         const std::string& idempotency_key);
// Our reference of the provider's payment `provider_ref` ("" when unknown).
Result<std::string> ReferenceOfProviderRef(storage::Tx& tx, const std::string& provider,
                                           const std::string& provider_ref);
// The stored notification token of an intent of `provider` ("" when none).
Result<std::string> NotifTokenOf(storage::Tx& tx, const std::string& reference, const std::string& provider);

// The intents of an application, newest first (at most `limit`).
Result<std::vector<Intent>> IntentsOfApplication(storage::Tx& tx, int64_t application_id, int64_t limit);
// The reference of an open intent (created, initiating, pending, unknown) of the application, if any.
Result<std::optional<std::string>> OpenIntentOf(storage::Tx& tx, int64_t application_id);
// How many intents of the application for `service` succeeded.
Result<int64_t> CountSucceeded(storage::Tx& tx, int64_t application_id, const std::string& service);

// One page of intents, newest first (by id): in `state` ("" = every state),
// with an id below `before_id` (nullopt = from the newest), at most `limit`.
Result<std::vector<Intent>> ListIntentsPage(storage::Tx& tx, const std::string& state, std::optional<int64_t> before_id,
                                            int64_t limit);
// Intents whose next status query is due at `now`: open ones first, then the
// watches for late successes, each group by due time; at most `limit`.
Result<std::vector<int64_t>> IntentsDueForPoll(storage::Tx& tx, int64_t now, int64_t limit);
// Refunds in flight (requested, retry, sent, unclear) whose next step is due at `now`, at most `limit`.
Result<std::vector<int64_t>> RefundsDue(storage::Tx& tx, int64_t now, int64_t limit);
// Intents flagged for review in states that still hold or may hold money.
Result<int64_t> CountIntentsToReview(storage::Tx& tx);

// Inserts the intent; returns its id (kConflict if the reference or the
// idempotency key exists already).
Result<int64_t> InsertIntent(storage::Tx& tx, const NewIntent& intent);
// Writes every mutable column of `after` (state, updated_at, provider handles,
// review, last_error, expiry, polling and refund columns) where the row is
// still in before.state and before.refund_state; kConflict "payment.changed" otherwise.
Status UpdateIntent(storage::Tx& tx, const Intent& before, const Intent& after);
// After a resolved initiation: keeps what is stored, fills the provider's
// handles only where none is stored yet.
Status RememberProviderHandles(storage::Tx& tx, int64_t id, const std::string& provider_ref,
                               const std::string& payment_url, const std::string& notif_token);
// A provider's hint about a refund in flight (sent or unclear): its status is due at `at`.
Status MakeRefundCheckDue(storage::Tx& tx, int64_t id, int64_t at);

}  // namespace origine::payments
