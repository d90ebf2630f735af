// The control API (/_control/…) for tests, and the providers' statements.
#include <algorithm>

#include "core/clock.h"
#include "http/problem.h"
#include "paysim/signing.h"
#include "paysim/sim.h"
#include "paysim/util.h"

namespace origine::paysim {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type = "";
  return r;
}

// A control request with one bad field: "paysim.invalid", the field named with its own code.
Response Invalid(const Request& req, const std::string& field, ErrorId code, const std::string& message) {
  return http::Problem(Error::Invalid("paysim.invalid"_code, message, {{field, code, message}}), req);
}

// Basis points of each provider's fee (docs/formats/paysim.md, Statements).
int64_t FeeBp(Provider p) { return p == Provider::kCinetPay ? 300 : 100; }

const std::vector<std::string>& PlantKinds() {
  static const std::vector<std::string> kKinds = {"missing_line", "extra_line", "amount_mismatch", "fee_variance"};
  return kKinds;
}

std::string Csv(const std::string& s, char sep) {
  if (s.find_first_of(std::string("\"\n\r") + sep) == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

void Simulator::AddControlRoutes() {
  Route("GET", "/_control/health", &Simulator::CtlHealth);
  Route("GET", "/_control/payments", &Simulator::CtlPayments);
  Route("GET", "/_control/payments/{provider}/{ref}", &Simulator::CtlPayment);
  Route("POST", "/_control/payments/{provider}/{ref}/complete", &Simulator::CtlComplete);
  Route("GET", "/_control/callbacks", &Simulator::CtlCallbacks);
  Route("POST", "/_control/faults", &Simulator::CtlArmFault);
  Route("GET", "/_control/faults", &Simulator::CtlFaults);
  Route("DELETE", "/_control/faults", &Simulator::CtlClearFaults);
  Route("GET", "/_control/clock", &Simulator::CtlClock);
  Route("POST", "/_control/clock/advance", &Simulator::CtlClockAdvance);
  Route("GET", "/_control/statements/{provider}", &Simulator::CtlStatement);
  Route("POST", "/_control/statements/{provider}/discrepancies", &Simulator::CtlPlant);
  Route("POST", "/_control/reset", &Simulator::CtlReset);
}

json::object Simulator::ControlView(const Payment& pay) const {
  json::array faults;
  if (pay.fault) faults.push_back(json::string(FaultName(pay.fault->kind)));
  return {{"provider", ProviderName(pay.provider)},
          {"seq", pay.seq},
          {"reference", pay.reference},
          {"provider_id", pay.provider_id},
          {"status", StateName(pay.state)},
          {"stuck", pay.stuck},
          {"refunded", pay.refunded},
          {"refunded_at", pay.refunded ? json::value(pay.refunded_at) : json::value(nullptr)},
          {"refund_txn_id", pay.refund_txn_id},
          {"amount", pay.amount},
          {"recorded_amount", pay.recorded_amount},
          {"currency", pay.currency},
          {"msisdn", pay.msisdn},
          {"otp", pay.otp},
          {"created_at", pay.created_at},
          {"expires_at", pay.expires_at},
          {"completed_at", pay.completed_at ? json::value(pay.completed_at) : json::value(nullptr)},
          {"provider_txn_id", pay.txn_id},
          {"callback_url", pay.callback_url},
          {"return_url", pay.return_url},
          {"cancel_url", pay.cancel_url},
          {"payment_url", PageUrl(pay.provider, pay.provider_id)},
          {"faults", std::move(faults)}};
}

json::object Simulator::DeliveryView(const Delivery& d) const {
  json::object headers;
  for (const auto& [k, v] : d.headers) headers[k] = v;
  return {{"id", d.id},
          {"provider", ProviderName(d.provider)},
          {"reference", d.reference},
          {"seq", d.seq},
          {"event", d.event},
          {"url", d.url},
          {"method", "POST"},
          {"content_type", d.content_type},
          {"headers", std::move(headers)},
          {"body", d.body},
          {"fault", d.fault},
          {"due_at", d.due_at},
          {"sent_at", d.sent_at ? json::value(d.sent_at) : json::value(nullptr)},
          {"status", d.status ? json::value(d.status) : json::value(nullptr)},
          {"error", d.error},
          {"outcome", d.outcome}};
}

Response Simulator::CtlHealth(Request&) {
  return Json(200, {{"ok", true}, {"seed", config_.seed}, {"now", Now()}, {"faults", config_.fault_spec}});
}

Response Simulator::CtlPayments(Request& req) {
  std::optional<Provider> filter;
  if (req.query.count("provider")) {
    filter = ParseProvider(req.query["provider"]);
    if (!filter)
      return Invalid(req, "provider", "provider.unknown"_code, "provider must be orange, wave, cinetpay or momo");
  }
  std::lock_guard lock(mu_);
  json::array out;
  for (auto& pay : payments_) {
    if (filter && pay->provider != *filter) continue;
    Refresh(*pay);
    out.push_back(ControlView(*pay));
  }
  return Json(200, {{"payments", std::move(out)}});
}

Response Simulator::CtlPayment(Request& req) {
  auto provider = ParseProvider(req.path_params["provider"]);
  if (!provider) return http::Problem(404, "http.not_found"_code, "not-found", "no such provider", req);
  std::lock_guard lock(mu_);
  Payment* pay = FindAny(*provider, req.path_params["ref"]);
  if (!pay) return http::Problem(404, "http.not_found"_code, "not-found", "no payment with this reference", req);
  return Json(200, ControlView(*pay));
}

Response Simulator::CtlComplete(Request& req) {
  auto provider = ParseProvider(req.path_params["provider"]);
  if (!provider) return http::Problem(404, "http.not_found"_code, "not-found", "no such provider", req);
  auto body = ParseObject(req.body.empty() ? "{}" : req.body);
  if (!body) return http::Problem(400, "json.malformed"_code, "invalid-json", "the body must be a JSON object", req);
  const std::string outcome = Str(*body, "outcome");
  if (outcome != "success" && outcome != "failure")
    return Invalid(req, "outcome", "outcome.unknown"_code, "outcome must be success or failure");
  std::string msisdn;
  if (body->contains("msisdn")) {
    msisdn = NormaliseMsisdn(Str(*body, "msisdn"));
    if (msisdn.empty())
      return Invalid(req, "msisdn", "msisdn.format"_code, "msisdn must be 8 digits, optionally prefixed by +223");
  }
  std::lock_guard lock(mu_);
  Payment* pay = FindAny(*provider, req.path_params["ref"]);
  if (!pay) return http::Problem(404, "http.not_found"_code, "not-found", "no payment with this reference", req);
  if (msisdn.empty() && pay->msisdn.empty()) msisdn = "70" + pay->otp;
  std::string why;
  if (!Complete(*pay, outcome == "success", msisdn, &why))
    return http::Problem(409, "paysim.conflict"_code, "conflict", why, req);
  return Json(200, ControlView(*pay));
}

Response Simulator::CtlCallbacks(Request& req) {
  std::optional<Provider> filter;
  if (req.query.count("provider")) {
    filter = ParseProvider(req.query["provider"]);
    if (!filter)
      return Invalid(req, "provider", "provider.unknown"_code, "provider must be orange, wave, cinetpay or momo");
  }
  const std::string reference = req.query.count("reference") ? req.query["reference"] : "";
  std::lock_guard lock(mu_);
  json::array out;
  for (const auto& d : deliveries_) {
    if (filter && d.provider != *filter) continue;
    if (!reference.empty() && d.reference != reference) continue;
    out.push_back(DeliveryView(d));
  }
  return Json(200, {{"callbacks", std::move(out)}});
}

Response Simulator::CtlArmFault(Request& req) {
  auto body = ParseObject(req.body);
  if (!body) return http::Problem(400, "json.malformed"_code, "invalid-json", "the body must be a JSON object", req);
  auto kind = ParseFault(Str(*body, "fault"));
  if (!kind) return Invalid(req, "fault", "fault.unknown"_code, "unknown fault (see docs/formats/paysim.md)");
  std::optional<Provider> provider;
  if (body->contains("provider")) {
    provider = ParseProvider(Str(*body, "provider"));
    if (!provider)
      return Invalid(req, "provider", "provider.unknown"_code, "provider must be orange, wave, cinetpay or momo");
  }
  int64_t count = 1;
  if (auto* c = body->if_contains("count")) {
    if (!c->is_int64() || c->as_int64() < 1 || c->as_int64() > 100000)
      return Invalid(req, "count", "count.range"_code, "count must be an integer from 1 to 100000");
    count = c->as_int64();
  }
  std::map<std::string, int64_t> params;
  if (auto* p = body->if_contains("params")) {
    if (!p->is_object()) return Invalid(req, "params", "params.type"_code, "params must be an object of integers");
    for (const auto& [k, v] : p->as_object()) {
      if (v.is_bool())
        params[std::string(k)] = v.as_bool() ? 1 : 0;
      else if (v.is_int64())
        params[std::string(k)] = v.as_int64();
      else
        return Invalid(req, "params/" + std::string(k), "params.type"_code, "parameters are integers (or booleans)");
    }
  }
  auto fault = MakeFault(*kind, params);
  if (!fault) return http::Problem(fault.error(), req);
  const std::string reference = Str(*body, "reference");
  std::lock_guard lock(mu_);
  auto id = scheduler_.Arm(*fault, provider, reference, count);
  if (!id) return http::Problem(id.error(), req);
  // A reference that already exists takes the fault from now on.
  if (!reference.empty()) {
    for (auto& pay : payments_)
      if (pay->reference == reference && (!provider || pay->provider == *provider) &&
          FaultApplies(*kind, pay->provider)) {
        pay->fault = *fault;
        if (*kind == FaultKind::kAmountMismatch)
          pay->recorded_amount = std::max<int64_t>(1, pay->amount + fault->Param("delta"));
      }
  }
  json::object p;
  for (const auto& [k, v] : fault->params) p[k] = v;
  return Json(201, {{"id", *id},
                    {"fault", FaultName(*kind)},
                    {"provider", provider ? json::value(ProviderName(*provider)) : json::value(nullptr)},
                    {"reference", reference},
                    {"count", count},
                    {"params", std::move(p)}});
}

Response Simulator::CtlFaults(Request&) {
  std::lock_guard lock(mu_);
  json::array out;
  for (const auto& a : scheduler_.armed()) {
    json::object p;
    for (const auto& [k, v] : a.fault.params) p[k] = v;
    out.push_back({{"id", a.id},
                   {"fault", FaultName(a.fault.kind)},
                   {"provider", a.provider ? json::value(ProviderName(*a.provider)) : json::value(nullptr)},
                   {"reference", a.reference},
                   {"remaining", a.remaining},
                   {"params", std::move(p)}});
  }
  return Json(200, {{"faults", std::move(out)}, {"random", config_.fault_spec}});
}

Response Simulator::CtlClearFaults(Request&) {
  std::lock_guard lock(mu_);
  scheduler_.Clear();
  return NoContent();
}

Response Simulator::CtlClock(Request&) {
  const int64_t now = Now();
  return Json(200, {{"now", now}, {"iso", Iso(now)}});
}

Response Simulator::CtlClockAdvance(Request& req) {
  auto body = ParseObject(req.body);
  if (!body) return http::Problem(400, "json.malformed"_code, "invalid-json", "the body must be a JSON object", req);
  auto* s = body->if_contains("seconds");
  if (!s || !s->is_int64() || s->as_int64() < 0 || s->as_int64() > 366LL * 86400)
    return Invalid(req, "seconds", "seconds.range"_code, "seconds must be an integer from 0 to 31622400");
  std::lock_guard lock(mu_);
  clock_offset_ += s->as_int64();
  for (auto& pay : payments_) Refresh(*pay);
  const int64_t now = Now();
  return Json(200, {{"now", now}, {"iso", Iso(now)}});
}

Response Simulator::CtlReset(Request&) {
  std::lock_guard lock(mu_);
  payments_.clear();
  by_reference_.clear();
  by_provider_id_.clear();
  wave_idempotency_.clear();
  momo_refunds_.clear();
  // Access tokens survive: a platform's cached Orange/MoMo token stays valid.
  // Callbacks in flight finish and are forgotten.
  deliveries_.clear();
  pending_.clear();
  first_delivery_ = next_delivery_;
  timers_.clear();
  plants_.clear();
  scheduler_ = FaultScheduler(config_.seed, config_.fault_probability);
  clock_offset_ = 0;
  return NoContent();
}

// ---------------------------------------------------------------- statements

std::vector<Simulator::Line> Simulator::StatementLines(Provider p, const std::string& date) {
  std::vector<Line> lines;
  for (auto& pay : payments_) {
    if (pay->provider != p) continue;
    Refresh(*pay);
    if (pay->state == State::kSucceeded && Day(pay->completed_at) == date) {
      Line l{pay->reference,
             pay->provider_id,
             pay->txn_id,
             pay->msisdn,
             pay->currency,
             pay->recorded_amount,
             Fee(pay->recorded_amount, FeeBp(p)),
             pay->completed_at,
             false};
      lines.push_back(l);
    }
    if (pay->refunded && Day(pay->refunded_at) == date) {
      Line l{pay->reference,
             pay->provider_id,
             pay->refund_txn_id,
             pay->msisdn,
             pay->currency,
             pay->refunded_amount,
             0,
             pay->refunded_at,
             true};
      lines.push_back(l);
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.timestamp < b.timestamp; });
  for (const Plant& plant : plants_) {
    if (plant.provider != p || plant.date != date) continue;
    if (plant.kind == "extra_line") {
      int64_t noon = 0;
      ParseDate(date, &noon);
      Line l;
      l.reference = "paysim-extra-" + std::to_string(plant.n);
      l.provider_id = "extra-" + Derived("extra-id", plant.n, "abcdefghijklmnopqrstuvwxyz0123456789", 12);
      l.txn_id = "X" + Derived("extra-txn", plant.n, "0123456789", 10);
      l.msisdn = "7" + Derived("extra-msisdn", plant.n, "0123456789", 7);
      l.amount = 5000;
      l.fee = Fee(5000, FeeBp(p));
      l.timestamp = noon + 12 * int64_t{3600};
      lines.push_back(l);
      continue;
    }
    for (auto it = lines.begin(); it != lines.end(); ++it) {
      if (it->reversal || it->reference != plant.reference) continue;
      if (plant.kind == "missing_line")
        lines.erase(it);
      else if (plant.kind == "amount_mismatch")
        it->amount += 500;
      else if (plant.kind == "fee_variance")
        it->fee += 25;
      break;
    }
  }
  return lines;
}

json::object Simulator::WaveTransactionsJson(const std::string& date) {
  // The running balance counts every earlier day's lines too.
  int64_t balance = 0;
  for (auto& pay : payments_) {
    if (pay->provider != Provider::kWave) continue;
    Refresh(*pay);
    const int64_t net = pay->recorded_amount - Fee(pay->recorded_amount, 100);
    if (pay->state == State::kSucceeded && Day(pay->completed_at) < date) balance += net;
    if (pay->refunded && Day(pay->refunded_at) < date) balance -= net;
  }
  json::array items;
  for (const Line& l : StatementLines(Provider::kWave, date)) {
    const int64_t net = l.reversal ? -(l.amount - Fee(l.amount, 100)) : l.amount - l.fee;
    balance += net;
    items.push_back({{"timestamp", Iso(l.timestamp)},
                     {"transaction_id", l.txn_id},
                     {"transaction_type", l.reversal ? "merchant_payment_refund" : "merchant_payment"},
                     {"amount", std::to_string(net)},
                     {"fee", std::to_string(l.reversal ? 0 : l.fee)},
                     {"balance", std::to_string(balance)},
                     {"currency", l.currency},
                     {"client_reference", l.reference},
                     {"checkout_api_session_id", l.provider_id},
                     {"counterparty_name", "Client simulé"},
                     {"counterparty_mobile", "+223" + l.msisdn},
                     {"is_reversal", l.reversal}});
  }
  return {{"page_info", {{"start_cursor", nullptr}, {"end_cursor", nullptr}, {"has_next_page", false}}},
          {"date", date},
          {"items", std::move(items)}};
}

Response Simulator::RenderStatement(Provider p, const std::string& date, const Request& req) {
  if (p == Provider::kWave) return Json(200, WaveTransactionsJson(date));
  const auto lines = StatementLines(p, date);
  Response r;
  if (p == Provider::kMomo) {
    json::array tx;
    for (const Line& l : lines) {
      // externalId is the merchant's id given at requesttopay (or at the refund).
      Payment* pay = FindByReference(Provider::kMomo, l.reference);
      json::object v{{"financialTransactionId", l.txn_id},
                     {"externalId", pay ? (l.reversal ? pay->refund_external_id : Str(pay->echo, "externalId")) : ""},
                     {"referenceId", l.reversal && pay ? pay->refund_reference : l.reference},
                     {"amount", std::to_string(l.amount)},
                     {"fee", std::to_string(l.fee)},
                     {"currency", l.currency},
                     {"status", "SUCCESSFUL"},
                     {"payer", l.msisdn},
                     {"timestamp", Iso(l.timestamp)}};
      if (l.reversal) {
        v["type"] = "REFUND";
        v["referenceIdToRefund"] = l.reference;
      }
      tx.push_back(std::move(v));
    }
    return Json(200, {{"date", date}, {"transactions", std::move(tx)}});
  }
  r.content_type = "text/csv; charset=utf-8";
  if (p == Provider::kOrange) {
    r.body = "date,txnid,order_id,reference,msisdn,amount,fee,net,currency,status\r\n";
    for (const Line& l : lines) {
      Payment* pay = FindByReference(Provider::kOrange, l.reference);
      r.body += Csv(DateTime(l.timestamp), ',') + "," + Csv(l.txn_id, ',') + "," + Csv(l.reference, ',') + "," +
                Csv(pay ? pay->description : "", ',') + "," + Csv(l.msisdn, ',') + "," + std::to_string(l.amount) +
                "," + std::to_string(l.fee) + "," + std::to_string(l.amount - l.fee) + "," + l.currency +
                ",SUCCESS\r\n";
    }
  } else {
    r.body = "transaction_id;operator_id;payment_date;amount;fees;currency;status;payment_method;phone\r\n";
    for (const Line& l : lines)
      r.body += Csv(l.reference, ';') + ";" + Csv(l.txn_id, ';') + ";" + DateTime(l.timestamp) + ";" +
                std::to_string(l.amount) + ";" + std::to_string(l.fee) + ";" + l.currency + ";ACCEPTED;MOOVML;" +
                Csv(l.msisdn, ';') + "\r\n";
  }
  r.AddHeader("Content-Disposition", "attachment; filename=\"" + std::string(ProviderName(p)) + "-" + date +
                                         (p == Provider::kOrange || p == Provider::kCinetPay ? ".csv\"" : ".json\""));
  (void)req;
  return r;
}

Response Simulator::CtlStatement(Request& req) {
  auto provider = ParseProvider(req.path_params["provider"]);
  if (!provider) return http::Problem(404, "http.not_found"_code, "not-found", "no such provider", req);
  const std::string date = req.query.count("date") ? req.query["date"] : "";
  int64_t unused = 0;
  if (!ParseDate(date, &unused)) return Invalid(req, "date", "date.format"_code, "date must be YYYY-MM-DD");
  std::lock_guard lock(mu_);
  return RenderStatement(*provider, date, req);
}

Response Simulator::CtlPlant(Request& req) {
  auto provider = ParseProvider(req.path_params["provider"]);
  if (!provider) return http::Problem(404, "http.not_found"_code, "not-found", "no such provider", req);
  auto body = ParseObject(req.body);
  if (!body) return http::Problem(400, "json.malformed"_code, "invalid-json", "the body must be a JSON object", req);
  const std::string date = Str(*body, "date");
  int64_t unused = 0;
  if (!ParseDate(date, &unused)) return Invalid(req, "date", "date.format"_code, "date must be YYYY-MM-DD");
  const std::string kind = Str(*body, "kind");
  if (std::find(PlantKinds().begin(), PlantKinds().end(), kind) == PlantKinds().end())
    return Invalid(req, "kind", "kind.unknown"_code,
                   "kind must be missing_line, extra_line, amount_mismatch or fee_variance");
  std::string reference = Str(*body, "reference");
  std::lock_guard lock(mu_);
  Plant plant{*provider, date, kind, reference, plants_.size() + 1};
  if (kind != "extra_line") {
    std::vector<std::string> candidates;
    for (const Line& l : StatementLines(*provider, date))
      if (!l.reversal && l.reference.rfind("paysim-extra-", 0) != 0) candidates.push_back(l.reference);
    if (reference.empty()) {
      if (candidates.empty())
        return http::Problem(409, "paysim.conflict"_code, "conflict", "no paid line on " + date + " to plant into",
                             req);
      plant.reference = candidates[DeriveU64(config_.seed, "plant", plant.n) % candidates.size()];
    } else if (std::find(candidates.begin(), candidates.end(), reference) == candidates.end()) {
      return http::Problem(409, "paysim.conflict"_code, "conflict", "no paid line with this reference on " + date, req);
    }
  } else {
    plant.reference = "paysim-extra-" + std::to_string(plant.n);
  }
  plants_.push_back(plant);
  return Json(201, {{"provider", ProviderName(plant.provider)},
                    {"date", plant.date},
                    {"kind", plant.kind},
                    {"reference", plant.reference}});
}

}  // namespace origine::paysim
