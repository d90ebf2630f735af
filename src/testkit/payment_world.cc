#include "testkit/payment_world.h"

#include <boost/json.hpp>

#include "payments/ledger.h"
#include "testkit/regimes.h"

namespace origine::testkit {
namespace json = boost::json;

payments::PaymentsOptions PaymentWorldOptions() {
  payments::PaymentsOptions o;
  o.public_url = "http://us";
  o.issuer_name = "APEX";
  o.intent_ttl_seconds = 600;
  o.poll_initial_seconds = 5;
  o.late_window_seconds = 3600;
  o.regimes = Regimes();
  return o;
}

Result<pki::ActiveSigner> NoSigner::Active(storage::Tx&, int64_t) {
  return Error::Unavailable("key.no_signer"_code, "no signing key in this test");
}

PaymentWorld::PaymentWorld(payments::PaymentsOptions options) : PaymentWorld(std::move(options), {}) {}

PaymentWorld::PaymentWorld(payments::PaymentsOptions options,
                           std::map<std::string, std::unique_ptr<payments::PaymentProvider>> providers) {
  db = OpenDb(dir.path());
  if (!db) return;
  people = SeedPeople(*db, clock);
  apps = std::make_unique<certificates::ApplicationService>(*db, clock, Regimes(), signer_, log_,
                                                            certificates::IssuerConfig{});
  providers["wave"] = std::make_unique<ScriptedProvider>(script);
  pay = std::make_unique<payments::PaymentService>(*db, clock, std::move(providers), std::move(options));
  apps->SetPaymentGate(pay.get());
}

PaymentWorld::~PaymentWorld() {
  pay.reset();
  apps.reset();
  db.reset();
}

int64_t PaymentWorld::AwaitingPayment() {
  auto app = apps->Create(people.exporter, json::parse(R"({
    "regime": "ETLS", "consignee": {"name": "Dakar Import", "address": "Rue 10, Dakar", "country": "SN"},
    "origin_country": "ML", "destination_country": "SN", "transport": {"mode": "road", "details": "Camion"},
    "invoice": {"number": "F-1", "date": "2026-11-20"},
    "goods": [{"hs_code": "120740", "description": "Sésame", "quantity": "20000", "unit": "kg",
               "gross_weight_kg": "20100", "net_weight_kg": "20000", "value_xof": 12000000}]})"),
                          kMeta);
  EXPECT_THAT(app, IsOk());
  if (!app) return 0;
  const int64_t id = (*app)["id"].as_int64();
  auto sub = apps->Submit(people.exporter, id, kMeta);
  EXPECT_THAT(sub, IsOk());
  if (sub) {
    EXPECT_EQ((*sub)["status"].as_string(), "awaiting_payment");
  }
  return id;
}

std::string PaymentWorld::ApplicationStatus(int64_t id) {
  auto app = apps->Get(people.admin, id);
  EXPECT_THAT(app, IsOk());
  return app ? std::string((*app)["status"].as_string()) : "";
}

std::string PaymentWorld::Pay(int64_t id, const std::string& idempotency_key) {
  bool replayed = false;
  auto intent = pay->CreateIntent(people.exporter, id, "wave", "", idempotency_key, kMeta, &replayed);
  EXPECT_THAT(intent, IsOk());
  return intent ? std::string((*intent)["reference"].as_string()) : "";
}

std::string PaymentWorld::Paid() {
  std::string ref = Pay(AwaitingPayment());
  script.status = {payments::RemoteStatus::kSucceeded, "T-" + ref.substr(0, 4), 1500, ""};
  EXPECT_EQ(Callback(ref, "paid-" + ref).outcome, "accepted");
  EXPECT_THAT(pay->ProcessInbox(10), IsOk());
  EXPECT_EQ(State(ref), "succeeded");
  return ref;
}

payments::PaymentService::CallbackAnswer PaymentWorld::Callback(const std::string& reference,
                                                                const std::string& event) {
  payments::CallbackRequest r;
  r.query = {{"ref", reference}};
  r.body = event;
  r.now = clock.NowUnix();
  return pay->ReceiveCallback("wave", r);
}

json::object PaymentWorld::Intent(const std::string& reference) { return Intent(reference, people.admin); }

json::object PaymentWorld::Intent(const std::string& reference, const Principal& who) {
  auto i = pay->GetIntent(who, reference);
  EXPECT_THAT(i, IsOk());
  return i ? *i : json::object{};
}

std::string PaymentWorld::State(const std::string& reference) {
  auto i = Intent(reference);
  return i.contains("state") ? std::string(i["state"].as_string()) : "";
}

std::string PaymentWorld::RefundState(const std::string& reference) {
  auto i = Intent(reference);
  return !i.contains("refund") || i["refund"].is_null() ? ""
                                                        : std::string(i["refund"].as_object()["state"].as_string());
}

bool PaymentWorld::Balanced() {
  auto tx = db->Begin(false);
  if (!tx) return false;
  auto balances = payments::Balances(**tx);
  auto unbalanced = payments::UnbalancedEntries(**tx);
  if (!balances || !unbalanced) return false;
  int64_t sum = 0;
  for (const auto& [account, amount] : *balances) sum += amount;
  return sum == 0 && unbalanced->empty();
}

int64_t PaymentWorld::Balance(const std::string& account) {
  auto tx = db->Begin(false);
  if (!tx) return 0;
  auto balances = payments::Balances(**tx);
  if (!balances) return 0;
  auto it = balances->find(account);
  return it == balances->end() ? 0 : it->second;
}

}  // namespace origine::testkit
