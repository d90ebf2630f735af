// An intent as the API shows it (docs/formats/payments.md, "Intent"):
// the payer sees its payment page; staff see the refund reason and errors.
#include <boost/json.hpp>

#include "payments/intent_store.h"
#include "payments/receipt_store.h"
#include "payments/service.h"
#include "payments/service_internal.h"

namespace origine::payments {
namespace json = boost::json;

namespace {
json::value TextOrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }
}  // namespace

Result<json::object> PaymentService::IntentJson(storage::Tx& tx, const Intent& i, bool owner) {
  json::object o{{"reference", i.reference},
                 {"application_id", i.application_id},
                 {"provider", i.provider},
                 {"provider_label", internal::ProviderLabel(i.provider)},
                 {"service", i.service},
                 {"fee_code", i.fee_code},
                 {"amount_xof", i.amount_xof},
                 {"currency", kCurrency},
                 {"state", StateName(i.state)},
                 {"created_at", FormatUtc(i.created_at)},
                 {"updated_at", FormatUtc(i.updated_at)},
                 {"expires_at", FormatUtc(i.expires_at)}};
  // The payment page is for the payer only, and only while it can be used.
  o["payment_url"] = owner && i.state == State::kPending ? TextOrNull(i.payment_url) : json::value(nullptr);
  o["review"] = TextOrNull(i.review);
  o["provider_transaction"] = TextOrNull(i.provider_txn);
  ASSIGN_OR_RETURN(std::optional<ReceiptRow> receipt, FindReceipt(tx, i.id));
  o["receipt_number"] = receipt ? json::value(receipt->number) : json::value(nullptr);
  o["refund_mode"] = RefundMode(i.provider);
  if (i.refund_state.empty()) {
    o["refund"] = nullptr;
  } else {
    json::object r{
        {"state", i.refund_state},
        {"mode", i.refund_state == "manual" ? "manual" : "provider"},
        {"reference", TextOrNull(i.refund_reference)},
        {"provider_refund_id", TextOrNull(i.refund_provider_id)},
        {"requested_at", i.refund_requested_at ? json::value(FormatUtc(i.refund_requested_at)) : json::value(nullptr)},
        {"attempts", i.refund_attempts}};
    if (!owner) r["reason"] = i.refund_reason;
    o["refund"] = std::move(r);
  }
  // What went wrong last (provider paths and HTTP statuses only): staff only.
  if (!owner) o["last_error"] = TextOrNull(i.last_error);
  return o;
}

}  // namespace origine::payments
