// Refunds (ADR 0057, service.h). refund_state, while the intent is refund_pending:
//   manual     no refund API: an administrator refunds outside and confirms
//   requested  our refund reference is committed; the provider is being called
//   retry      nothing reached the provider (or it has no trace of it): send again
//   sent       the provider accepted; its outcome is asked by status queries
//   unclear    no clear answer (timeout, 5xx): only a status query may resolve it
//   refused    the provider said no (last_error); the administrator may retry
// and "done" once refunded. Every change is a compare-and-set on
// (state, refund_state) with its audit event in the same transaction.
#include <boost/json.hpp>

#include "audit/audit.h"
#include "core/log.h"
#include "payments/crypto.h"
#include "payments/intent_store.h"
#include "payments/ledger.h"
#include "payments/ledger_store.h"
#include "payments/service.h"
#include "payments/service_internal.h"

namespace origine::payments {
namespace json = boost::json;
using internal::kWorkerMeta;

namespace {

constexpr int64_t kRefundCallGrace = 30;  // a refund call (bounded by the provider timeout) is over by then
constexpr int64_t kMaxRefundSends = 5;

bool RefundInFlight(const std::string& s) { return s == "requested" || s == "retry" || s == "sent" || s == "unclear"; }

Error InProgress(const std::string& refund_state, const std::string& tail) {
  return Error::Conflict("refund.in_progress"_code,
                         "a refund of this payment through the provider is in progress (" + refund_state + ")" + tail)
      .With("state", refund_state);
}

}  // namespace

RefundRequest PaymentService::MakeRefundRequest(const Intent& i) {
  RefundRequest r;
  r.reference = i.reference;
  r.provider_ref = i.provider_ref;
  r.amount_xof = i.amount_xof;
  r.refund_reference = i.refund_reference;
  // Shown to the payer: never the administrator's internal reason.
  r.reason = "Remboursement Origine " + i.reference.substr(0, 8);
  r.notify_url = PublicUrl() + "/api/v1/payments/callbacks/" + i.provider + "?ref=" + i.reference;
  r.requested_at = i.refund_requested_at;
  return r;
}

int64_t PaymentService::RefundBackoff(const Intent& i, int64_t now) const {
  const int64_t elapsed = std::max<int64_t>(0, now - i.refund_requested_at);
  return now + std::min(std::max(options_.poll_initial_seconds, elapsed / 2), options_.poll_max_seconds);
}

Status PaymentService::RefundStep(storage::Tx& tx, const Intent& before, Intent after, int64_t now,
                                  const std::optional<Principal>& who, const RequestMeta& meta, json::object details) {
  if (before.state != State::kRefundPending || after.state != State::kRefundPending)
    return Error::Conflict("refund.changed"_code, "the refund changed meanwhile");
  after.updated_at = now;
  Status saved = UpdateIntent(tx, before, after);
  if (!saved) {
    if (saved.error().kind == ErrorKind::kConflict)
      return Error::Conflict("refund.changed"_code, "the refund changed meanwhile");
    return saved.error();
  }
  metrics_.Count("payment_refunds_total", before.provider, after.refund_state);
  details["refund_state"] = {
      {"before", before.refund_state.empty() ? json::value(nullptr) : json::value(before.refund_state)},
      {"after", after.refund_state}};
  details["refund_reference"] = before.refund_reference;
  details["provider"] = before.provider;
  details["amount_xof"] = before.amount_xof;
  return audit::Record(
      tx, who, meta, now,
      {"payment.refund_" + after.refund_state, "payment_intent", before.reference, json::serialize(details)});
}

Status PaymentService::ConfirmLocked(storage::Tx& tx, const Intent& i, const std::string& refund_id, int64_t now,
                                     const std::optional<Principal>& who, const RequestMeta& meta,
                                     const std::string& mode, const std::string& source) {
  ASSIGN_OR_RETURN(const bool was_late, HasLedgerEntry(tx, i.id, "late_payment"));
  Intent after = i;
  after.state = State::kRefunded;
  after.refund_state = "done";
  after.refund_provider_id = refund_id;
  after.refund_next_check_at.reset();
  after.last_error.clear();
  RETURN_IF_ERROR(Transition(tx, i, after, now, "refund confirmed (" + source + ")"));
  RETURN_IF_ERROR(
      Post(tx,
           {"refund",
            i.id,
            "Remboursement " + i.reference + " (" + refund_id + ")",
            {{was_late ? kSuspense : kRevenue, i.amount_xof}, {ClearingAccount(i.provider), -i.amount_xof}}},
           now));
  metrics_.Count("payment_refunds_total", i.provider, "done");
  return audit::Record(
      tx, who, meta, now,
      {"payment.refund_confirmed", "payment_intent", i.reference,
       json::serialize(json::object{
           {"provider_refund_id", refund_id},
           {"refund_reference", i.refund_reference.empty() ? json::value(nullptr) : json::value(i.refund_reference)},
           {"mode", mode},
           {"source", source},
           {"amount_xof", i.amount_xof}})});
}

Result<json::object> PaymentService::Refund(const Principal& who, const std::string& reference,
                                            const std::string& reason, const RequestMeta& meta) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos || reason.size() > 2000)
    return Error::Invalid(
               "refund.reason_required"_code, "give the reason for the refund",
               {{"reason", "refund.reason_required"_code, "is required (at most 2000 characters)", {{"max", "2000"}}}})
        .With("max", "2000");
  const int64_t now = clock_.NowUnix();
  int64_t id = 0;
  std::string mode;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(Intent i, FindIntentByReference(*tx, reference));
    id = i.id;
    mode = RefundMode(i.provider);
    // Our refund reference is committed before any provider call.
    const std::string refund_ref = NewUuid();
    const bool api = mode == "provider";
    if (i.state == State::kSucceeded || i.state == State::kLateSuccess) {
      Intent after = i;
      after.state = State::kRefundPending;
      after.refund_state = api ? "requested" : "manual";
      after.refund_reference = api ? refund_ref : "";
      after.refund_reason = reason;
      after.refund_requested_at = now;
      after.refund_next_check_at = api ? std::optional<int64_t>(now + kRefundCallGrace) : std::nullopt;
      after.refund_attempts = 0;
      after.refund_provider_id.clear();
      after.last_error.clear();
      RETURN_IF_ERROR(Transition(*tx, i, after, now, "refund requested"));
      RETURN_IF_ERROR(audit::Record(
          *tx, who, meta, now,
          {"payment.refund_requested", "payment_intent", i.reference,
           json::serialize(json::object{{"reason", reason},
                                        {"amount_xof", i.amount_xof},
                                        {"mode", mode},
                                        {"refund_reference", api ? json::value(refund_ref) : json::value(nullptr)}})}));
    } else if (i.state == State::kRefundPending && i.refund_state == "refused" && api) {
      // The provider refused the last attempt: a new attempt, a new reference.
      Intent after = i;
      after.refund_state = "requested";
      after.refund_reference = refund_ref;
      after.refund_reason = reason;
      after.refund_requested_at = now;
      after.refund_next_check_at = now + kRefundCallGrace;
      after.refund_attempts = 0;
      after.last_error.clear();
      RETURN_IF_ERROR(RefundStep(*tx, i, after, now, who, meta,
                                 {{"retry", true}, {"reason", reason}, {"new_refund_reference", refund_ref}}));
    } else if (i.state == State::kRefundPending) {
      if (RefundInFlight(i.refund_state)) return InProgress(i.refund_state, "");
      return Error::Conflict("refund.pending_manual"_code,
                             "a refund of this payment is pending: confirm it with the transfer reference");
    } else {
      return Error::Conflict(
                 "refund.not_allowed"_code,
                 std::string("only a succeeded or late payment can be refunded (it is ") + StateName(i.state) + ")")
          .With("state", StateName(i.state));
    }
    RETURN_IF_ERROR(tx->Commit());
  }
  if (mode == "provider") {
    Status sent = SendRefund(id, who, meta);
    if (!sent && sent.error().kind != ErrorKind::kConflict) {
      // The request is committed: the worker resolves it (status query) whatever happened here.
      log::Error("payment refund call", {{"error", sent.error().message}});
    }
  }
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(Intent i, FindIntent(*tx, id));
  return IntentJson(*tx, i, false);
}

Status PaymentService::SendRefund(int64_t intent_id, const std::optional<Principal>& who, const RequestMeta& meta) {
  Intent i;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(i, FindIntent(*tx, intent_id));
  }
  if (i.state != State::kRefundPending || i.refund_state != "requested")
    return Error::Conflict("refund.nothing_to_send"_code, "no refund to send");
  PaymentProvider* p = provider(i.provider);
  if (!p)
    return Error::Unavailable("payment.provider_unavailable"_code, "the provider " + i.provider + " is not configured")
        .With("provider", i.provider);
  RefundResult res = p->Refund(MakeRefundRequest(i));
  metrics_.Count("payment_refund_calls_total", i.provider, RefundOutcomeName(res.outcome));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(Intent cur, FindIntent(*tx, intent_id));
  if (cur.state != State::kRefundPending || cur.refund_state != "requested" ||
      cur.refund_reference != i.refund_reference)
    return tx->Commit();  // resolved meanwhile (the worker after the grace period)
  const int64_t sends = cur.refund_attempts + 1;
  json::object details{{"detail", res.detail}, {"outcome", RefundOutcomeName(res.outcome)}};
  Intent after = cur;
  after.refund_attempts = sends;
  switch (res.outcome) {
    case RefundOutcome::kDone:
      RETURN_IF_ERROR(ConfirmLocked(*tx, cur,
                                    res.provider_refund_id.empty() ? cur.refund_reference : res.provider_refund_id, now,
                                    who, meta, "provider", "provider: " + res.detail));
      break;
    case RefundOutcome::kAccepted:
      after.refund_state = "sent";
      after.refund_next_check_at = now + options_.poll_initial_seconds;
      after.last_error.clear();
      RETURN_IF_ERROR(RefundStep(*tx, cur, after, now, who, meta, details));
      break;
    case RefundOutcome::kRejected:
      after.refund_state = "refused";
      after.refund_next_check_at.reset();
      after.last_error = "refused by the provider: " + res.detail;
      RETURN_IF_ERROR(RefundStep(*tx, cur, after, now, who, meta, details));
      break;
    case RefundOutcome::kUnclear:
      after.refund_state = "unclear";
      after.refund_next_check_at = now + 1;
      after.last_error = "no clear answer: " + res.detail;
      RETURN_IF_ERROR(RefundStep(*tx, cur, after, now, who, meta, details));
      break;
    case RefundOutcome::kNotSent:
      if (sends >= kMaxRefundSends) {
        after.refund_state = "refused";
        after.refund_next_check_at.reset();
        after.last_error = "not sent after " + std::to_string(sends) + " attempts: " + res.detail;
      } else {
        after.refund_state = "retry";
        after.refund_next_check_at = RefundBackoff(cur, now);
        after.last_error = "not sent: " + res.detail;
      }
      RETURN_IF_ERROR(RefundStep(*tx, cur, after, now, who, meta, details));
      break;
  }
  RETURN_IF_ERROR(tx->Commit());
  if (res.outcome == RefundOutcome::kUnclear) Wake();
  return {};
}

Result<int> PaymentService::PollRefunds(int max_items) {
  const int64_t now = clock_.NowUnix();
  std::vector<int64_t> ids;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(ids, RefundsDue(*tx, now, max_items));
  }
  int handled = 0;
  for (int64_t id : ids) {
    ++handled;
    Intent i;
    {
      ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
      ASSIGN_OR_RETURN(i, FindIntent(*tx, id));
    }
    PaymentProvider* p = provider(i.provider);
    if (!p || !p->HasRefundApi()) continue;
    if (i.refund_state == "retry") {
      // Nothing reached the provider, or it has no trace of the request: send it again.
      {
        ASSIGN_OR_RETURN(auto tx, db_.Begin());
        ASSIGN_OR_RETURN(Intent cur, FindIntent(*tx, id));
        Intent after = cur;
        after.refund_state = "requested";
        after.refund_next_check_at = now + kRefundCallGrace;
        if (cur.refund_state != "retry" ||
            !RefundStep(*tx, cur, after, now, std::nullopt, kWorkerMeta, {{"why", "sending again"}}))
          continue;
        RETURN_IF_ERROR(tx->Commit());
      }
      Status sent = SendRefund(i.id, std::nullopt, kWorkerMeta);
      if (!sent && sent.error().kind != ErrorKind::kConflict) return sent.error();
      continue;
    }
    if (i.refund_state == "requested") {
      // Past the grace period the call is over, or we crashed during it.
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      ASSIGN_OR_RETURN(Intent cur, FindIntent(*tx, id));
      Intent after = cur;
      after.refund_state = "unclear";
      after.refund_next_check_at = now;
      if (cur.refund_state != "requested" ||
          !RefundStep(*tx, cur, after, now, std::nullopt, kWorkerMeta, {{"why", "refund call interrupted"}}))
        continue;
      RETURN_IF_ERROR(tx->Commit());
      i = after;
    }
    auto remote = p->RefundStatus(MakeRefundRequest(i));
    metrics_.Count("payment_refund_status_queries_total", i.provider,
                   remote ? RemoteStatusName(remote->status) : "unavailable");
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(Intent cur, FindIntent(*tx, id));
    if (cur.state != State::kRefundPending || cur.refund_state != i.refund_state ||
        cur.refund_reference != i.refund_reference)
      continue;  // changed meanwhile
    const std::string why = remote ? std::string("status query: ") + RemoteStatusName(remote->status) +
                                         (remote->detail.empty() ? "" : " (" + remote->detail + ")")
                                   : "status query: " + remote.error().message;
    Intent after = cur;
    if (!remote || (remote->status == RemoteStatus::kNotFound && cur.refund_state == "sent") ||
        (remote->status == RemoteStatus::kPending && cur.refund_state == "sent")) {
      after.refund_next_check_at = RefundBackoff(cur, now);
      RETURN_IF_ERROR(UpdateIntent(*tx, cur, after));
    } else if (remote->status == RemoteStatus::kSucceeded) {
      RETURN_IF_ERROR(ConfirmLocked(*tx, cur,
                                    remote->provider_txn.empty() ? cur.refund_reference : remote->provider_txn, now,
                                    std::nullopt, kWorkerMeta, "provider", why));
    } else if (remote->status == RemoteStatus::kPending) {  // unclear -> sent: the provider has it
      after.refund_state = "sent";
      after.refund_next_check_at = RefundBackoff(cur, now);
      RETURN_IF_ERROR(RefundStep(*tx, cur, after, now, std::nullopt, kWorkerMeta, {{"why", why}}));
    } else if (remote->status == RemoteStatus::kNotFound) {  // unclear, and the provider never got it
      if (cur.refund_attempts >= kMaxRefundSends) {
        after.refund_state = "refused";
        after.refund_next_check_at.reset();
        after.last_error =
            "the provider has no trace of the refund after " + std::to_string(cur.refund_attempts) + " attempts";
      } else {
        after.refund_state = "retry";
        after.refund_next_check_at = now;
      }
      RETURN_IF_ERROR(RefundStep(*tx, cur, after, now, std::nullopt, kWorkerMeta, {{"why", why}}));
    } else {  // failed or expired: a definite refusal
      after.refund_state = "refused";
      after.refund_next_check_at.reset();
      after.last_error = "refused by the provider: " + remote->detail;
      RETURN_IF_ERROR(RefundStep(*tx, cur, after, now, std::nullopt, kWorkerMeta, {{"why", why}}));
    }
    RETURN_IF_ERROR(tx->Commit());
  }
  return handled;
}

Result<json::object> PaymentService::ConfirmRefund(const Principal& who, const std::string& reference,
                                                   const std::string& refund_id, const RequestMeta& meta) {
  if (refund_id.find_first_not_of(" \t\r\n") == std::string::npos || refund_id.size() > 200)
    return Error::Invalid(
        "refund.provider_id_required"_code, "give the provider's refund reference",
        {{"provider_refund_id", "refund.provider_id_required"_code, "is required", {{"max", "200"}}}});
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(Intent i, FindIntentByReference(*tx, reference));
  if (i.state != State::kRefundPending)
    return Error::Conflict("refund.not_pending"_code, "this payment has no refund pending");
  // A refund through the provider's API is confirmed by the provider, never by
  // hand while it may still happen (that would be a double refund).
  if (RefundInFlight(i.refund_state)) return InProgress(i.refund_state, ": the provider confirms it");
  RETURN_IF_ERROR(ConfirmLocked(*tx, i, refund_id, now, who, meta, "manual",
                                i.refund_state == "refused" ? "manual after a refusal by the provider" : "manual"));
  ASSIGN_OR_RETURN(Intent after, FindIntent(*tx, i.id));
  ASSIGN_OR_RETURN(json::object out, IntentJson(*tx, after, false));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace origine::payments
