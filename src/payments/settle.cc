// Carrying out settlement decisions (settlement.h): the transition with its
// audit event, the ledger posting, the receipt and the application's payment
// step in one transaction; the worker's polling of due intents; payments
// recorded outside the providers' flow.
#include <boost/json.hpp>

#include "audit/audit.h"
#include "certificates/application_lookup.h"
#include "payments/crypto.h"
#include "payments/fees.h"
#include "payments/inbox_store.h"
#include "payments/intent_store.h"
#include "payments/ledger.h"
#include "payments/service.h"
#include "payments/service_internal.h"

namespace origine::payments {
namespace json = boost::json;
using internal::kWorkerMeta;

namespace {

IntentFacts FactsOf(const Intent& i) {
  IntentFacts f;
  f.reference = i.reference;
  f.state = i.state;
  f.amount_xof = i.amount_xof;
  f.review = i.review;
  f.has_provider_ref = !i.provider_ref.empty();
  f.created_at = i.created_at;
  f.updated_at = i.updated_at;
  f.expires_at = i.expires_at;
  f.watched = i.next_poll_at.has_value();
  f.poll_attempts = i.poll_attempts;
  return f;
}

// Applies a column change; true when it changes something.
bool Put(const Change<std::string>& c, std::string* v) {
  if (c.kind == Change<std::string>::Kind::kKeep) return false;
  *v = c.kind == Change<std::string>::Kind::kSet ? c.value : std::string();
  return true;
}
bool Put(const Change<int64_t>& c, std::optional<int64_t>* v) {
  if (c.kind == Change<int64_t>::Kind::kKeep) return false;
  if (c.kind == Change<int64_t>::Kind::kSet)
    *v = c.value;
  else
    v->reset();
  return true;
}

}  // namespace

Status PaymentService::Transition(storage::Tx& tx, const Intent& before, Intent after, int64_t now,
                                  const std::string& why) {
  if (!CanTransition(before.state, after.state))
    return Error::Conflict("payment.transition"_code, std::string("a payment cannot go from ") +
                                                          StateName(before.state) + " to " + StateName(after.state))
        .With("from", StateName(before.state))
        .With("to", StateName(after.state));
  after.updated_at = now;
  RETURN_IF_ERROR(UpdateIntent(tx, before, after));
  metrics_.Count("payment_transitions_total", before.provider, StateName(after.state));
  return audit::Record(
      tx, std::nullopt, kWorkerMeta, now,
      {std::string("payment.") + StateName(after.state), "payment_intent", before.reference,
       json::serialize(json::object{{"state", {{"before", StateName(before.state)}, {"after", StateName(after.state)}}},
                                    {"application_id", before.application_id},
                                    {"provider", before.provider},
                                    {"amount_xof", before.amount_xof},
                                    {"why", why}})});
}

Result<std::string> PaymentService::Apply(int64_t intent_id, const StatusResult& remote,
                                          std::optional<int64_t> inbox_id, AnswerSource source) {
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(Intent i, FindIntent(*tx, intent_id));
  const Settlement d = Settle(FactsOf(i), remote, now, Policy(), source);
  if (d.outcome == "foreign_answer") return d.outcome;  // nothing written
  if (d.outcome == "deferred")
    return Error::Conflict("payment.changed"_code, "the payment's initiation is still running");

  Intent after = i;
  bool changed = Put(d.review, &after.review);
  changed = Put(d.provider_txn, &after.provider_txn) || changed;
  changed = Put(d.last_error, &after.last_error) || changed;
  changed = Put(d.next_poll_at, &after.next_poll_at) || changed;
  if (d.count_poll) {
    ++after.poll_attempts;
    changed = true;
  }
  if (d.to) {
    after.state = *d.to;
    RETURN_IF_ERROR(Transition(*tx, i, after, now, d.why));
    after.updated_at = now;
  } else if (changed) {
    RETURN_IF_ERROR(UpdateIntent(*tx, i, after));
  }
  if (d.review_event) {
    json::object details{{"review", after.review}, {"expected_xof", i.amount_xof}};
    if (remote.amount_xof) details["reported_xof"] = *remote.amount_xof;
    if (!remote.currency.empty()) details["reported_currency"] = remote.currency;
    RETURN_IF_ERROR(audit::Record(*tx, std::nullopt, kWorkerMeta, now,
                                  {"payment.review", "payment_intent", i.reference, json::serialize(details)}));
  }
  switch (d.posting) {
    case Posting::kNone:
      break;
    case Posting::kPayment:
      RETURN_IF_ERROR(Post(*tx,
                           {"payment",
                            i.id,
                            "Paiement " + i.reference + " (" + i.fee_code + ")",
                            {{ClearingAccount(i.provider), i.amount_xof}, {kRevenue, -i.amount_xof}}},
                           now));
      break;
    case Posting::kLatePayment:
      RETURN_IF_ERROR(Post(*tx,
                           {"late_payment",
                            i.id,
                            "Paiement tardif " + i.reference + " (à rembourser)",
                            {{ClearingAccount(i.provider), i.amount_xof}, {kSuspense, -i.amount_xof}}},
                           now));
      break;
  }
  if (d.receipt) RETURN_IF_ERROR(IssueReceipt(*tx, after, now));
  if (inbox_id) RETURN_IF_ERROR(MarkInboxProcessed(*tx, *inbox_id, now, d.outcome));
  RETURN_IF_ERROR(tx->Commit());
  return d.outcome;
}

Status PaymentService::ScheduleRetry(int64_t intent_id) {
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(Intent i, FindIntent(*tx, intent_id));
  Intent after = i;
  after.next_poll_at = RetryAt(i.poll_attempts + 1, now, Policy());
  ++after.poll_attempts;
  RETURN_IF_ERROR(UpdateIntent(*tx, i, after));
  return tx->Commit();
}

Result<int> PaymentService::PollDue(int max_items) {
  const int64_t now = clock_.NowUnix();
  std::vector<int64_t> ids;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    // Open intents first: the watch for late successes must never starve them.
    ASSIGN_OR_RETURN(ids, IntentsDueForPoll(*tx, now, max_items));
  }
  int handled = 0;
  for (int64_t id : ids) {
    Intent i;
    {
      ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
      ASSIGN_OR_RETURN(i, FindIntent(*tx, id));
    }
    ++handled;
    const PollPlan plan = PlanPoll(FactsOf(i), now, Policy());
    if (plan.step != PollStep::kAsk) {
      // The step before asking, on the intent as it is now (compare-and-set
      // on its state: a step taken meanwhile by another path wins).
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      ASSIGN_OR_RETURN(Intent cur, FindIntent(*tx, id));
      if (cur.state == i.state) {
        Intent after = cur;
        bool changed = Put(plan.next_poll_at, &after.next_poll_at);
        if (plan.count_poll) {
          ++after.poll_attempts;
          changed = true;
        }
        Status st;
        if (plan.step == PollStep::kCancel || plan.step == PollStep::kInterrupted) {
          after.state = plan.step == PollStep::kCancel ? State::kCancelled : State::kUnknown;
          st = Transition(*tx, cur, after, now, plan.why);
        } else if (changed) {
          st = UpdateIntent(*tx, cur, after);
        }
        if (st) RETURN_IF_ERROR(tx->Commit());
      }
      if (plan.step != PollStep::kInterrupted) continue;
      i.state = State::kUnknown;  // then asked, as any intent in doubt
    }
    PaymentProvider* p = provider(i.provider);
    if (!p) continue;
    auto remote = p->Status({i.reference, i.provider_ref, i.amount_xof});
    if (!remote || IsForeignAnswer(*remote, i.reference)) {
      metrics_.Count("payment_status_queries_total", i.provider, remote ? "foreign_answer" : "unavailable");
      (void)ScheduleRetry(i.id);
      continue;
    }
    metrics_.Count("payment_status_queries_total", i.provider, RemoteStatusName(remote->status));
    auto applied = Apply(i.id, *remote, std::nullopt, AnswerSource::kPoll);
    if (!applied && applied.error().kind != ErrorKind::kConflict) return applied.error();
  }
  return handled;
}

Result<std::string> PaymentService::RecordExternalPayment(int64_t application_id, const std::string& provider_name,
                                                          const std::string& provider_txn, const RequestMeta& meta) {
  if (!IsProviderName(provider_name))
    return Error::Invalid("payment.provider_unknown"_code, "unknown payment provider " + provider_name)
        .With("provider", provider_name);
  const int64_t now = clock_.NowUnix();
  const std::string reference = NewUuid();
  int64_t id = 0;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(certificates::ApplicationRef app, certificates::FindApplication(*tx, application_id));
    if (app.status != "awaiting_payment")
      return Error::Conflict("payment.not_awaiting"_code,
                             "the application is not awaiting payment (it is " + app.status + ")")
          .With("status", app.status);
    const std::string service = FeeService(app.kind);
    ASSIGN_OR_RETURN(Fee fee, FeeFor(options_.regimes, app.regime, service, FormatUtc(now, true)));
    NewIntent n;
    n.reference = reference;
    n.application_id = application_id;
    n.company_id = app.company_id;
    n.regime = app.regime;
    n.service = service;
    n.fee_code = fee.code;
    n.provider = provider_name;
    n.amount_xof = fee.amount_xof;
    n.state = State::kPending;
    n.provider_ref = provider_txn;
    n.created_by = app.created_by;
    n.created_at = now;
    n.expires_at = now + options_.intent_ttl_seconds;
    ASSIGN_OR_RETURN(id, InsertIntent(*tx, n));
    RETURN_IF_ERROR(
        audit::Record(*tx, std::nullopt, meta, now,
                      {"payment.created", "payment_intent", reference,
                       json::serialize(json::object{
                           {"application_id", application_id}, {"provider", provider_name}, {"external", true}})}));
    RETURN_IF_ERROR(tx->Commit());
  }
  StatusResult paid;
  paid.status = RemoteStatus::kSucceeded;
  paid.provider_txn = provider_txn;
  ASSIGN_OR_RETURN(std::string outcome, Apply(id, paid, std::nullopt, AnswerSource::kExternal));
  if (outcome != "succeeded") return Error::Internal("external payment " + reference + " not settled: " + outcome);
  return reference;
}

}  // namespace origine::payments
