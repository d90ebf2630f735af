#include "payments/settlement.h"

#include <algorithm>

namespace origine::payments {
namespace {

constexpr int64_t kCreatedGraceSeconds = 60;     // a created intent is sent within this, or never was
constexpr int64_t kInitiatingGraceSeconds = 30;  // an initiation call (bounded by its timeout) is over by then

bool Closed(State s) { return s == State::kExpired || s == State::kFailed || s == State::kCancelled; }

// When to ask again after `attempts` queries without news: doubling from
// poll_initial up to poll_max; at the watch pace once closed or past expiry.
int64_t Backoff(const IntentFacts& i, int64_t attempts, int64_t now, const SettlementPolicy& p) {
  if (!IsOpen(i.state) || now > i.expires_at) return now + p.poll_max_seconds;  // watching for a late success
  int64_t wait = p.poll_initial_seconds;
  for (int64_t k = 0; k < attempts && wait < p.poll_max_seconds; ++k) wait *= 2;
  return now + std::min(wait, p.poll_max_seconds);
}

std::string Reported(const IntentFacts& i, const StatusResult& remote) {
  const std::string currency = remote.currency.empty() ? kCurrency : remote.currency;
  if (!remote.amount_xof) return "provider reports an amount in " + currency;
  return "provider reports " + std::to_string(*remote.amount_xof) + " " + currency;
}

void OnSuccess(const IntentFacts& i, const StatusResult& remote, Settlement& d) {
  const bool other_amount = remote.amount_xof && *remote.amount_xof != i.amount_xof;
  const bool other_currency = !remote.currency.empty() && remote.currency != kCurrency;
  if (other_amount || other_currency) {
    // Never accept a different amount: the intent fails (if open) and a
    // person reviews the money the provider holds (reconciliation shows it).
    d.outcome = "amount_mismatch";
    if (i.review == "amount_mismatch") return;  // seen already
    const std::string reported = Reported(i, remote);
    if (IsOpen(i.state) && CanTransition(i.state, State::kFailed)) {
      d.to = State::kFailed;
      d.why += ", " + reported;
    }
    d.review = Change<std::string>::Set("amount_mismatch");
    d.next_poll_at = Change<int64_t>::Clear();
    d.last_error = Change<std::string>::Set(reported);
    d.review_event = true;
    return;
  }
  if (IsOpen(i.state) && i.state != State::kCreated) {
    if (!CanTransition(i.state, State::kSucceeded)) {
      // initiating: our initiation call is still running; its end moves the
      // intent on, then this answer is taken again.
      d.outcome = "deferred";
      return;
    }
    d.outcome = "succeeded";
    d.to = State::kSucceeded;
    d.provider_txn = Change<std::string>::Set(remote.provider_txn);
    d.next_poll_at = Change<int64_t>::Clear();
    d.last_error = Change<std::string>::Clear();
    d.posting = Posting::kPayment;
    d.receipt = true;
    return;
  }
  if (Closed(i.state)) {
    d.outcome = "late_success";
    d.to = State::kLateSuccess;
    d.provider_txn = Change<std::string>::Set(remote.provider_txn);
    d.next_poll_at = Change<int64_t>::Clear();
    d.review = Change<std::string>::Set("refund_or_review");
    d.posting = Posting::kLatePayment;
  }
  // created (never sent), or paid already: nothing to do.
}

}  // namespace

const char* AnswerSourceName(AnswerSource s) {
  switch (s) {
    case AnswerSource::kPoll:
      return "poll";
    case AnswerSource::kCallback:
      return "callback";
    case AnswerSource::kExternal:
      return "recorded outside the provider flow";
  }
  return "";
}

const char* PostingName(Posting p) {
  switch (p) {
    case Posting::kNone:
      return "none";
    case Posting::kPayment:
      return "payment";
    case Posting::kLatePayment:
      return "late_payment";
  }
  return "";
}

bool IsForeignAnswer(const StatusResult& remote, const std::string& reference) {
  return remote.reference && *remote.reference != reference;
}

Settlement Settle(const IntentFacts& i, const StatusResult& remote, int64_t now, const SettlementPolicy& p,
                  AnswerSource source) {
  Settlement d;
  if (IsForeignAnswer(remote, i.reference)) {
    d.outcome = "foreign_answer";
    return d;
  }
  d.why = std::string(AnswerSourceName(source)) + ": provider says " + RemoteStatusName(remote.status) +
          (remote.detail.empty() ? "" : " (" + remote.detail + ")");
  const bool open = IsOpen(i.state);
  switch (remote.status) {
    case RemoteStatus::kSucceeded:
      OnSuccess(i, remote, d);
      break;
    case RemoteStatus::kFailed:
      if (i.state == State::kPending || i.state == State::kUnknown || i.state == State::kInitiating) {
        // Refused: closed, and asked once more at the end of the late window.
        d.outcome = "failed";
        d.to = State::kFailed;
        d.next_poll_at = Change<int64_t>::Set(i.expires_at + p.late_window_seconds);
      }
      break;
    case RemoteStatus::kExpired:
      if (i.state == State::kPending || i.state == State::kUnknown) {
        d.outcome = "expired";
        d.to = State::kExpired;
        d.next_poll_at = Change<int64_t>::Set(Backoff(i, i.poll_attempts, now, p));
      }
      break;
    case RemoteStatus::kPending:
    case RemoteStatus::kNotFound: {
      const bool nothing_there = remote.status == RemoteStatus::kNotFound;
      if (source == AnswerSource::kPoll && nothing_there && i.state == State::kUnknown && now > i.expires_at) {
        // In doubt, unknown to the provider, past its deadline: the customer
        // never got a payment page, so nothing can arrive any more.
        d.outcome = "expired";
        d.to = State::kExpired;
        d.next_poll_at = Change<int64_t>::Clear();
        d.why = "poll: the provider has no such payment and its deadline passed";
      } else if ((i.state == State::kUnknown || i.state == State::kInitiating) && !nothing_there &&
                 i.has_provider_ref) {
        d.outcome = "pending";
        d.to = State::kPending;
        d.next_poll_at = Change<int64_t>::Set(Backoff(i, 0, now, p));
      } else if (open && now > i.expires_at && i.state != State::kCreated && i.state != State::kInitiating) {
        // Past our deadline with no success: expired; keep asking for a while.
        d.outcome = "expired";
        d.to = State::kExpired;
        d.next_poll_at = Change<int64_t>::Set(Backoff(i, i.poll_attempts, now, p));
      } else if (open) {
        d.next_poll_at =
            Change<int64_t>::Set(std::min(Backoff(i, i.poll_attempts + 1, now, p), std::max(i.expires_at, now + 1)));
        d.count_poll = true;
      }
      break;
    }
  }
  if (d.outcome == "no_change" && !open && i.watched) {
    // A closed intent watched for a late success, and no news: the watch
    // moves on (every poll_max_seconds, the last ask at the window's end) or
    // ends. Never left due: a due watch would be asked again at every worker
    // round and, oldest first, keep the later watches from ever being asked.
    const int64_t end = i.expires_at + p.late_window_seconds;
    d.next_poll_at =
        now >= end ? Change<int64_t>::Clear() : Change<int64_t>::Set(std::min(now + p.poll_max_seconds, end));
    d.count_poll = true;
  }
  return d;
}

PollPlan PlanPoll(const IntentFacts& i, int64_t now, const SettlementPolicy& p) {
  PollPlan plan;
  if (i.state == State::kCreated) {
    // Crashed before the provider was called: nothing exists there.
    if (now - i.created_at < kCreatedGraceSeconds) {
      plan.step = PollStep::kWait;
      return plan;
    }
    plan.step = PollStep::kCancel;
    plan.next_poll_at = Change<int64_t>::Clear();
    plan.why = "never sent to the provider";
    return plan;
  }
  if (i.state == State::kInitiating) {
    // The call is running (or we crashed during it): after a grace period,
    // the outcome is unknown and only a status query may resolve it.
    if (now - i.updated_at < kInitiatingGraceSeconds) {
      plan.step = PollStep::kWait;
      plan.next_poll_at = Change<int64_t>::Set(RetryAt(0, now, p));
      plan.count_poll = true;
      return plan;
    }
    plan.step = PollStep::kInterrupted;
    plan.next_poll_at = Change<int64_t>::Set(now);
    plan.why = "initiation interrupted";
    return plan;
  }
  return plan;
}

int64_t RetryAt(int64_t attempts, int64_t now, const SettlementPolicy& p) {
  return now + std::min<int64_t>(p.poll_initial_seconds << std::min<int64_t>(attempts, 10), p.poll_max_seconds);
}

}  // namespace origine::payments
