// origine/payments/settlement.h — the settlement decision, pure: what one
// answer of a provider about a payment does to our intent, as a function of
// the intent, the answer, the time and the policy (expiry, late window,
// polling pace). No database, no provider, no clock: the service reads the
// intent, asks the provider, calls Settle, and carries the decision out in ONE
// transaction (state compare-and-set, ledger posting, receipt, the
// application's payment step, audit).
//
// The cases are a golden table a domain expert can read and extend:
// tests/golden/settlement/*.toml (format in its README.md), run by
// settlement_golden_test.cc.
//
// The rules, in short (docs/formats/payments.md):
//   - never accept another amount or currency than ours: an open intent fails,
//     a person reviews the money the provider holds ("amount_mismatch");
//   - a success on an open intent that was sent to the provider settles it:
//     payment posted (ProviderClearing / Revenue), receipt, application paid;
//   - a success on an expired, failed or cancelled intent is a late success:
//     posted to Suspense:LateSuccess and flagged for a refund;
//   - a refusal or an expiry closes an open intent, which is then watched for
//     a late success until the late window (expiry + late_window) ends;
//   - no news: open intents are asked again with exponential backoff (never
//     past their expiry), closed ones at the watch pace (poll_max) until the
//     window ends; an intent in doubt that the provider never saw and whose
//     deadline passed is expired for good;
//   - an answer about another payment (its reference echo differs) is ignored.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "payments/payments.h"
#include "payments/provider.h"

namespace origine::payments {

// What the decision reads of an intent.
struct IntentFacts {
  std::string reference;
  State state = State::kPending;
  int64_t amount_xof = 0;
  std::string review;             // "" when none
  bool has_provider_ref = false;  // the provider's id of the payment is known
  int64_t created_at = 0, updated_at = 0, expires_at = 0;
  bool watched = false;  // a status query is scheduled (next_poll_at set)
  int64_t poll_attempts = 0;
};

struct SettlementPolicy {
  int64_t poll_initial_seconds = 5;    // first status query after initiation; then doubles
  int64_t poll_max_seconds = 300;      // the longest wait between queries, and the watch pace
  int64_t late_window_seconds = 3600;  // after expiry, keep watching this long for a late success
};

// Who brought the answer: the worker's status query, a callback (then the
// status re-fetched), or a payment recorded outside the provider flow.
enum class AnswerSource { kPoll, kCallback, kExternal };
const char* AnswerSourceName(AnswerSource s);

// How the decision changes a column: left as it is, set, or cleared (NULL).
template <typename T>
struct Change {
  enum class Kind { kKeep, kSet, kClear };
  Kind kind = Kind::kKeep;
  T value{};
  static Change Keep() { return {}; }
  static Change Set(T v) { return {Kind::kSet, std::move(v)}; }
  static Change Clear() { return {Kind::kClear, T{}}; }
  bool operator==(const Change&) const = default;
};

// The ledger entry a decision posts.
enum class Posting {
  kNone,
  kPayment,      // ProviderClearing:<provider> / Revenue:CertificateFees
  kLatePayment,  // ProviderClearing:<provider> / Suspense:LateSuccess
};
const char* PostingName(Posting p);

struct Settlement {
  // What happened, for the inbox row and the tests: no_change, succeeded,
  // late_success, failed, expired, pending, amount_mismatch, foreign_answer.
  std::string outcome = "no_change";
  std::optional<State> to;  // the new state (compare-and-set from the intent's state)
  Posting posting = Posting::kNone;
  bool receipt = false;  // number a receipt and move the application on (certificates::MarkPaid)
  Change<std::string> review, provider_txn, last_error;
  Change<int64_t> next_poll_at;
  bool count_poll = false;    // poll_attempts + 1
  bool review_event = false;  // audit "payment.review" (amount or currency mismatch)
  std::string why;            // for the audit event of the transition
};

// True when the answer names another payment than `reference` (its echo of
// our reference differs); such an answer is never trusted.
bool IsForeignAnswer(const StatusResult& remote, const std::string& reference);

// The decision for one provider answer about the intent at `now`.
Settlement Settle(const IntentFacts& intent, const StatusResult& remote, int64_t now, const SettlementPolicy& policy,
                  AnswerSource source);

// What the worker does with a due intent before asking the provider.
enum class PollStep {
  kAsk,          // ask the provider
  kWait,         // not yet: leave it (next_poll_at as given)
  kCancel,       // created but never sent (crashed before the call): cancelled
  kInterrupted,  // the initiation call is over or crashed: unknown, then ask
};
struct PollPlan {
  PollStep step = PollStep::kAsk;
  Change<int64_t> next_poll_at;
  bool count_poll = false;
  std::string why;
};
PollPlan PlanPoll(const IntentFacts& intent, int64_t now, const SettlementPolicy& policy);

// The provider could not be asked (down, or an answer about another payment):
// when to ask again, after `attempts` unanswered queries (doubling, at most poll_max).
int64_t RetryAt(int64_t attempts, int64_t now, const SettlementPolicy& policy);

}  // namespace origine::payments
