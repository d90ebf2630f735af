#include "payments/service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>

#include "audit/audit.h"
#include "core/log.h"
#include "payments/crypto.h"
#include "payments/ledger.h"
#include "render/report_pdf.h"

namespace origine::payments {
namespace json = boost::json;

namespace {

const RequestMeta kWorkerMeta{"payments-worker", "", "origine payments"};

// Cursor kinds (core/paging.h): a cursor of one listing is refused by another.
constexpr const char* kPaymentsCursor = "pay";
constexpr const char* kLedgerCursor = "ledger";

bool IsStaff(const Principal& p) { return p.role != Role::kExporter; }

std::string Money(int64_t xof) {
  std::string digits = std::to_string(xof < 0 ? -xof : xof), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202f";
    out += digits[i];
  }
  return (xof < 0 ? "-" : "") + out + " FCFA";
}

const char* ProviderLabel(const std::string& p) {
  if (p == "orange") return "Orange Money";
  if (p == "wave") return "Wave";
  if (p == "cinetpay") return "Moov Money (CinetPay)";
  if (p == "momo") return "MTN MoMo";
  return "";
}

// The fee's service for an application: its kind (migration 400) named as in the regime data.
Result<std::string> ServiceOf(storage::Tx& tx, int64_t application_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT kind FROM applications WHERE id = ?", {application_id}));
  if (rows.empty()) return Error::NotFound("no application " + std::to_string(application_id));
  const std::string& kind = rows[0].Text(0);
  if (kind == "amendment") return std::string("amendment");
  if (kind == "duplicate") return std::string("duplicata");
  return std::string("issue");
}

bool ValidIdempotencyKey(const std::string& k) {
  if (k.size() < 8 || k.size() > 128) return false;
  for (char c : k)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != ':' && c != '.') return false;
  return true;
}

}  // namespace

// ---- metrics -----------------------------------------------------------

void PaymentMetrics::Count(const std::string& name, const std::string& provider, const std::string& outcome) {
  std::lock_guard<std::mutex> g(mu_);
  ++counts_[{name, provider, outcome}];
}

std::string PaymentMetrics::Render() const {
  std::lock_guard<std::mutex> g(mu_);
  std::string out;
  std::string last;
  for (const auto& [key, n] : counts_) {
    const auto& [name, provider, outcome] = key;
    if (name != last) {
      out += "# TYPE origine_" + name + " counter\n";
      last = name;
    }
    out +=
        "origine_" + name + "{provider=\"" + provider + "\",outcome=\"" + outcome + "\"} " + std::to_string(n) + "\n";
  }
  return out;
}

// ---- intents -----------------------------------------------------------

struct PaymentService::Intent {
  int64_t id = 0;
  std::string reference;
  int64_t application_id = 0, company_id = 0;
  std::string regime, service, fee_code, provider;
  int64_t amount_xof = 0;
  State state = State::kCreated;
  std::string payer_msisdn, provider_ref, provider_txn, payment_url, notif_token, idempotency_key, review, last_error;
  int64_t created_by = 0, created_at = 0, updated_at = 0, expires_at = 0;
  std::optional<int64_t> next_poll_at;
  int64_t poll_attempts = 0;
  // Refund (migration 320): refund_state is "" (none), manual, requested,
  // retry, sent, unclear, refused or done.
  std::string refund_reference, refund_state, refund_reason, refund_provider_id;
  int64_t refund_requested_at = 0, refund_attempts = 0;
  std::optional<int64_t> refund_next_check_at;
};

namespace {
constexpr const char* kIntentColumns =
    "SELECT id, reference, application_id, company_id, regime, service, fee_code, provider, amount_xof, state, "
    "COALESCE(payer_msisdn, ''), COALESCE(provider_ref, ''), COALESCE(provider_txn, ''), COALESCE(payment_url, ''), "
    "COALESCE(notif_token, ''), COALESCE(idempotency_key, ''), COALESCE(review, ''), COALESCE(last_error, ''), "
    "created_by, created_at, updated_at, expires_at, next_poll_at, poll_attempts, COALESCE(refund_reference, ''), "
    "COALESCE(refund_state, ''), COALESCE(refund_reason, ''), COALESCE(refund_provider_id, ''), "
    "COALESCE(refund_requested_at, 0), refund_attempts, refund_next_check_at FROM payment_intents ";
}  // namespace

PaymentService::PaymentService(storage::Db& db, const Clock& clock,
                               std::map<std::string, std::unique_ptr<PaymentProvider>> providers,
                               PaymentsOptions options)
    : db_(db), clock_(clock), providers_(std::move(providers)), options_(std::move(options)) {}

PaymentService::~PaymentService() { StopWorker(); }

void PaymentService::SetPublicUrl(const std::string& url) {
  std::lock_guard<std::mutex> g(url_mu_);
  options_.public_url = url;
}

std::vector<std::string> PaymentService::EnabledProviders() const {
  std::vector<std::string> out;
  for (const auto& n : ProviderNames())
    if (providers_.count(n)) out.push_back(n);
  return out;
}

PaymentProvider* PaymentService::provider(const std::string& name) const {
  auto it = providers_.find(name);
  return it == providers_.end() ? nullptr : it->second.get();
}

Result<PaymentService::Intent> PaymentService::Load(storage::Tx& tx, const std::string& where,
                                                    const storage::Params& params) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kIntentColumns) + where, params));
  if (rows.empty()) return Error::NotFound("no such payment");
  const auto& r = rows[0];
  Intent i;
  i.id = r.Int(0);
  i.reference = r.Text(1);
  i.application_id = r.Int(2);
  i.company_id = r.Int(3);
  i.regime = r.Text(4);
  i.service = r.Text(5);
  i.fee_code = r.Text(6);
  i.provider = r.Text(7);
  i.amount_xof = r.Int(8);
  auto st = ParseState(r.Text(9));
  if (!st) return Error::Internal("payment " + i.reference + " has an unknown state");
  i.state = *st;
  i.payer_msisdn = r.Text(10);
  i.provider_ref = r.Text(11);
  i.provider_txn = r.Text(12);
  i.payment_url = r.Text(13);
  i.notif_token = r.Text(14);
  i.idempotency_key = r.Text(15);
  i.review = r.Text(16);
  i.last_error = r.Text(17);
  i.created_by = r.Int(18);
  i.created_at = r.Int(19);
  i.updated_at = r.Int(20);
  i.expires_at = r.Int(21);
  if (!r.IsNull(22)) i.next_poll_at = r.Int(22);
  i.poll_attempts = r.Int(23);
  i.refund_reference = r.Text(24);
  i.refund_state = r.Text(25);
  i.refund_reason = r.Text(26);
  i.refund_provider_id = r.Text(27);
  i.refund_requested_at = r.Int(28);
  i.refund_attempts = r.Int(29);
  if (!r.IsNull(30)) i.refund_next_check_at = r.Int(30);
  return i;
}

Result<json::object> PaymentService::IntentJson(storage::Tx& tx, const Intent& i, bool owner) {
  json::object o{{"reference", i.reference},
                 {"application_id", i.application_id},
                 {"provider", i.provider},
                 {"provider_label", ProviderLabel(i.provider)},
                 {"service", i.service},
                 {"fee_code", i.fee_code},
                 {"amount_xof", i.amount_xof},
                 {"currency", "XOF"},
                 {"state", StateName(i.state)},
                 {"created_at", FormatUtc(i.created_at)},
                 {"updated_at", FormatUtc(i.updated_at)},
                 {"expires_at", FormatUtc(i.expires_at)}};
  // The payment page is for the payer only, and only while it can be used.
  o["payment_url"] =
      owner && i.state == State::kPending && !i.payment_url.empty() ? json::value(i.payment_url) : json::value(nullptr);
  o["review"] = i.review.empty() ? json::value(nullptr) : json::value(i.review);
  o["provider_transaction"] = i.provider_txn.empty() ? json::value(nullptr) : json::value(i.provider_txn);
  ASSIGN_OR_RETURN(auto rec, tx.Query("SELECT number FROM receipts WHERE intent_id = ?", {i.id}));
  o["receipt_number"] = rec.empty() ? json::value(nullptr) : json::value(rec[0].Text(0));
  o["refund_mode"] = RefundMode(i.provider);
  if (i.refund_state.empty()) {
    o["refund"] = nullptr;
  } else {
    json::object r{
        {"state", i.refund_state},
        {"mode", i.refund_state == "manual" ? "manual" : "provider"},
        {"reference", i.refund_reference.empty() ? json::value(nullptr) : json::value(i.refund_reference)},
        {"provider_refund_id", i.refund_provider_id.empty() ? json::value(nullptr) : json::value(i.refund_provider_id)},
        {"requested_at", i.refund_requested_at ? json::value(FormatUtc(i.refund_requested_at)) : json::value(nullptr)},
        {"attempts", i.refund_attempts}};
    if (!owner) r["reason"] = i.refund_reason;
    o["refund"] = std::move(r);
  }
  // What went wrong last (provider paths and HTTP statuses only): staff only.
  if (!owner) o["last_error"] = i.last_error.empty() ? json::value(nullptr) : json::value(i.last_error);
  return o;
}

std::string PaymentService::RefundMode(const std::string& provider_name) const {
  PaymentProvider* p = provider(provider_name);
  return p && p->HasRefundApi() ? "provider" : "manual";
}

Status PaymentService::Move(storage::Tx& tx, const Intent& i, State to, int64_t now, const std::string& extra_sets,
                            const storage::Params& extra, const std::string& why) {
  if (!CanTransition(i.state, to))
    return Error::Conflict(std::string("a payment cannot go from ") + StateName(i.state) + " to " + StateName(to));
  storage::Params params = {std::string(StateName(to)), now};
  params.insert(params.end(), extra.begin(), extra.end());
  params.push_back(i.id);
  params.push_back(std::string(StateName(i.state)));
  ASSIGN_OR_RETURN(int64_t n, tx.Exec("UPDATE payment_intents SET state = ?, updated_at = ?" + extra_sets +
                                          " WHERE id = ? AND state = ?",
                                      params));
  if (n != 1) return Error::Conflict("the payment changed meanwhile");
  metrics_.Count("payment_transitions_total", i.provider, StateName(to));
  return audit::Record(
      tx, std::nullopt, kWorkerMeta, now,
      {std::string("payment.") + StateName(to), "payment_intent", i.reference,
       json::serialize(json::object{{"state", {{"before", StateName(i.state)}, {"after", StateName(to)}}},
                                    {"application_id", i.application_id},
                                    {"provider", i.provider},
                                    {"amount_xof", i.amount_xof},
                                    {"why", why}})});
}

// ---- payment gate ------------------------------------------------------

Result<int64_t> PaymentService::AmountDue(storage::Tx& tx, int64_t application_id, const std::string& regime,
                                          int64_t now) {
  ASSIGN_OR_RETURN(std::string service, ServiceOf(tx, application_id));
  auto fee = FeeFor(options_.regimes, regime, service, FormatUtc(now, true));
  if (!fee) return fee.error().kind == ErrorKind::kNotFound ? Result<int64_t>(0) : Result<int64_t>(fee.error());
  ASSIGN_OR_RETURN(auto paid, tx.Query("SELECT COUNT(*) FROM payment_intents WHERE application_id = ? AND service = ? "
                                       "AND state = 'succeeded'",
                                       {application_id, service}));
  return paid[0].Int(0) > 0 ? 0 : fee->amount_xof;
}

Result<json::object> PaymentService::View(storage::Tx& tx, int64_t application_id, const std::string& status) {
  ASSIGN_OR_RETURN(auto app, tx.Query("SELECT regime, created_at FROM applications WHERE id = ?", {application_id}));
  if (app.empty()) return Error::NotFound("no application");
  json::object o;
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string(kIntentColumns) + "WHERE application_id = ? ORDER BY id DESC LIMIT 20", {application_id}));
  json::array intents;
  bool paid = false, open = false;
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(Intent i, Load(tx, "WHERE id = ?", {r.Int(0)}));
    paid = paid || i.state == State::kSucceeded || i.state == State::kRefundPending || i.state == State::kRefunded;
    open = open || IsOpen(i.state);
    ASSIGN_OR_RETURN(json::object j, IntentJson(tx, i, true));
    intents.push_back(std::move(j));
  }
  ASSIGN_OR_RETURN(std::string service, ServiceOf(tx, application_id));
  auto fee = FeeFor(options_.regimes, std::string(app[0].Text(0)), service, FormatUtc(clock_.NowUnix(), true));
  if (fee) {
    o["fee"] = {{"code", fee->code},
                {"label_fr", fee->label_fr},
                {"label_en", fee->label_en},
                {"amount_xof", fee->amount_xof},
                {"regime_version", fee->regime_version}};
    o["amount_xof"] = fee->amount_xof;
  } else {
    o["fee"] = nullptr;
    o["amount_xof"] = 0;
  }
  std::string s;
  if (paid)
    s = "paid";
  else if (!fee)
    s = "not_required";
  else if (status == "awaiting_payment")
    s = open ? "pending" : "due";
  else if (status == "draft" || status == "returned")
    s = "due_on_submit";
  else
    s = "not_required";  // reviewed before payments existed
  o["status"] = s;
  o["intents"] = std::move(intents);
  json::array providers;
  for (const auto& n : EnabledProviders()) providers.push_back({{"code", n}, {"label", ProviderLabel(n)}});
  o["providers"] = std::move(providers);
  return o;
}

Result<json::object> PaymentService::Fees(const std::string& regime, const std::string& date_in) {
  const std::string date = date_in.empty() ? FormatUtc(clock_.NowUnix(), true) : date_in;
  ASSIGN_OR_RETURN(std::vector<Fee> fees, FeesFor(options_.regimes, regime, date));
  json::array items;
  for (const auto& f : fees)
    items.push_back({{"code", f.code},
                     {"label_fr", f.label_fr},
                     {"label_en", f.label_en},
                     {"service", f.service},
                     {"form", f.form.empty() ? json::value(nullptr) : json::value(f.form)},
                     {"amount_xof", f.amount_xof},
                     {"currency", "XOF"}});
  std::string version, from;
  if (!fees.empty()) {
    version = fees[0].regime_version;
    from = fees[0].effective_from;
  }
  return json::object{{"regime", regime},
                      {"date", date},
                      {"regime_version", version},
                      {"effective_from", from},
                      {"items", std::move(items)}};
}

// ---- create --------------------------------------------------------------

Result<json::object> PaymentService::CreateIntent(const Principal& who, int64_t application_id,
                                                  const std::string& provider_name, const std::string& msisdn_in,
                                                  const std::string& idempotency_key, const RequestMeta& meta,
                                                  bool* replayed) {
  *replayed = false;
  if (who.role != Role::kExporter || !who.company_id) return Error::Denied("only the exporter pays its application");
  std::vector<FieldError> bad;
  if (!IsProviderName(provider_name))
    bad.push_back({"provider", "must be orange, wave, cinetpay or momo"});
  else if (!provider(provider_name))
    bad.push_back({"provider", "this provider is not available"});
  std::string msisdn;
  for (char c : msisdn_in)
    if (c != ' ' && c != '+') msisdn += c;
  if (!msisdn.empty() &&
      (msisdn.size() < 8 || msisdn.size() > 15 || msisdn.find_first_not_of("0123456789") != std::string::npos))
    bad.push_back({"payer_msisdn", "must be a phone number (8 to 15 digits)"});
  if (provider_name == "momo" && msisdn.empty()) bad.push_back({"payer_msisdn", "is required for MTN MoMo"});
  if (!idempotency_key.empty() && !ValidIdempotencyKey(idempotency_key))
    bad.push_back({"Idempotency-Key", "8 to 128 characters among letters, digits, - _ : ."});
  if (!bad.empty()) return Error::Invalid("the payment request is not valid", bad);

  const int64_t now = clock_.NowUnix();
  std::string reference;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(auto app,
                     tx->Query("SELECT company_id, status, regime FROM applications WHERE id = ?", {application_id}));
    if (app.empty() || app[0].Int(0) != *who.company_id)
      return Error::NotFound("no application " + std::to_string(application_id));
    if (!idempotency_key.empty()) {
      auto prior = Load(*tx, "WHERE company_id = ? AND idempotency_key = ?", {*who.company_id, idempotency_key});
      if (prior) {
        if (prior->application_id != application_id || prior->provider != provider_name)
          return Error::Invalid("this Idempotency-Key was used for another payment request",
                                {{"Idempotency-Key", "reused for another request"}});
        *replayed = true;
        return IntentJson(*tx, *prior, true);
      }
    }
    if (app[0].Text(1) != "awaiting_payment")
      return Error::Conflict("only an application awaiting payment can be paid (it is " + app[0].Text(1) + ")");
    ASSIGN_OR_RETURN(auto open, tx->Query("SELECT reference FROM payment_intents WHERE application_id = ? AND state IN "
                                          "('created', 'initiating', 'pending', 'unknown')",
                                          {application_id}));
    if (!open.empty())
      return Error::Conflict("a payment is already in progress for this application (" + open[0].Text(0) +
                             "): finish or cancel it first");
    ASSIGN_OR_RETURN(int64_t due, AmountDue(*tx, application_id, app[0].Text(2), now));
    if (due <= 0) return Error::Conflict("nothing is due for this application");
    ASSIGN_OR_RETURN(std::string service, ServiceOf(*tx, application_id));
    ASSIGN_OR_RETURN(Fee fee, FeeFor(options_.regimes, app[0].Text(2), service, FormatUtc(now, true)));
    reference = NewUuid();
    RETURN_IF_ERROR(tx->Exec(
        "INSERT INTO payment_intents (reference, application_id, company_id, regime, service, fee_code, provider, "
        "amount_xof, state, payer_msisdn, idempotency_key, created_by, created_at, updated_at, expires_at, "
        "next_poll_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'created', ?, ?, ?, ?, ?, ?, ?)",
        {reference, application_id, *who.company_id, app[0].Text(2), service, fee.code, provider_name, fee.amount_xof,
         msisdn.empty() ? storage::Value(nullptr) : storage::Value(msisdn),
         idempotency_key.empty() ? storage::Value(nullptr) : storage::Value(idempotency_key), who.user_id, now, now,
         now + options_.intent_ttl_seconds, now + 60}));
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
  ASSIGN_OR_RETURN(Intent i, Load(*tx, "WHERE reference = ?", {reference}));
  return IntentJson(*tx, i, true);
}

Status PaymentService::Initiate(const std::string& reference) {
  Intent i;
  const int64_t now = clock_.NowUnix();
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(i, Load(*tx, "WHERE reference = ?", {reference}));
    // Committed before the call: a crash during it leaves "initiating",
    // which the poller resolves by a status query, never by a new POST.
    RETURN_IF_ERROR(Move(*tx, i, State::kInitiating, now, ", next_poll_at = ?", {now + options_.poll_initial_seconds},
                         "calling the provider"));
    RETURN_IF_ERROR(tx->Commit());
    i.state = State::kInitiating;
  }
  PaymentProvider* p = provider(i.provider);
  if (!p) return Error::Unavailable("the provider " + i.provider + " is not configured");
  std::string base;
  {
    std::lock_guard<std::mutex> g(url_mu_);
    base = options_.public_url;
  }
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
  ASSIGN_OR_RETURN(Intent cur, Load(*tx, "WHERE id = ?", {i.id}));
  if (cur.state != State::kInitiating) {
    // A callback and the worker resolved it during the call: keep what they
    // found, only remember the provider's handles.
    if (res.outcome == InitOutcome::kAccepted)
      RETURN_IF_ERROR(
          tx->Exec("UPDATE payment_intents SET provider_ref = COALESCE(provider_ref, ?), payment_url = "
                   "COALESCE(payment_url, ?), notif_token = COALESCE(notif_token, ?) WHERE id = ?",
                   {res.provider_ref, res.payment_url, res.notif_token, i.id}));
    return tx->Commit();
  }
  switch (res.outcome) {
    case InitOutcome::kAccepted: {
      int64_t expires = cur.expires_at;
      if (res.expires_at && *res.expires_at < expires) expires = *res.expires_at;
      RETURN_IF_ERROR(Move(*tx, cur, State::kPending, after,
                           ", provider_ref = ?, payment_url = ?, notif_token = ?, expires_at = ?, next_poll_at = ?, "
                           "last_error = NULL",
                           {res.provider_ref, res.payment_url,
                            res.notif_token.empty() ? storage::Value(nullptr) : storage::Value(res.notif_token),
                            expires, after + options_.poll_initial_seconds},
                           res.detail));
      break;
    }
    case InitOutcome::kRejected:
      RETURN_IF_ERROR(Move(*tx, cur, State::kFailed, after, ", last_error = ?, next_poll_at = NULL", {res.detail},
                           "refused by the provider: " + res.detail));
      break;
    case InitOutcome::kUnclear:
      RETURN_IF_ERROR(Move(*tx, cur, State::kUnknown, after, ", last_error = ?, next_poll_at = ?",
                           {res.detail, after + 1}, "no clear answer: " + res.detail));
      break;
  }
  RETURN_IF_ERROR(tx->Commit());
  if (res.outcome == InitOutcome::kUnclear) Wake();
  return {};
}

// ---- reads ---------------------------------------------------------------

Result<json::object> PaymentService::GetIntent(const Principal& who, const std::string& reference) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(Intent i, Load(*tx, "WHERE reference = ?", {reference}));
  if (!IsStaff(who) && (!who.company_id || *who.company_id != i.company_id)) return Error::NotFound("no such payment");
  return IntentJson(*tx, i, !IsStaff(who));
}

Result<json::array> PaymentService::ListIntents(const Principal& who, int64_t application_id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto app, tx->Query("SELECT company_id FROM applications WHERE id = ?", {application_id}));
  if (app.empty() || (!IsStaff(who) && (!who.company_id || *who.company_id != app[0].Int(0))))
    return Error::NotFound("no application " + std::to_string(application_id));
  ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT id FROM payment_intents WHERE application_id = ? ORDER BY id DESC",
                                        {application_id}));
  json::array out;
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(Intent i, Load(*tx, "WHERE id = ?", {r.Int(0)}));
    ASSIGN_OR_RETURN(json::object j, IntentJson(*tx, i, !IsStaff(who)));
    out.push_back(std::move(j));
  }
  return out;
}

Result<json::object> PaymentService::ListAll(const Principal& who, const std::string& state, const PageRequest& page) {
  if (!IsStaff(who)) return Error::Denied("only staff list every payment");
  if (!state.empty() && !ParseState(state)) return Error::Invalid("unknown state", {{"state", "not a payment state"}});
  std::string sql = "SELECT id FROM payment_intents WHERE 1 = 1 ";
  storage::Params params;
  if (!state.empty()) {
    sql += "AND state = ? ";
    params.push_back(state);
  }
  if (!page.cursor.empty()) {
    ASSIGN_OR_RETURN(PageKey after, DecodeCursor(kPaymentsCursor, page.cursor));
    sql += "AND id < ? ";
    params.push_back(after.sort);
  }
  const int64_t limit = std::clamp(page.limit, 1, 500);
  sql += "ORDER BY id DESC LIMIT ?";
  params.push_back(limit + 1);  // one more tells whether another page exists
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  json::value next = nullptr;
  if (static_cast<int64_t>(rows.size()) > limit) {
    rows.erase(rows.begin() + limit, rows.end());
    next = json::value(EncodeCursor(kPaymentsCursor, {rows.back().Int(0), ""}));
  }
  json::array out;
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(Intent i, Load(*tx, "WHERE id = ?", {r.Int(0)}));
    ASSIGN_OR_RETURN(json::object j, IntentJson(*tx, i, false));
    out.push_back(std::move(j));
  }
  return json::object{{"items", std::move(out)}, {"next_cursor", std::move(next)}};
}

Result<json::object> PaymentService::Check(const Principal& who, const std::string& reference) {
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(Intent i, Load(*tx, "WHERE reference = ?", {reference}));
    if (who.role != Role::kExporter || !who.company_id || *who.company_id != i.company_id)
      return Error::NotFound("no such payment");
    if (IsOpen(i.state))
      RETURN_IF_ERROR(tx->Exec("UPDATE payment_intents SET next_poll_at = ? WHERE id = ? AND state = ?",
                               {clock_.NowUnix(), i.id, std::string(StateName(i.state))}));
    RETURN_IF_ERROR(tx->Commit());
  }
  Wake();
  return GetIntent(who, reference);
}

// ---- callbacks -----------------------------------------------------------

PaymentService::CallbackAnswer PaymentService::ReceiveCallback(const std::string& name, const CallbackRequest& req) {
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
        auto rows =
            (*tx)->Query("SELECT COALESCE(notif_token, '') FROM payment_intents WHERE reference = ? AND provider = ?",
                         {ref->second, name});
        if (rows && !rows->empty()) expected = (*rows)[0].Text(0);
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
  auto stored = [&]() -> Result<int64_t> {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(
        int64_t n,
        tx->Exec("INSERT INTO payment_inbox (provider, event_key, reference, received_at, "
                 "content_type, raw_body, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (provider, event_key) DO NOTHING",
                 {name, check.event_key,
                  check.reference.empty() ? storage::Value(nullptr) : storage::Value(check.reference), req.now,
                  req.content_type, storage::Blob{std::vector<uint8_t>(req.body.begin(), req.body.end())}, req.now}));
    if (check.reference.empty() && !check.provider_ref.empty() && n == 1)
      RETURN_IF_ERROR(
          tx->Exec("UPDATE payment_inbox SET reference = (SELECT reference FROM payment_intents WHERE "
                   "provider = ? AND provider_ref = ?) WHERE provider = ? AND event_key = ?",
                   {name, check.provider_ref, name, check.event_key}));
    RETURN_IF_ERROR(tx->Commit());
    return n;
  }();
  if (!stored) {
    metrics_.Count("payment_callbacks_total", name, "store_failed");
    log::Error("payment callback not stored", {{"provider", name}, {"error", stored.error().message}});
    return {503, "store_failed"};
  }
  const char* outcome = *stored == 1 ? "accepted" : "duplicate";
  metrics_.Count("payment_callbacks_total", name, outcome);
  if (*stored == 1) Wake();
  return {200, outcome};
}

// ---- applying the provider's answer -------------------------------------

Status PaymentService::Apply(int64_t intent_id, const StatusResult& remote, std::optional<int64_t> inbox_id,
                             const std::string& source) {
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(Intent i, Load(*tx, "WHERE id = ?", {intent_id}));
  auto mark_inbox = [&](const std::string& outcome) -> Status {
    if (!inbox_id) return {};
    RETURN_IF_ERROR(
        tx->Exec("UPDATE payment_inbox SET processed_at = ?, outcome = ? WHERE id = ?", {now, outcome, *inbox_id}));
    return {};
  };
  auto backoff = [&](int64_t attempts) {
    if (!IsOpen(i.state) || now > i.expires_at) return now + options_.poll_max_seconds;  // watching for a late success
    int64_t wait = options_.poll_initial_seconds;
    for (int64_t k = 0; k < attempts && wait < options_.poll_max_seconds; ++k) wait *= 2;
    return now + std::min(wait, options_.poll_max_seconds);
  };
  const std::string why = source + ": provider says " + RemoteStatusName(remote.status) +
                          (remote.detail.empty() ? "" : " (" + remote.detail + ")");
  std::string outcome = "no_change";

  if (remote.status == RemoteStatus::kSucceeded) {
    if (remote.amount_xof && *remote.amount_xof != i.amount_xof) {
      // Never accept a different amount: the intent fails (open) and a
      // person reviews the money the provider holds (reconciliation shows it).
      if (i.review != "amount_mismatch") {
        const std::string reported = "provider reports " + std::to_string(*remote.amount_xof) + " XOF";
        if (IsOpen(i.state) && CanTransition(i.state, State::kFailed)) {
          RETURN_IF_ERROR(Move(*tx, i, State::kFailed, now, "", {}, why + ", " + reported));
        }
        RETURN_IF_ERROR(
            tx->Exec("UPDATE payment_intents SET review = 'amount_mismatch', next_poll_at = NULL, "
                     "last_error = ? WHERE id = ?",
                     {reported, i.id}));
        RETURN_IF_ERROR(audit::Record(*tx, std::nullopt, kWorkerMeta, now,
                                      {"payment.review", "payment_intent", i.reference,
                                       json::serialize(json::object{{"review", "amount_mismatch"},
                                                                    {"expected_xof", i.amount_xof},
                                                                    {"reported_xof", *remote.amount_xof}})}));
      }
      outcome = "amount_mismatch";
    } else if (IsOpen(i.state) && i.state != State::kCreated) {
      RETURN_IF_ERROR(Move(*tx, i, State::kSucceeded, now, ", provider_txn = ?, next_poll_at = NULL, last_error = NULL",
                           {remote.provider_txn}, why));
      ASSIGN_OR_RETURN(int64_t entry, Post(*tx,
                                           {"payment",
                                            i.id,
                                            "Paiement " + i.reference + " (" + i.fee_code + ")",
                                            {{ClearingAccount(i.provider), i.amount_xof}, {kRevenue, -i.amount_xof}}},
                                           now));
      (void)entry;
      // The receipt number: gapless per year, in this transaction.
      const int64_t year = std::stoll(FormatUtc(now, true).substr(0, 4));
      ASSIGN_OR_RETURN(auto seq, tx->Query("INSERT INTO receipt_sequences (year, last_value) VALUES (?, 1) ON CONFLICT "
                                           "(year) DO UPDATE SET last_value = receipt_sequences.last_value + 1 "
                                           "RETURNING last_value",
                                           {year}));
      char number[32];
      std::snprintf(number, sizeof number, "RC-%lld-%06lld", static_cast<long long>(year),
                    static_cast<long long>(seq[0].Int(0)));
      RETURN_IF_ERROR(tx->Exec("INSERT INTO receipts (number, intent_id, issued_at) VALUES (?, ?, ?)",
                               {std::string(number), i.id, now}));
      Status paid = certificates::MarkPaid(*tx, i.application_id, i.created_by, i.reference, now);
      if (!paid) {
        if (paid.error().kind != ErrorKind::kConflict) return paid.error();
        // Paid twice (another intent won): keep the money visible for a refund.
        RETURN_IF_ERROR(tx->Exec("UPDATE payment_intents SET review = 'already_paid' WHERE id = ?", {i.id}));
      }
      outcome = "succeeded";
    } else if (i.state == State::kExpired || i.state == State::kFailed || i.state == State::kCancelled) {
      RETURN_IF_ERROR(Move(*tx, i, State::kLateSuccess, now,
                           ", provider_txn = ?, next_poll_at = NULL, review = 'refund_or_review'",
                           {remote.provider_txn}, why));
      RETURN_IF_ERROR(Post(*tx,
                           {"late_payment",
                            i.id,
                            "Paiement tardif " + i.reference + " (à rembourser)",
                            {{ClearingAccount(i.provider), i.amount_xof}, {kSuspense, -i.amount_xof}}},
                           now)
                              .ok()
                          ? Status()
                          : Status(Error::Conflict("late payment posted already")));
      outcome = "late_success";
    }
  } else if (remote.status == RemoteStatus::kFailed) {
    if (i.state == State::kPending || i.state == State::kUnknown || i.state == State::kInitiating) {
      RETURN_IF_ERROR(
          Move(*tx, i, State::kFailed, now, ", next_poll_at = ?", {i.expires_at + options_.late_window_seconds}, why));
      outcome = "failed";
    }
  } else if (remote.status == RemoteStatus::kExpired) {
    if (i.state == State::kPending || i.state == State::kUnknown) {
      RETURN_IF_ERROR(Move(*tx, i, State::kExpired, now, ", next_poll_at = ?", {backoff(i.poll_attempts)}, why));
      outcome = "expired";
    }
  } else {  // pending or not found
    const bool nothing_there = remote.status == RemoteStatus::kNotFound;
    if ((i.state == State::kUnknown || i.state == State::kInitiating) && !nothing_there && !i.provider_ref.empty()) {
      RETURN_IF_ERROR(Move(*tx, i, State::kPending, now, ", next_poll_at = ?", {backoff(0)}, why));
      outcome = "pending";
    } else if (IsOpen(i.state) && now > i.expires_at && i.state != State::kCreated && i.state != State::kInitiating) {
      // Past our deadline with no success: expired; keep asking for a while.
      RETURN_IF_ERROR(Move(*tx, i, State::kExpired, now, ", next_poll_at = ?", {backoff(i.poll_attempts)}, why));
      outcome = "expired";
    } else if (IsOpen(i.state)) {
      RETURN_IF_ERROR(
          tx->Exec("UPDATE payment_intents SET next_poll_at = ?, poll_attempts = poll_attempts + 1 WHERE id = ?",
                   {std::min(backoff(i.poll_attempts + 1), std::max(i.expires_at, now + 1)), i.id}));
    }
  }
  if (outcome == "no_change" && !IsOpen(i.state) && i.next_poll_at) {
    // A closed intent watched for a late success, and no news: the watch
    // moves on (every poll_max_seconds, the last ask at the window's end) or
    // ends. Never left due: a due watch would be asked again at every worker
    // round and, oldest first, keep the later watches from ever being asked.
    const int64_t end = i.expires_at + options_.late_window_seconds;
    const storage::Value next =
        now >= end ? storage::Value(nullptr) : storage::Value(std::min(now + options_.poll_max_seconds, end));
    RETURN_IF_ERROR(tx->Exec(
        "UPDATE payment_intents SET next_poll_at = ?, poll_attempts = poll_attempts + 1 WHERE id = ?", {next, i.id}));
  }
  RETURN_IF_ERROR(mark_inbox(outcome));
  return tx->Commit();
}

void PaymentService::ScheduleRetry(int64_t intent_id, int attempts) {
  auto tx = db_.Begin();
  if (!tx) return;
  int64_t wait = std::min<int64_t>(options_.poll_initial_seconds << std::min(attempts, 10), options_.poll_max_seconds);
  (void)(*tx)->Exec("UPDATE payment_intents SET next_poll_at = ?, poll_attempts = poll_attempts + 1 WHERE id = ?",
                    {clock_.NowUnix() + wait, intent_id});
  (void)(*tx)->Commit();
}

Result<int> PaymentService::ProcessInbox(int max_items) {
  const int64_t now = clock_.NowUnix();
  std::vector<std::tuple<int64_t, std::string, std::string, int64_t>> items;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT id, provider, COALESCE(reference, ''), attempts FROM payment_inbox "
                                          "WHERE processed_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?",
                                          {now, static_cast<int64_t>(max_items)}));
    for (const auto& r : rows) items.emplace_back(r.Int(0), r.Text(1), r.Text(2), r.Int(3));
  }
  int handled = 0;
  for (const auto& [inbox_id, prov, reference, attempts] : items) {
    std::optional<Intent> intent;
    {
      ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
      auto i = Load(*tx, "WHERE reference = ? AND provider = ?", {reference, prov});
      if (i)
        intent = *i;
      else if (i.error().kind != ErrorKind::kNotFound)
        return i.error();
    }
    if (!intent) {
      // Unknown reference: parked and retried a few times, then given up.
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      const bool give_up = attempts >= 4;
      RETURN_IF_ERROR(
          tx->Exec("UPDATE payment_inbox SET attempts = attempts + 1, next_attempt_at = ?, processed_at = ?, "
                   "outcome = ? WHERE id = ?",
                   {now + 5 * (attempts + 1), give_up ? storage::Value(now) : storage::Value(nullptr),
                    give_up ? storage::Value("unknown_reference") : storage::Value(nullptr), inbox_id}));
      RETURN_IF_ERROR(tx->Commit());
      if (give_up) {
        metrics_.Count("payment_callbacks_total", prov, "unknown_reference");
        log::Warn("payment callback for no known payment", {{"provider", prov}});
      }
      ++handled;
      continue;
    }
    if (intent->state == State::kRefundPending) {
      // A callback about a refund in flight (MoMo X-Callback-Url) is a hint:
      // ask the refund's status now.
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      RETURN_IF_ERROR(
          tx->Exec("UPDATE payment_intents SET refund_next_check_at = ? WHERE id = ? AND state = "
                   "'refund_pending' AND refund_state IN ('sent', 'unclear')",
                   {now, intent->id}));
      RETURN_IF_ERROR(
          tx->Exec("UPDATE payment_inbox SET processed_at = ?, outcome = 'refund_hint' WHERE id = ?", {now, inbox_id}));
      RETURN_IF_ERROR(tx->Commit());
      metrics_.Count("payment_callbacks_total", prov, "refund_hint");
      ++handled;
      continue;
    }
    PaymentProvider* p = provider(prov);
    auto remote = p ? p->Status({intent->reference, intent->provider_ref, intent->amount_xof})
                    : Result<StatusResult>(Error::Unavailable("provider not configured"));
    if (!remote) {
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      RETURN_IF_ERROR(tx->Exec("UPDATE payment_inbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?",
                               {now + std::min<int64_t>(5 << std::min<int64_t>(attempts, 6), 300), inbox_id}));
      RETURN_IF_ERROR(tx->Commit());
      metrics_.Count("payment_status_queries_total", prov, "unavailable");
      ++handled;
      continue;
    }
    metrics_.Count("payment_status_queries_total", prov, RemoteStatusName(remote->status));
    Status st = Apply(intent->id, *remote, inbox_id, "callback");
    if (!st && st.error().kind != ErrorKind::kConflict) return st.error();
    ++handled;
  }
  return handled;
}

Result<int> PaymentService::PollDue(int max_items) {
  const int64_t now = clock_.NowUnix();
  std::vector<int64_t> ids;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    // Open intents first: the watch for late successes must never starve them.
    ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT id FROM payment_intents WHERE next_poll_at IS NOT NULL AND "
                                          "next_poll_at <= ? ORDER BY CASE WHEN state IN ('created', 'initiating', "
                                          "'pending', 'unknown') THEN 0 ELSE 1 END, next_poll_at LIMIT ?",
                                          {now, static_cast<int64_t>(max_items)}));
    for (const auto& r : rows) ids.push_back(r.Int(0));
  }
  int handled = 0;
  for (int64_t id : ids) {
    Intent i;
    {
      ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
      ASSIGN_OR_RETURN(i, Load(*tx, "WHERE id = ?", {id}));
    }
    ++handled;
    if (i.state == State::kCreated) {
      // Crashed before the provider was called: nothing exists there.
      if (now - i.created_at < 60) continue;
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      Status st = Move(*tx, i, State::kCancelled, now, ", next_poll_at = NULL", {}, "never sent to the provider");
      if (st) RETURN_IF_ERROR(tx->Commit());
      continue;
    }
    if (i.state == State::kInitiating) {
      // The call is running (or we crashed during it): after a grace period,
      // the outcome is unknown and only a status query may resolve it.
      if (now - i.updated_at < 30) {
        ScheduleRetry(i.id, 0);
        continue;
      }
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      Status st = Move(*tx, i, State::kUnknown, now, ", next_poll_at = ?", {now}, "initiation interrupted");
      if (st) RETURN_IF_ERROR(tx->Commit());
      i.state = State::kUnknown;
    }
    PaymentProvider* p = provider(i.provider);
    if (!p) continue;
    auto remote = p->Status({i.reference, i.provider_ref, i.amount_xof});
    if (!remote) {
      metrics_.Count("payment_status_queries_total", i.provider, "unavailable");
      ScheduleRetry(i.id, static_cast<int>(i.poll_attempts) + 1);
      continue;
    }
    metrics_.Count("payment_status_queries_total", i.provider, RemoteStatusName(remote->status));
    // An unknown intent the provider never saw, past its deadline: the
    // customer never got a payment page, so nothing can arrive any more.
    if (remote->status == RemoteStatus::kNotFound && i.state == State::kUnknown && now > i.expires_at) {
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      Status st = Move(*tx, i, State::kExpired, now, ", next_poll_at = NULL", {},
                       "poll: the provider has no such payment and its deadline passed");
      if (st) RETURN_IF_ERROR(tx->Commit());
      continue;
    }
    Status st = Apply(i.id, *remote, std::nullopt, "poll");
    if (!st && st.error().kind != ErrorKind::kConflict) return st.error();
  }
  return handled;
}

Result<PaymentService::DemoPayment> PaymentService::PayForDemo(
    const Principal& payer, int64_t application_id, const std::string& provider_name,
    const std::function<Status(const std::string& reference)>& act, int wait_ms) {
  bool replayed = false;
  ASSIGN_OR_RETURN(json::object created,
                   CreateIntent(payer, application_id, provider_name, provider_name == "momo" ? "22376000000" : "", "",
                                {"demo-seed", "", "origine demo seed"}, &replayed));
  DemoPayment out{std::string(created["reference"].as_string()), std::string(created["state"].as_string())};
  auto open = [](const std::string& s) {
    auto st = ParseState(s);
    return st && IsOpen(*st);
  };
  if (!open(out.state)) return out;  // refused at initiation
  // The payer pays; a refusal here (e.g. no longer open) is seen by the status query.
  if (Status st = act(out.reference); !st)
    log::Warn("demo payment: the payer's action failed", {{"reference", out.reference}, {"error", st.error().message}});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  for (;;) {
    {
      // Due now, as the exporter's "check" asks; then the worker's own step.
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      RETURN_IF_ERROR(
          tx->Exec("UPDATE payment_intents SET next_poll_at = ? WHERE reference = ? AND state IN "
                   "('pending', 'unknown')",
                   {clock_.NowUnix(), out.reference}));
      RETURN_IF_ERROR(tx->Commit());
    }
    ASSIGN_OR_RETURN(int polled, PollDue(20));
    (void)polled;
    {
      ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
      ASSIGN_OR_RETURN(Intent i, Load(*tx, "WHERE reference = ?", {out.reference}));
      out.state = StateName(i.state);
    }
    if (!open(out.state) || std::chrono::steady_clock::now() >= deadline) return out;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

Status PaymentService::SeedPaidForDemo(int64_t application_id, const std::string& provider_name) {
  const int64_t now = clock_.NowUnix();
  const std::string reference = NewUuid();
  int64_t id = 0;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(auto app, tx->Query("SELECT company_id, regime, created_by FROM applications WHERE id = ? AND "
                                         "status = 'awaiting_payment'",
                                         {application_id}));
    if (app.empty()) return Error::Conflict("the application is not awaiting payment");
    ASSIGN_OR_RETURN(std::string service, ServiceOf(*tx, application_id));
    ASSIGN_OR_RETURN(Fee fee, FeeFor(options_.regimes, app[0].Text(1), service, FormatUtc(now, true)));
    ASSIGN_OR_RETURN(
        auto ins,
        tx->Query(
            "INSERT INTO payment_intents (reference, application_id, company_id, regime, service, fee_code, provider, "
            "amount_xof, state, provider_ref, created_by, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, "
            "?, "
            "?, ?, 'pending', 'demo', ?, ?, ?, ?) RETURNING id",
            {reference, application_id, app[0].Int(0), app[0].Text(1), service, fee.code, provider_name, fee.amount_xof,
             app[0].Int(2), now, now, now + options_.intent_ttl_seconds}));
    id = ins[0].Int(0);
    RETURN_IF_ERROR(
        audit::Record(*tx, std::nullopt, {"demo", "", "origine demo seed"}, now,
                      {"payment.created", "payment_intent", reference,
                       json::serialize(json::object{
                           {"application_id", application_id}, {"provider", provider_name}, {"demo", true}})}));
    RETURN_IF_ERROR(tx->Commit());
  }
  StatusResult paid;
  paid.status = RemoteStatus::kSucceeded;
  paid.provider_txn = "DEMO-" + reference.substr(0, 8);
  return Apply(id, paid, std::nullopt, "demo seed");
}

// ---- refunds ---------------------------------------------------------------
//
// refund_state (migration 320), while the intent is refund_pending:
//   manual     no refund API: an administrator refunds outside and confirms
//   requested  our refund reference is committed; the provider is being called
//   retry      nothing reached the provider (or it has no trace of it): send again
//   sent       the provider accepted; its outcome is asked by status queries
//   unclear    no clear answer (timeout, 5xx): only a status query may resolve it
//   refused    the provider said no (last_error); the administrator may retry
// and "done" once refunded. Every change is a compare-and-set on
// (state, refund_state) with its audit event in the same transaction.

namespace {
constexpr int64_t kRefundCallGrace = 30;  // a refund call (bounded by the provider timeout) is over by then
constexpr int64_t kMaxRefundSends = 5;
bool RefundInFlight(const std::string& s) { return s == "requested" || s == "retry" || s == "sent" || s == "unclear"; }
}  // namespace

RefundRequest PaymentService::MakeRefundRequest(const Intent& i) {
  std::string base;
  {
    std::lock_guard<std::mutex> g(url_mu_);
    base = options_.public_url;
  }
  RefundRequest r;
  r.reference = i.reference;
  r.provider_ref = i.provider_ref;
  r.amount_xof = i.amount_xof;
  r.refund_reference = i.refund_reference;
  // Shown to the payer: never the administrator's internal reason.
  r.reason = "Remboursement Origine " + i.reference.substr(0, 8);
  r.notify_url = base + "/api/v1/payments/callbacks/" + i.provider + "?ref=" + i.reference;
  r.requested_at = i.refund_requested_at;
  return r;
}

int64_t PaymentService::RefundBackoff(const Intent& i, int64_t now) const {
  const int64_t elapsed = std::max<int64_t>(0, now - i.refund_requested_at);
  return now + std::min(std::max(options_.poll_initial_seconds, elapsed / 2), options_.poll_max_seconds);
}

Status PaymentService::RefundStep(storage::Tx& tx, const Intent& i, const std::string& to, int64_t now,
                                  const std::string& extra_sets, const storage::Params& extra,
                                  const std::optional<Principal>& who, const RequestMeta& meta, json::object details) {
  storage::Params params = {to, now};
  params.insert(params.end(), extra.begin(), extra.end());
  params.push_back(i.id);
  params.push_back(i.refund_state);
  ASSIGN_OR_RETURN(int64_t n,
                   tx.Exec("UPDATE payment_intents SET refund_state = ?, updated_at = ?" + extra_sets +
                               " WHERE id = ? AND state = 'refund_pending' AND COALESCE(refund_state, '') = ?",
                           params));
  if (n != 1) return Error::Conflict("the refund changed meanwhile");
  metrics_.Count("payment_refunds_total", i.provider, to);
  details["refund_state"] = {{"before", i.refund_state.empty() ? json::value(nullptr) : json::value(i.refund_state)},
                             {"after", to}};
  details["refund_reference"] = i.refund_reference;
  details["provider"] = i.provider;
  details["amount_xof"] = i.amount_xof;
  return audit::Record(tx, who, meta, now,
                       {"payment.refund_" + to, "payment_intent", i.reference, json::serialize(details)});
}

Status PaymentService::ConfirmLocked(storage::Tx& tx, const Intent& i, const std::string& refund_id, int64_t now,
                                     const std::optional<Principal>& who, const RequestMeta& meta,
                                     const std::string& mode, const std::string& source) {
  ASSIGN_OR_RETURN(
      auto late, tx.Query("SELECT COUNT(*) FROM ledger_entries WHERE intent_id = ? AND kind = 'late_payment'", {i.id}));
  const bool was_late = late[0].Int(0) > 0;
  RETURN_IF_ERROR(
      Move(tx, i, State::kRefunded, now,
           ", refund_state = 'done', refund_provider_id = ?, refund_next_check_at = NULL, last_error = NULL",
           {refund_id}, "refund confirmed (" + source + ")"));
  RETURN_IF_ERROR(
      Post(tx,
           {"refund",
            i.id,
            "Remboursement " + i.reference + " (" + refund_id + ")",
            {{was_late ? kSuspense : kRevenue, i.amount_xof}, {ClearingAccount(i.provider), -i.amount_xof}}},
           now)
              .ok()
          ? Status()
          : Status(Error::Conflict("refund posted already")));
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
  if (who.role != Role::kAdmin) return Error::Denied("only an administrator refunds payments");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos || reason.size() > 2000)
    return Error::Invalid("give the reason for the refund", {{"reason", "is required (at most 2000 characters)"}});
  const int64_t now = clock_.NowUnix();
  int64_t id = 0;
  std::string mode;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(Intent i, Load(*tx, "WHERE reference = ?", {reference}));
    id = i.id;
    mode = RefundMode(i.provider);
    // Our refund reference is committed before any provider call.
    const std::string refund_ref = NewUuid();
    const bool api = mode == "provider";
    if (i.state == State::kSucceeded || i.state == State::kLateSuccess) {
      RETURN_IF_ERROR(
          Move(*tx, i, State::kRefundPending, now,
               ", refund_state = ?, refund_reference = ?, refund_reason = ?, refund_requested_at = ?, "
               "refund_next_check_at = ?, refund_attempts = 0, refund_provider_id = NULL, last_error = NULL",
               {api ? "requested" : "manual", api ? storage::Value(refund_ref) : storage::Value(nullptr), reason, now,
                api ? storage::Value(now + kRefundCallGrace) : storage::Value(nullptr)},
               "refund requested"));
      RETURN_IF_ERROR(audit::Record(
          *tx, who, meta, now,
          {"payment.refund_requested", "payment_intent", i.reference,
           json::serialize(json::object{{"reason", reason},
                                        {"amount_xof", i.amount_xof},
                                        {"mode", mode},
                                        {"refund_reference", api ? json::value(refund_ref) : json::value(nullptr)}})}));
    } else if (i.state == State::kRefundPending && i.refund_state == "refused" && api) {
      // The provider refused the last attempt: a new attempt, a new reference.
      RETURN_IF_ERROR(RefundStep(*tx, i, "requested", now,
                                 ", refund_reference = ?, refund_reason = ?, refund_requested_at = ?, "
                                 "refund_next_check_at = ?, refund_attempts = 0, last_error = NULL",
                                 {refund_ref, reason, now, now + kRefundCallGrace}, who, meta,
                                 {{"retry", true}, {"reason", reason}, {"new_refund_reference", refund_ref}}));
    } else if (i.state == State::kRefundPending) {
      if (RefundInFlight(i.refund_state))
        return Error::Conflict("a refund of this payment through the provider is in progress (" + i.refund_state + ")");
      return Error::Conflict("a refund of this payment is pending: confirm it with the transfer reference");
    } else {
      return Error::Conflict(std::string("only a succeeded or late payment can be refunded (it is ") +
                             StateName(i.state) + ")");
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
  ASSIGN_OR_RETURN(Intent i, Load(*tx, "WHERE id = ?", {id}));
  return IntentJson(*tx, i, false);
}

Status PaymentService::SendRefund(int64_t intent_id, const std::optional<Principal>& who, const RequestMeta& meta) {
  Intent i;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(i, Load(*tx, "WHERE id = ?", {intent_id}));
  }
  if (i.state != State::kRefundPending || i.refund_state != "requested") return Error::Conflict("no refund to send");
  PaymentProvider* p = provider(i.provider);
  if (!p) return Error::Unavailable("the provider " + i.provider + " is not configured");
  RefundResult res = p->Refund(MakeRefundRequest(i));
  metrics_.Count("payment_refund_calls_total", i.provider, RefundOutcomeName(res.outcome));
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(Intent cur, Load(*tx, "WHERE id = ?", {intent_id}));
  if (cur.state != State::kRefundPending || cur.refund_state != "requested" ||
      cur.refund_reference != i.refund_reference)
    return tx->Commit();  // resolved meanwhile (the worker after the grace period)
  const int64_t sends = cur.refund_attempts + 1;
  json::object details{{"detail", res.detail}, {"outcome", RefundOutcomeName(res.outcome)}};
  switch (res.outcome) {
    case RefundOutcome::kDone:
      RETURN_IF_ERROR(ConfirmLocked(*tx, cur,
                                    res.provider_refund_id.empty() ? cur.refund_reference : res.provider_refund_id, now,
                                    who, meta, "provider", "provider: " + res.detail));
      break;
    case RefundOutcome::kAccepted:
      RETURN_IF_ERROR(RefundStep(*tx, cur, "sent", now,
                                 ", refund_next_check_at = ?, refund_attempts = ?, last_error = NULL",
                                 {now + options_.poll_initial_seconds, sends}, who, meta, details));
      break;
    case RefundOutcome::kRejected:
      RETURN_IF_ERROR(RefundStep(*tx, cur, "refused", now,
                                 ", refund_next_check_at = NULL, refund_attempts = ?, last_error = ?",
                                 {sends, "refused by the provider: " + res.detail}, who, meta, details));
      break;
    case RefundOutcome::kUnclear:
      RETURN_IF_ERROR(RefundStep(*tx, cur, "unclear", now,
                                 ", refund_next_check_at = ?, refund_attempts = ?, last_error = ?",
                                 {now + 1, sends, "no clear answer: " + res.detail}, who, meta, details));
      break;
    case RefundOutcome::kNotSent:
      if (sends >= kMaxRefundSends)
        RETURN_IF_ERROR(RefundStep(
            *tx, cur, "refused", now, ", refund_next_check_at = NULL, refund_attempts = ?, last_error = ?",
            {sends, "not sent after " + std::to_string(sends) + " attempts: " + res.detail}, who, meta, details));
      else
        RETURN_IF_ERROR(RefundStep(*tx, cur, "retry", now,
                                   ", refund_next_check_at = ?, refund_attempts = ?, last_error = ?",
                                   {RefundBackoff(cur, now), sends, "not sent: " + res.detail}, who, meta, details));
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
    ASSIGN_OR_RETURN(auto rows,
                     tx->Query("SELECT id FROM payment_intents WHERE state = 'refund_pending' AND refund_state "
                               "IN ('requested', 'retry', 'sent', 'unclear') AND refund_next_check_at IS NOT "
                               "NULL AND refund_next_check_at <= ? ORDER BY refund_next_check_at LIMIT ?",
                               {now, static_cast<int64_t>(max_items)}));
    for (const auto& r : rows) ids.push_back(r.Int(0));
  }
  int handled = 0;
  for (int64_t id : ids) {
    ++handled;
    Intent i;
    {
      ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
      ASSIGN_OR_RETURN(i, Load(*tx, "WHERE id = ?", {id}));
    }
    PaymentProvider* p = provider(i.provider);
    if (!p || !p->HasRefundApi()) continue;
    if (i.refund_state == "retry") {
      // Nothing reached the provider, or it has no trace of the request: send it again.
      {
        ASSIGN_OR_RETURN(auto tx, db_.Begin());
        Status st = RefundStep(*tx, i, "requested", now, ", refund_next_check_at = ?", {now + kRefundCallGrace},
                               std::nullopt, kWorkerMeta, {{"why", "sending again"}});
        if (!st) continue;
        RETURN_IF_ERROR(tx->Commit());
      }
      Status sent = SendRefund(i.id, std::nullopt, kWorkerMeta);
      if (!sent && sent.error().kind != ErrorKind::kConflict) return sent.error();
      continue;
    }
    if (i.refund_state == "requested") {
      // Past the grace period the call is over, or we crashed during it.
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      Status st = RefundStep(*tx, i, "unclear", now, ", refund_next_check_at = ?", {now}, std::nullopt, kWorkerMeta,
                             {{"why", "refund call interrupted"}});
      if (!st) continue;
      RETURN_IF_ERROR(tx->Commit());
      i.refund_state = "unclear";
    }
    auto remote = p->RefundStatus(MakeRefundRequest(i));
    metrics_.Count("payment_refund_status_queries_total", i.provider,
                   remote ? RemoteStatusName(remote->status) : "unavailable");
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(Intent cur, Load(*tx, "WHERE id = ?", {id}));
    if (cur.state != State::kRefundPending || cur.refund_state != i.refund_state ||
        cur.refund_reference != i.refund_reference)
      continue;  // changed meanwhile
    const std::string why = remote ? std::string("status query: ") + RemoteStatusName(remote->status) +
                                         (remote->detail.empty() ? "" : " (" + remote->detail + ")")
                                   : "status query: " + remote.error().message;
    if (!remote || (remote->status == RemoteStatus::kNotFound && cur.refund_state == "sent") ||
        (remote->status == RemoteStatus::kPending && cur.refund_state == "sent")) {
      RETURN_IF_ERROR(tx->Exec("UPDATE payment_intents SET refund_next_check_at = ? WHERE id = ?",
                               {RefundBackoff(cur, now), cur.id}));
    } else if (remote->status == RemoteStatus::kSucceeded) {
      RETURN_IF_ERROR(ConfirmLocked(*tx, cur,
                                    remote->provider_txn.empty() ? cur.refund_reference : remote->provider_txn, now,
                                    std::nullopt, kWorkerMeta, "provider", why));
    } else if (remote->status == RemoteStatus::kPending) {  // unclear -> sent: the provider has it
      RETURN_IF_ERROR(RefundStep(*tx, cur, "sent", now, ", refund_next_check_at = ?", {RefundBackoff(cur, now)},
                                 std::nullopt, kWorkerMeta, {{"why", why}}));
    } else if (remote->status == RemoteStatus::kNotFound) {  // unclear, and the provider never got it
      if (cur.refund_attempts >= kMaxRefundSends)
        RETURN_IF_ERROR(RefundStep(
            *tx, cur, "refused", now, ", refund_next_check_at = NULL, last_error = ?",
            {"the provider has no trace of the refund after " + std::to_string(cur.refund_attempts) + " attempts"},
            std::nullopt, kWorkerMeta, {{"why", why}}));
      else
        RETURN_IF_ERROR(RefundStep(*tx, cur, "retry", now, ", refund_next_check_at = ?", {now}, std::nullopt,
                                   kWorkerMeta, {{"why", why}}));
    } else {  // failed or expired: a definite refusal
      RETURN_IF_ERROR(RefundStep(*tx, cur, "refused", now, ", refund_next_check_at = NULL, last_error = ?",
                                 {"refused by the provider: " + remote->detail}, std::nullopt, kWorkerMeta,
                                 {{"why", why}}));
    }
    RETURN_IF_ERROR(tx->Commit());
  }
  return handled;
}

Result<json::object> PaymentService::ConfirmRefund(const Principal& who, const std::string& reference,
                                                   const std::string& refund_id, const RequestMeta& meta) {
  if (who.role != Role::kAdmin) return Error::Denied("only an administrator confirms refunds");
  if (refund_id.find_first_not_of(" \t\r\n") == std::string::npos || refund_id.size() > 200)
    return Error::Invalid("give the provider's refund reference", {{"provider_refund_id", "is required"}});
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(Intent i, Load(*tx, "WHERE reference = ?", {reference}));
  if (i.state != State::kRefundPending) return Error::Conflict("this payment has no refund pending");
  // A refund through the provider's API is confirmed by the provider, never by
  // hand while it may still happen (that would be a double refund).
  if (RefundInFlight(i.refund_state))
    return Error::Conflict("a refund of this payment through the provider is in progress (" + i.refund_state +
                           "): the provider confirms it");
  RETURN_IF_ERROR(ConfirmLocked(*tx, i, refund_id, now, who, meta, "manual",
                                i.refund_state == "refused" ? "manual after a refusal by the provider" : "manual"));
  ASSIGN_OR_RETURN(Intent after, Load(*tx, "WHERE id = ?", {i.id}));
  ASSIGN_OR_RETURN(json::object out, IntentJson(*tx, after, false));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

// ---- receipts, ledger ----------------------------------------------------

Result<std::string> PaymentService::ReceiptPdf(const Principal& who, const std::string& reference) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(Intent i, Load(*tx, "WHERE reference = ?", {reference}));
  if (!IsStaff(who) && (!who.company_id || *who.company_id != i.company_id)) return Error::NotFound("no such payment");
  ASSIGN_OR_RETURN(auto rec,
                   tx->Query("SELECT r.number, r.issued_at, c.name, c.nif FROM receipts r JOIN payment_intents p "
                             "ON p.id = r.intent_id JOIN companies c ON c.id = p.company_id WHERE r.intent_id = ?",
                             {i.id}));
  if (rec.empty()) return Error::NotFound("this payment has no receipt (not paid)");
  auto fee = FeeFor(options_.regimes, i.regime, i.service, FormatUtc(i.created_at, true));
  render::ReportView v;
  v.issuer_name = options_.issuer_name;
  v.title = "Reçu de paiement";
  v.number = rec[0].Text(0);
  v.created = "Émis le " + FormatUtc(rec[0].Int(1)) + " (UTC)";
  v.fields = {{"Exportateur", rec[0].Text(2)},
              {"NIF", rec[0].Text(3)},
              {"Demande", "n° " + std::to_string(i.application_id) + " — régime " + i.regime},
              {"Objet", fee ? fee->label_fr : i.fee_code},
              {"Montant", Money(i.amount_xof)},
              {"Moyen de paiement", ProviderLabel(i.provider)},
              {"Transaction du prestataire", i.provider_txn.empty() ? "—" : i.provider_txn},
              {"Référence Origine", i.reference},
              {"État", i.state == State::kSucceeded ? "Payé" : StateName(i.state)}};
  v.note =
      "Reçu émis automatiquement à la confirmation du paiement par le prestataire. Montants en francs CFA "
      "(XOF), sans décimales.";
  return render::RenderReportPdf(v);
}

Result<json::object> PaymentService::Ledger(const Principal& who, const PageRequest& page) {
  if (who.role != Role::kAdmin && who.role != Role::kAuditor)
    return Error::Denied("only administrators and auditors read the ledger");
  ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
  ASSIGN_OR_RETURN(auto balances, Balances(*tx));
  ASSIGN_OR_RETURN(auto unbalanced, UnbalancedEntries(*tx));
  json::object b;
  int64_t total = 0;
  for (const auto& [k, v] : balances) {
    b[k] = v;
    total += v;
  }
  // The page of entries (keyset on the entry id), then their lines.
  std::string sql =
      "SELECT e.id, e.at, e.kind, e.memo, COALESCE(p.reference, '') FROM ledger_entries e "
      "LEFT JOIN payment_intents p ON p.id = e.intent_id ";
  storage::Params params;
  if (!page.cursor.empty()) {
    ASSIGN_OR_RETURN(PageKey after, DecodeCursor(kLedgerCursor, page.cursor));
    sql += "WHERE e.id < ? ";
    params.push_back(after.sort);
  }
  const int64_t limit = std::clamp(page.limit, 1, 1000);
  sql += "ORDER BY e.id DESC LIMIT ?";
  params.push_back(limit + 1);  // one more tells whether another page exists
  ASSIGN_OR_RETURN(auto rows, tx->Query(sql, params));
  json::value next = nullptr;
  if (static_cast<int64_t>(rows.size()) > limit) {
    rows.erase(rows.begin() + limit, rows.end());
    next = json::value(EncodeCursor(kLedgerCursor, {rows.back().Int(0), ""}));
  }
  json::array entries;
  std::map<int64_t, size_t> position;
  for (const auto& r : rows) {
    position[r.Int(0)] = entries.size();
    entries.push_back({{"id", r.Int(0)},
                       {"at", FormatUtc(r.Int(1))},
                       {"kind", r.Text(2)},
                       {"memo", r.Text(3)},
                       {"reference", r.Text(4).empty() ? json::value(nullptr) : json::value(r.Text(4))},
                       {"lines", json::array()}});
  }
  if (!rows.empty()) {
    ASSIGN_OR_RETURN(auto lines, tx->Query("SELECT entry_id, account, amount_xof FROM ledger_lines WHERE entry_id "
                                           "BETWEEN ? AND ? ORDER BY entry_id, id",
                                           {rows.back().Int(0), rows.front().Int(0)}));
    for (const auto& l : lines) {
      auto at = position.find(l.Int(0));
      if (at == position.end()) continue;
      entries[at->second].as_object()["lines"].as_array().push_back({{"account", l.Text(1)}, {"amount_xof", l.Int(2)}});
    }
  }
  return json::object{{"balances", std::move(b)},
                      {"balanced", unbalanced.empty() && total == 0},
                      {"unbalanced_entries", json::value_from(unbalanced)},
                      {"entries", std::move(entries)},
                      {"next_cursor", std::move(next)}};
}

// ---- worker --------------------------------------------------------------

void PaymentService::StartWorker(int period_ms) {
  std::lock_guard<std::mutex> g(worker_mu_);
  if (worker_.joinable()) return;
  stop_ = false;
  worker_ = std::thread([this, period_ms] {
    while (true) {
      {
        std::unique_lock<std::mutex> lock(worker_mu_);
        worker_cv_.wait_for(lock, std::chrono::milliseconds(period_ms), [this] { return stop_ || woken_; });
        if (stop_) return;
        woken_ = false;
      }
      for (int round = 0; round < 20; ++round) {
        auto a = ProcessInbox(50);
        auto b = PollDue(50);
        auto c = PollRefunds(20);
        if (!a) log::Error("payments inbox", {{"error", a.error().message}});
        if (!b) log::Error("payments polling", {{"error", b.error().message}});
        if (!c) log::Error("payments refunds", {{"error", c.error().message}});
        if ((!a || *a == 0) && (!b || *b == 0) && (!c || *c == 0)) break;
        std::lock_guard<std::mutex> lock(worker_mu_);
        if (stop_) return;
      }
    }
  });
}

void PaymentService::StopWorker() {
  {
    std::lock_guard<std::mutex> g(worker_mu_);
    stop_ = true;
  }
  worker_cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void PaymentService::Wake() {
  {
    std::lock_guard<std::mutex> g(worker_mu_);
    woken_ = true;
  }
  worker_cv_.notify_all();
}

}  // namespace origine::payments
