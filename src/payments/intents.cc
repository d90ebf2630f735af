// Intents: creation (committed before the provider is called), initiation,
// and the reads of exporters and staff (service.h).
#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.h"
#include "certificates/application_lookup.h"
#include "payments/crypto.h"
#include "payments/fees.h"
#include "payments/intent_store.h"
#include "payments/service.h"
#include "payments/service_internal.h"

namespace origine::payments {
namespace json = boost::json;
using internal::IsStaff;

namespace {

bool ValidIdempotencyKey(const std::string& k) {
  if (k.size() < 8 || k.size() > 128) return false;
  for (char c : k)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != ':' && c != '.') return false;
  return true;
}

Error NoApplication(int64_t id) {
  return Error::NotFound("application.not_found"_code, "no application " + std::to_string(id))
      .With("id", std::to_string(id));
}

}  // namespace

Result<json::object> PaymentService::CreateIntent(const Principal& who, int64_t application_id,
                                                  const std::string& provider_name, const std::string& msisdn_in,
                                                  const std::string& idempotency_key, const RequestMeta& meta,
                                                  bool* replayed) {
  *replayed = false;
  // Who may pay is the API's rule (api/authz_table.cc); an application is paid
  // by a user of its company.
  if (!who.company_id) return Error::Denied("payment.forbidden"_code, "only a company's users pay its applications");
  std::vector<FieldError> bad;
  if (!IsProviderName(provider_name))
    bad.push_back({"provider", "payment.provider_unknown"_code, "must be orange, wave, cinetpay or momo"});
  else if (!provider(provider_name))
    bad.push_back({"provider", "payment.provider_unavailable"_code, "this provider is not available"});
  std::string msisdn;
  for (char c : msisdn_in)
    if (c != ' ' && c != '+') msisdn += c;
  if (!msisdn.empty() &&
      (msisdn.size() < 8 || msisdn.size() > 15 || msisdn.find_first_not_of("0123456789") != std::string::npos))
    bad.push_back({"payer_msisdn",
                   "payment.msisdn_format"_code,
                   "must be a phone number (8 to 15 digits)",
                   {{"min", "8"}, {"max", "15"}}});
  if (provider_name == "momo" && msisdn.empty())
    bad.push_back({"payer_msisdn", "payment.msisdn_required"_code, "is required for MTN MoMo"});
  if (!idempotency_key.empty() && !ValidIdempotencyKey(idempotency_key))
    bad.push_back({"Idempotency-Key", "payment.idempotency_key_format"_code,
                   "8 to 128 characters among letters, digits, - _ : ."});
  if (!bad.empty()) return Error::Invalid("payment.invalid"_code, "the payment request is not valid", bad);

  const int64_t now = clock_.NowUnix();
  std::string reference;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    auto app = certificates::FindApplication(*tx, application_id);
    if (!app) return app.error().kind == ErrorKind::kNotFound ? NoApplication(application_id) : app.error();
    if (app->company_id != *who.company_id) return NoApplication(application_id);
    if (!idempotency_key.empty()) {
      ASSIGN_OR_RETURN(auto prior, FindIntentByIdempotencyKey(*tx, *who.company_id, idempotency_key));
      if (prior) {
        if (prior->application_id != application_id || prior->provider != provider_name)
          return Error::Invalid(
              "payment.idempotency_key_reused"_code, "this Idempotency-Key was used for another payment request",
              {{"Idempotency-Key", "payment.idempotency_key_reused"_code, "reused for another request"}});
        *replayed = true;
        return IntentJson(*tx, *prior, true);
      }
    }
    if (app->status != "awaiting_payment")
      return Error::Conflict("payment.not_awaiting"_code,
                             "only an application awaiting payment can be paid (it is " + app->status + ")")
          .With("status", app->status);
    ASSIGN_OR_RETURN(std::optional<std::string> open, OpenIntentOf(*tx, application_id));
    if (open)
      return Error::Conflict("payment.in_progress"_code, "a payment is already in progress for this application (" +
                                                             *open + "): finish or cancel it first")
          .With("reference", *open);
    ASSIGN_OR_RETURN(int64_t due, AmountDue(*tx, application_id, app->regime, now));
    if (due <= 0) return Error::Conflict("payment.nothing_due"_code, "nothing is due for this application");
    const std::string service = FeeService(app->kind);
    ASSIGN_OR_RETURN(Fee fee, FeeFor(options_.regimes, app->regime, service, FormatUtc(now, true)));
    reference = NewUuid();
    NewIntent n;
    n.reference = reference;
    n.application_id = application_id;
    n.company_id = *who.company_id;
    n.regime = app->regime;
    n.service = service;
    n.fee_code = fee.code;
    n.provider = provider_name;
    n.amount_xof = fee.amount_xof;
    n.state = State::kCreated;
    n.payer_msisdn = msisdn;
    n.idempotency_key = idempotency_key;
    n.created_by = who.user_id;
    n.created_at = now;
    n.expires_at = now + options_.intent_ttl_seconds;
    n.next_poll_at = now + 60;  // resolved by the worker if we stop before calling the provider
    RETURN_IF_ERROR(InsertIntent(*tx, n));
    RETURN_IF_ERROR(audit::Record(*tx, who, meta, now,
                                  {"payment.created", "payment_intent", reference,
                                   json::serialize(json::object{{"application_id", application_id},
                                                                {"provider", provider_name},
                                                                {"fee_code", fee.code},
                                                                {"amount_xof", fee.amount_xof}})}));
    RETURN_IF_ERROR(tx->Commit());
  }
  RETURN_IF_ERROR(Initiate(reference));
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(Intent i, FindIntentByReference(*tx, reference));
  return IntentJson(*tx, i, true);
}

Status PaymentService::Initiate(const std::string& reference) {
  Intent i;
  const int64_t now = clock_.NowUnix();
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(Intent created, FindIntentByReference(*tx, reference));
    // Committed before the call: a crash during it leaves "initiating",
    // which the poller resolves by a status query, never by a new POST.
    i = created;
    i.state = State::kInitiating;
    i.next_poll_at = now + options_.poll_initial_seconds;
    RETURN_IF_ERROR(Transition(*tx, created, i, now, "calling the provider"));
    RETURN_IF_ERROR(tx->Commit());
  }
  PaymentProvider* p = provider(i.provider);
  if (!p)
    return Error::Unavailable("payment.provider_unavailable"_code, "the provider " + i.provider + " is not configured")
        .With("provider", i.provider);
  const std::string base = PublicUrl();
  InitRequest req;
  req.reference = i.reference;
  req.amount_xof = i.amount_xof;
  req.description = "Certificat d'origine " + i.regime + " - demande " + std::to_string(i.application_id);
  req.return_url = base + "/applications/" + std::to_string(i.application_id) + "?payment=" + i.reference;
  req.cancel_url = req.return_url + "&cancelled=1";
  req.notify_url = base + "/api/v1/payments/callbacks/" + i.provider + "?ref=" + i.reference;
  req.payer_msisdn = i.payer_msisdn;
  InitResult res = p->Initiate(req);
  metrics_.Count("payment_initiations_total", i.provider,
                 res.outcome == InitOutcome::kAccepted   ? "accepted"
                 : res.outcome == InitOutcome::kRejected ? "rejected"
                                                         : "unclear");
  const int64_t after = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(Intent cur, FindIntent(*tx, i.id));
  if (cur.state != State::kInitiating) {
    // A callback and the worker resolved it during the call: keep what they
    // found, only remember the provider's handles.
    if (res.outcome == InitOutcome::kAccepted)
      RETURN_IF_ERROR(RememberProviderHandles(*tx, i.id, res.provider_ref, res.payment_url, res.notif_token));
    return tx->Commit();
  }
  Intent next = cur;
  std::string why;
  switch (res.outcome) {
    case InitOutcome::kAccepted:
      next.state = State::kPending;
      next.provider_ref = res.provider_ref;
      next.payment_url = res.payment_url;
      next.notif_token = res.notif_token;
      if (res.expires_at && *res.expires_at < next.expires_at) next.expires_at = *res.expires_at;
      next.next_poll_at = after + options_.poll_initial_seconds;
      next.last_error.clear();
      why = res.detail;
      break;
    case InitOutcome::kRejected:
      next.state = State::kFailed;
      next.last_error = res.detail;
      next.next_poll_at.reset();
      why = "refused by the provider: " + res.detail;
      break;
    case InitOutcome::kUnclear:
      next.state = State::kUnknown;
      next.last_error = res.detail;
      next.next_poll_at = after + 1;
      why = "no clear answer: " + res.detail;
      break;
  }
  RETURN_IF_ERROR(Transition(*tx, cur, next, after, why));
  RETURN_IF_ERROR(tx->Commit());
  if (res.outcome == InitOutcome::kUnclear) Wake();
  return {};
}

// ---- reads ---------------------------------------------------------------

Result<json::object> PaymentService::GetIntent(const Principal& who, const std::string& reference) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(Intent i, FindIntentByReference(*tx, reference));
  if (!IsStaff(who) && (!who.company_id || *who.company_id != i.company_id))
    return Error::NotFound("payment.not_found"_code, "no such payment");
  return IntentJson(*tx, i, !IsStaff(who));
}

Result<json::array> PaymentService::ListIntents(const Principal& who, int64_t application_id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  auto app = certificates::FindApplication(*tx, application_id);
  if (!app) return app.error().kind == ErrorKind::kNotFound ? NoApplication(application_id) : app.error();
  if (!IsStaff(who) && (!who.company_id || *who.company_id != app->company_id)) return NoApplication(application_id);
  ASSIGN_OR_RETURN(std::vector<Intent> intents, IntentsOfApplication(*tx, application_id, INT64_MAX));
  json::array out;
  for (const Intent& i : intents) {
    ASSIGN_OR_RETURN(json::object j, IntentJson(*tx, i, !IsStaff(who)));
    out.push_back(std::move(j));
  }
  return out;
}

Result<json::object> PaymentService::ListAll(const Principal& who, const std::string& state, const PageRequest& page) {
  if (!state.empty() && !ParseState(state))
    return Error::Invalid("payment.state_unknown"_code, "unknown state",
                          {{"state", "payment.state_unknown"_code, "not a payment state", {{"state", state}}}})
        .With("state", state);
  std::optional<int64_t> before;
  if (!page.cursor.empty()) {
    ASSIGN_OR_RETURN(PageKey after, DecodeCursor(internal::kPaymentsCursor, page.cursor));
    before = after.sort;
  }
  const int64_t limit = std::clamp(page.limit, 1, 500);
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  // One more than asked tells whether another page exists.
  ASSIGN_OR_RETURN(std::vector<Intent> intents, ListIntentsPage(*tx, state, before, limit + 1));
  json::value next = nullptr;
  if (static_cast<int64_t>(intents.size()) > limit) {
    intents.resize(limit);
    next = json::value(EncodeCursor(internal::kPaymentsCursor, {intents.back().id, ""}));
  }
  json::array out;
  for (const Intent& i : intents) {
    ASSIGN_OR_RETURN(json::object j, IntentJson(*tx, i, false));
    out.push_back(std::move(j));
  }
  return json::object{{"items", std::move(out)}, {"next_cursor", std::move(next)}};
}

Result<json::object> PaymentService::Check(const Principal& who, const std::string& reference) {
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(Intent i, FindIntentByReference(*tx, reference));
    if (who.role != Role::kExporter || !who.company_id || *who.company_id != i.company_id)
      return Error::NotFound("payment.not_found"_code, "no such payment");
    if (IsOpen(i.state)) {
      Intent due = i;
      due.next_poll_at = clock_.NowUnix();
      RETURN_IF_ERROR(UpdateIntent(*tx, i, due));
    }
    RETURN_IF_ERROR(tx->Commit());
  }
  Wake();
  return GetIntent(who, reference);
}

}  // namespace origine::payments
