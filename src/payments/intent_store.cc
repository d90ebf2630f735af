#include "payments/intent_store.h"

#include <string_view>

namespace origine::payments {
namespace {

// Every selection of whole intents: these columns, then its own WHERE clause
// (string literals joined at compile time: each statement is one constant).
#define ORIGINE_INTENT_COLUMNS                                                                                      \
  "SELECT id, reference, application_id, company_id, regime, service, fee_code, provider, amount_xof, state, "      \
  "COALESCE(payer_msisdn, ''), COALESCE(provider_ref, ''), COALESCE(provider_txn, ''), COALESCE(payment_url, ''), " \
  "COALESCE(notif_token, ''), COALESCE(idempotency_key, ''), COALESCE(review, ''), COALESCE(last_error, ''), "      \
  "created_by, created_at, updated_at, expires_at, next_poll_at, poll_attempts, COALESCE(refund_reference, ''), "   \
  "COALESCE(refund_state, ''), COALESCE(refund_reason, ''), COALESCE(refund_provider_id, ''), "                     \
  "COALESCE(refund_requested_at, 0), refund_attempts, refund_next_check_at FROM payment_intents "

constexpr std::string_view kSelectIntentById = ORIGINE_INTENT_COLUMNS "WHERE id = ?";
constexpr std::string_view kSelectIntentByReference = ORIGINE_INTENT_COLUMNS "WHERE reference = ?";
constexpr std::string_view kSelectIntentOfProvider = ORIGINE_INTENT_COLUMNS "WHERE reference = ? AND provider = ?";
constexpr std::string_view kSelectIntentByIdempotencyKey =
    ORIGINE_INTENT_COLUMNS "WHERE company_id = ? AND idempotency_key = ?";
constexpr std::string_view kSelectIntentsOfApplication =
    ORIGINE_INTENT_COLUMNS "WHERE application_id = ? ORDER BY id DESC LIMIT ?";
constexpr std::string_view kSelectIntentsPage = ORIGINE_INTENT_COLUMNS "WHERE id < ? ORDER BY id DESC LIMIT ?";
constexpr std::string_view kSelectIntentsPageInState =
    ORIGINE_INTENT_COLUMNS "WHERE state = ? AND id < ? ORDER BY id DESC LIMIT ?";
#undef ORIGINE_INTENT_COLUMNS

constexpr std::string_view kSelectReferenceOfProviderRef =
    "SELECT reference FROM payment_intents WHERE provider = ? AND provider_ref = ?";
constexpr std::string_view kSelectNotifToken =
    "SELECT COALESCE(notif_token, '') FROM payment_intents WHERE reference = ? AND provider = ?";
constexpr std::string_view kSelectOpenIntentOfApplication =
    "SELECT reference FROM payment_intents WHERE application_id = ? AND state IN "
    "('created', 'initiating', 'pending', 'unknown')";
constexpr std::string_view kCountSucceeded =
    "SELECT COUNT(*) FROM payment_intents WHERE application_id = ? AND service = ? AND state = 'succeeded'";
constexpr std::string_view kSelectDueForPoll =
    "SELECT id FROM payment_intents WHERE next_poll_at IS NOT NULL AND next_poll_at <= ? ORDER BY CASE WHEN state IN "
    "('created', 'initiating', 'pending', 'unknown') THEN 0 ELSE 1 END, next_poll_at LIMIT ?";
constexpr std::string_view kSelectRefundsDue =
    "SELECT id FROM payment_intents WHERE state = 'refund_pending' AND refund_state IN ('requested', 'retry', 'sent', "
    "'unclear') AND refund_next_check_at IS NOT NULL AND refund_next_check_at <= ? ORDER BY refund_next_check_at "
    "LIMIT ?";
constexpr std::string_view kCountToReview =
    "SELECT COUNT(*) FROM payment_intents WHERE review IS NOT NULL AND state IN "
    "('late_success', 'succeeded', 'pending', 'unknown')";

constexpr std::string_view kInsertIntent =
    "INSERT INTO payment_intents (reference, application_id, company_id, regime, service, fee_code, provider, "
    "amount_xof, state, payer_msisdn, idempotency_key, provider_ref, created_by, created_at, updated_at, expires_at, "
    "next_poll_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdateIntent =
    "UPDATE payment_intents SET state = ?, updated_at = ?, provider_ref = ?, provider_txn = ?, payment_url = ?, "
    "notif_token = ?, review = ?, last_error = ?, expires_at = ?, next_poll_at = ?, poll_attempts = ?, "
    "refund_reference = ?, refund_state = ?, refund_reason = ?, refund_provider_id = ?, refund_requested_at = ?, "
    "refund_attempts = ?, refund_next_check_at = ? WHERE id = ? AND state = ? AND COALESCE(refund_state, '') = ?";
constexpr std::string_view kRememberProviderHandles =
    "UPDATE payment_intents SET provider_ref = COALESCE(provider_ref, ?), payment_url = COALESCE(payment_url, ?), "
    "notif_token = COALESCE(notif_token, ?) WHERE id = ?";
constexpr std::string_view kMakeRefundCheckDue =
    "UPDATE payment_intents SET refund_next_check_at = ? WHERE id = ? AND state = 'refund_pending' AND refund_state "
    "IN ('sent', 'unclear')";

storage::Value Text(const std::string& s) { return s.empty() ? storage::Value(nullptr) : storage::Value(s); }
storage::Value Time(int64_t t) { return t == 0 ? storage::Value(nullptr) : storage::Value(t); }
storage::Value Time(std::optional<int64_t> t) { return t ? storage::Value(*t) : storage::Value(nullptr); }

Result<Intent> FromRow(const storage::Row& r) {
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
  if (!st) return Error::Internal("payment " + i.reference + " has an unknown state " + r.Text(9));
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

Result<std::vector<Intent>> FromRows(const std::vector<storage::Row>& rows) {
  std::vector<Intent> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(Intent i, FromRow(r));
    out.push_back(std::move(i));
  }
  return out;
}

Result<std::optional<Intent>> First(storage::Tx& tx, std::string_view sql, const storage::Params& params) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  if (rows.empty()) return std::optional<Intent>();
  ASSIGN_OR_RETURN(Intent i, FromRow(rows[0]));
  return std::optional<Intent>(std::move(i));
}

Result<Intent> Required(Result<std::optional<Intent>> found) {
  if (!found) return std::move(found).error();
  if (!*found) return Error::NotFound("payment.not_found"_code, "no such payment");
  return std::move(**found);
}

}  // namespace

Result<Intent> FindIntent(storage::Tx& tx, int64_t id) { return Required(First(tx, kSelectIntentById, {id})); }

Result<Intent> FindIntentByReference(storage::Tx& tx, const std::string& reference) {
  return Required(First(tx, kSelectIntentByReference, {reference}));
}

Result<std::optional<Intent>> FindIntentOfProvider(storage::Tx& tx, const std::string& reference,
                                                   const std::string& provider) {
  return First(tx, kSelectIntentOfProvider, {reference, provider});
}

Result<std::optional<Intent>> FindIntentByIdempotencyKey(storage::Tx& tx, int64_t company_id,
                                                         const std::string& idempotency_key) {
  return First(tx, kSelectIntentByIdempotencyKey, {company_id, idempotency_key});
}

Result<std::string> ReferenceOfProviderRef(storage::Tx& tx, const std::string& provider,
                                           const std::string& provider_ref) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectReferenceOfProviderRef, {provider, provider_ref}));
  return rows.empty() ? std::string() : rows[0].Text(0);
}

Result<std::string> NotifTokenOf(storage::Tx& tx, const std::string& reference, const std::string& provider) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectNotifToken, {reference, provider}));
  return rows.empty() ? std::string() : rows[0].Text(0);
}

Result<std::vector<Intent>> IntentsOfApplication(storage::Tx& tx, int64_t application_id, int64_t limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectIntentsOfApplication, {application_id, limit}));
  return FromRows(rows);
}

Result<std::optional<std::string>> OpenIntentOf(storage::Tx& tx, int64_t application_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectOpenIntentOfApplication, {application_id}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Result<int64_t> CountSucceeded(storage::Tx& tx, int64_t application_id, const std::string& service) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kCountSucceeded, {application_id, service}));
  return rows[0].Int(0);
}

Result<std::vector<Intent>> ListIntentsPage(storage::Tx& tx, const std::string& state, std::optional<int64_t> before_id,
                                            int64_t limit) {
  const int64_t before = before_id ? *before_id : INT64_MAX;
  ASSIGN_OR_RETURN(auto rows, state.empty() ? tx.Query(kSelectIntentsPage, {before, limit})
                                            : tx.Query(kSelectIntentsPageInState, {state, before, limit}));
  return FromRows(rows);
}

Result<std::vector<int64_t>> IntentsDueForPoll(storage::Tx& tx, int64_t now, int64_t limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectDueForPoll, {now, limit}));
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

Result<std::vector<int64_t>> RefundsDue(storage::Tx& tx, int64_t now, int64_t limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectRefundsDue, {now, limit}));
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

Result<int64_t> CountIntentsToReview(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kCountToReview));
  return rows[0].Int(0);
}

Result<int64_t> InsertIntent(storage::Tx& tx, const NewIntent& n) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kInsertIntent,
                                       {n.reference, n.application_id, n.company_id, n.regime, n.service, n.fee_code,
                                        n.provider, n.amount_xof, std::string(StateName(n.state)), Text(n.payer_msisdn),
                                        Text(n.idempotency_key), Text(n.provider_ref), n.created_by, n.created_at,
                                        n.created_at, n.expires_at, Time(n.next_poll_at)}));
  return rows[0].Int(0);
}

Status UpdateIntent(storage::Tx& tx, const Intent& before, const Intent& a) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec(kUpdateIntent, {std::string(StateName(a.state)),
                                                      a.updated_at,
                                                      Text(a.provider_ref),
                                                      Text(a.provider_txn),
                                                      Text(a.payment_url),
                                                      Text(a.notif_token),
                                                      Text(a.review),
                                                      Text(a.last_error),
                                                      a.expires_at,
                                                      Time(a.next_poll_at),
                                                      a.poll_attempts,
                                                      Text(a.refund_reference),
                                                      Text(a.refund_state),
                                                      Text(a.refund_reason),
                                                      Text(a.refund_provider_id),
                                                      Time(a.refund_requested_at),
                                                      a.refund_attempts,
                                                      Time(a.refund_next_check_at),
                                                      before.id,
                                                      std::string(StateName(before.state)),
                                                      before.refund_state}));
  if (n != 1) return Error::Conflict("payment.changed"_code, "the payment changed meanwhile");
  return {};
}

Status RememberProviderHandles(storage::Tx& tx, int64_t id, const std::string& provider_ref,
                               const std::string& payment_url, const std::string& notif_token) {
  RETURN_IF_ERROR(tx.Exec(kRememberProviderHandles, {Text(provider_ref), Text(payment_url), Text(notif_token), id}));
  return {};
}

Status MakeRefundCheckDue(storage::Tx& tx, int64_t id, int64_t at) {
  RETURN_IF_ERROR(tx.Exec(kMakeRefundCheckDue, {at, id}));
  return {};
}

}  // namespace origine::payments
