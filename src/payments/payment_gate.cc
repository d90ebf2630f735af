// The application workflow's payment gate (certificates::PaymentGate): what
// an application still owes, and the "payment" member of its JSON; and the
// public list of fees.
#include <boost/json.hpp>

#include "certificates/application_lookup.h"
#include "payments/fees.h"
#include "payments/intent_store.h"
#include "payments/service.h"
#include "payments/service_internal.h"

namespace origine::payments {
namespace json = boost::json;

Result<int64_t> PaymentService::AmountDue(storage::Tx& tx, int64_t application_id, const std::string& regime,
                                          int64_t now) {
  ASSIGN_OR_RETURN(certificates::ApplicationRef app, certificates::FindApplication(tx, application_id));
  const std::string service = FeeService(app.kind);
  auto fee = FeeFor(options_.regimes, regime, service, FormatUtc(now, true));
  if (!fee) return fee.error().kind == ErrorKind::kNotFound ? Result<int64_t>(0) : Result<int64_t>(fee.error());
  ASSIGN_OR_RETURN(int64_t paid, CountSucceeded(tx, application_id, service));
  return paid > 0 ? 0 : fee->amount_xof;
}

Result<json::object> PaymentService::View(storage::Tx& tx, int64_t application_id, const std::string& status) {
  ASSIGN_OR_RETURN(certificates::ApplicationRef app, certificates::FindApplication(tx, application_id));
  ASSIGN_OR_RETURN(std::vector<Intent> intents, IntentsOfApplication(tx, application_id, 20));
  json::array items;
  bool paid = false, open = false;
  for (const Intent& i : intents) {
    paid = paid || i.state == State::kSucceeded || i.state == State::kRefundPending || i.state == State::kRefunded;
    open = open || IsOpen(i.state);
    ASSIGN_OR_RETURN(json::object j, IntentJson(tx, i, true));
    items.push_back(std::move(j));
  }
  json::object o;
  auto fee = FeeFor(options_.regimes, app.regime, FeeService(app.kind), FormatUtc(clock_.NowUnix(), true));
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
  // No fee, or a fee on an application reviewed before payments existed: not_required.
  std::string s = "not_required";
  if (paid)
    s = "paid";
  else if (fee && status == "awaiting_payment")
    s = open ? "pending" : "due";
  else if (fee && (status == "draft" || status == "returned"))
    s = "due_on_submit";
  o["status"] = s;
  o["intents"] = std::move(items);
  json::array providers;
  for (const auto& n : EnabledProviders()) providers.push_back({{"code", n}, {"label", internal::ProviderLabel(n)}});
  o["providers"] = std::move(providers);
  return o;
}

Result<json::object> PaymentService::Fees(const std::string& regime, const std::string& date_in) {
  if (!date_in.empty()) RETURN_IF_ERROR(internal::DayParam(date_in));
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
                     {"currency", kCurrency}});
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

}  // namespace origine::payments
