// Provider callbacks: authenticity per provider, the raw event kept in the
// inbox and answered at once; the worker processes the inbox by re-fetching
// the status from the provider (a callback's content is never trusted).
#include "core/log.h"
#include "payments/inbox_store.h"
#include "payments/intent_store.h"
#include "payments/service.h"
#include "payments/service_internal.h"

namespace origine::payments {

PaymentService::CallbackAnswer PaymentService::ReceiveCallback(const std::string& name,
                                                               const CallbackRequest& request) {
  CallbackRequest req = request;
  req.now = clock_.NowUnix();  // signature windows and the inbox are on our clock
  PaymentProvider* p = provider(name);
  if (!p) {
    metrics_.Count("payment_callbacks_total", IsProviderName(name) ? name : "other", "unknown_provider");
    return {404, "unknown_provider"};
  }
  std::string expected;
  if (p->NeedsStoredToken()) {
    auto ref = req.query.find("ref");
    if (ref != req.query.end()) {
      auto tx = db_.Begin(false);
      if (tx) {
        auto token = NotifTokenOf(**tx, ref->second, name);
        if (token) expected = *token;
      }
    }
  }
  CallbackCheck check = p->VerifyCallback(req, expected);
  if (check.verdict != CallbackVerdict::kAccepted) {
    const char* outcome = CallbackVerdictName(check.verdict);
    metrics_.Count("payment_callbacks_total", name, outcome);
    log::Warn("payment callback refused", {{"provider", name}, {"outcome", outcome}, {"reason", check.reason}});
    return {check.verdict == CallbackVerdict::kMalformed ? 400 : 401, outcome};
  }
  auto stored = [&]() -> Result<bool> {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(bool inserted, InsertInboxEvent(*tx, {name, check.event_key, check.reference, req.now,
                                                           req.content_type, req.body}));
    if (inserted && check.reference.empty() && !check.provider_ref.empty()) {
      // The callback names only the provider's id of the payment: find ours.
      ASSIGN_OR_RETURN(std::string reference, ReferenceOfProviderRef(*tx, name, check.provider_ref));
      RETURN_IF_ERROR(SetInboxReference(*tx, name, check.event_key, reference));
    }
    RETURN_IF_ERROR(tx->Commit());
    return inserted;
  }();
  if (!stored) {
    metrics_.Count("payment_callbacks_total", name, "store_failed");
    log::Error("payment callback not stored", {{"provider", name}, {"error", stored.error().message}});
    return {503, "store_failed"};
  }
  const char* outcome = *stored ? "accepted" : "duplicate";
  metrics_.Count("payment_callbacks_total", name, outcome);
  if (*stored) Wake();
  return {200, outcome};
}

Result<int> PaymentService::ProcessInbox(int max_items) {
  const int64_t now = clock_.NowUnix();
  std::vector<InboxItem> items;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(items, InboxDue(*tx, now, max_items));
  }
  // Not answered this time (provider down, or an answer about another
  // payment): asked again later, backing off.
  auto retry_later = [&](const InboxItem& item) -> Status {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    RETURN_IF_ERROR(
        RetryInboxLater(*tx, item.id, now + std::min<int64_t>(5 << std::min<int64_t>(item.attempts, 6), 300)));
    return tx->Commit();
  };
  int handled = 0;
  for (const InboxItem& item : items) {
    std::optional<Intent> intent;
    {
      ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
      ASSIGN_OR_RETURN(intent, FindIntentOfProvider(*tx, item.reference, item.provider));
    }
    if (!intent) {
      // Unknown reference: parked and retried a few times, then given up.
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      const bool give_up = item.attempts >= 4;
      RETURN_IF_ERROR(ParkInboxEvent(*tx, item.id, now + 5 * (item.attempts + 1),
                                     give_up ? std::optional<int64_t>(now) : std::nullopt,
                                     give_up ? "unknown_reference" : ""));
      RETURN_IF_ERROR(tx->Commit());
      if (give_up) {
        metrics_.Count("payment_callbacks_total", item.provider, "unknown_reference");
        log::Warn("payment callback for no known payment", {{"provider", item.provider}});
      }
      ++handled;
      continue;
    }
    if (intent->state == State::kRefundPending) {
      // A callback about a refund in flight (MoMo X-Callback-Url) is a hint:
      // ask the refund's status now.
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      RETURN_IF_ERROR(MakeRefundCheckDue(*tx, intent->id, now));
      RETURN_IF_ERROR(MarkInboxProcessed(*tx, item.id, now, "refund_hint"));
      RETURN_IF_ERROR(tx->Commit());
      metrics_.Count("payment_callbacks_total", item.provider, "refund_hint");
      ++handled;
      continue;
    }
    ++handled;
    PaymentProvider* p = provider(item.provider);
    auto remote =
        p ? p->Status({intent->reference, intent->provider_ref, intent->amount_xof})
          : Result<StatusResult>(Error::Unavailable("payment.provider_unavailable"_code, "provider not configured"));
    if (!remote || IsForeignAnswer(*remote, intent->reference)) {
      RETURN_IF_ERROR(retry_later(item));
      metrics_.Count("payment_status_queries_total", item.provider, remote ? "foreign_answer" : "unavailable");
      continue;
    }
    metrics_.Count("payment_status_queries_total", item.provider, RemoteStatusName(remote->status));
    auto applied = Apply(intent->id, *remote, item.id, AnswerSource::kCallback);
    if (!applied && applied.error().kind != ErrorKind::kConflict) return applied.error();
  }
  return handled;
}

}  // namespace origine::payments
