#include "api/authz_matrix_fixture.h"

#include <gtest/gtest.h>

#include "testkit/regimes.h"

namespace origine::api::matrix {
namespace json = boost::json;

namespace {

const RequestMeta& kMeta = testkit::kMeta;

// Plays "wave" for the payments service: initiations are accepted; a
// reference the script marks paid answers "succeeded"; callbacks are
// authentic, their body is the event key; statements have no lines; refunds
// are manual (no refund API).
class ScriptedWave : public payments::PaymentProvider {
 public:
  explicit ScriptedWave(const ProviderScript& script) : script_(script) {}
  const std::string& name() const override { return name_; }
  payments::InitResult Initiate(const payments::InitRequest& r) override {
    payments::InitResult out;
    out.outcome = payments::InitOutcome::kAccepted;
    out.provider_ref = "cos-" + r.reference.substr(0, 8);
    out.payment_url = "http://127.0.0.1:1/pay/" + out.provider_ref;
    return out;
  }
  Result<payments::StatusResult> Status(const payments::IntentRef& r) override {
    auto it = script_.paid.find(r.reference);
    if (it == script_.paid.end()) return payments::StatusResult{payments::RemoteStatus::kPending, "", std::nullopt, ""};
    return payments::StatusResult{payments::RemoteStatus::kSucceeded, "T-" + r.reference.substr(0, 8), it->second, ""};
  }
  payments::CallbackCheck VerifyCallback(const payments::CallbackRequest& r, const std::string&) override {
    payments::CallbackCheck c;
    c.verdict = payments::CallbackVerdict::kAccepted;
    c.event_key = r.body;
    c.reference = r.query.count("ref") ? r.query.at("ref") : "";
    return c;
  }
  Result<std::vector<payments::StatementLine>> ParseStatement(const std::string&) override {
    return std::vector<payments::StatementLine>{};
  }

 private:
  const ProviderScript& script_;
  std::string name_ = "wave";
};

template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r) ADD_FAILURE() << what << ": " << r.error().code << " " << r.error().message;
  if (!r) throw std::runtime_error(what);
  return std::move(*r);
}

}  // namespace

World::World(const ApiOptions& api_options) {
  db = testkit::OpenDb(dir.path());
  if (!db) throw std::runtime_error("no database");
  people = testkit::SeedPeople(*db, clock);
  store_ = Must(trust::FileKeyStore::Open(dir.File("keys"), "test passphrase 0123456789", 10), "key store");
  keys_ = std::make_unique<pki::KeyManager>(*db, clock, *store_, log_, pki::KeyOptions{});
  Must(keys_->EnsureInitialKeys(kMeta, {"ETLS", "NP", "UEMOA"}), "keys");
  trust_ = std::make_unique<pki::DbTrustListSource>(*db);
  log_signer_ = std::make_unique<tlog::NoteSigner>(Must(tlog::NoteSigner::Generate("test.local/log"), "note key"));
  identity_ = std::make_unique<identity::IdentityService>(*db, clock);
  apps_ = std::make_unique<certificates::ApplicationService>(*db, clock, testkit::Regimes(), *keys_, log_,
                                                             certificates::IssuerConfig{});
  certs_ = std::make_unique<certificates::CertificateService>(*db, clock, *trust_, certificates::IssuerConfig{});
  std::map<std::string, std::unique_ptr<payments::PaymentProvider>> providers;
  providers["wave"] = std::make_unique<ScriptedWave>(script);
  payments::PaymentsOptions options;
  options.public_url = "http://127.0.0.1:1";
  options.issuer_name = "APEX-Mali";
  options.regimes = testkit::Regimes();
  pay_ = std::make_unique<payments::PaymentService>(*db, clock, std::move(providers), options);
  apps_->SetPaymentGate(pay_.get());
  rec_ = std::make_unique<payments::Reconciler>(*db, clock, *pay_, payments::ReconcileOptions{});
  reg_ = std::make_unique<registry::RegistryService>(*db, clock);
  api = std::make_unique<Api>(*db, clock, *identity_, *apps_, *certs_, *keys_, *trust_, log_, *log_signer_, api_options,
                              pay_.get(), rec_.get());
}

World::~World() = default;

Headers World::SessionOf(const Principal& who) {
  if (auto it = sessions_.find(who.user_id); it != sessions_.end()) return it->second;
  http::Response r = Call(nullptr, "POST", "/api/v1/auth/login",
                          json::serialize(json::object{{"email", who.email}, {"password", "password-12345"}}));
  if (r.status != 200) throw std::runtime_error("cannot log in " + who.email + ": " + r.body);
  Headers h;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie") h["cookie"] = v.substr(0, v.find(';'));
  h["x-csrf-token"] = std::string(json::parse(r.body).at("csrf_token").as_string());
  return sessions_[who.user_id] = h;
}

http::Response World::Call(const Principal* who, const std::string& method, const std::string& target,
                           const std::string& body) {
  http::Request req;
  req.method = method;
  req.target = target;
  req.body = body;
  req.remote_ip = "127.0.0.1";
  req.request_id = "matrix";
  if (!body.empty()) req.headers.Set("content-type", "application/json");
  if (who) {
    Headers h = SessionOf(*who);
    req.headers.Set("cookie", h["cookie"]);
    if (method != "GET") req.headers.Set("x-csrf-token", h["x-csrf-token"]);
  }
  return api->Handle(req);
}

json::value World::ApplicationInput() {
  return json::parse(R"({
    "regime": "ETLS",
    "consignee": {"name": "Dakar Import", "address": "Rue 10, Dakar", "country": "SN"},
    "origin_country": "ML", "destination_country": "SN",
    "transport": {"mode": "road", "details": "Camion AB-123"},
    "invoice": {"number": "F-1", "date": "2026-11-20"},
    "goods": [{"hs_code": "120740", "description": "Sésame", "quantity": "20000", "unit": "kg",
               "gross_weight_kg": "20100", "net_weight_kg": "20000", "value_xof": 12000000}]})");
}

json::value World::ProductInput() {
  return json::parse(R"({"name": "Beurre de karité raffiné", "hs_code": "151590", "producer": "Usine de Ségou",
    "product_kind": "industrial", "ex_works_xof": 1000000,
    "materials": [{"hs_code": "3923", "description": "Pots importés", "cif_xof": 250000}],
    "processes": ["refining"]})");
}

int64_t World::Draft() {
  return Must(apps_->Create(people.exporter, ApplicationInput(), kMeta), "draft")["id"].as_int64();
}

int64_t World::AwaitingPayment() {
  const int64_t id = Draft();
  json::object app = Must(apps_->Submit(people.exporter, id, kMeta), "submit");
  if (app["status"] != "awaiting_payment") throw std::runtime_error("ETLS charges a fee: awaiting_payment expected");
  return id;
}

std::string World::PendingPayment(int64_t application_id) {
  bool replayed = false;
  json::object intent =
      Must(pay_->CreateIntent(people.exporter, application_id, "wave", "", "", kMeta, &replayed), "intent");
  return std::string(intent["reference"].as_string());
}

std::string World::PaidPayment() {
  std::string ref = PendingPayment(AwaitingPayment());
  script.paid[ref] = 1500;  // the ETLS fee
  payments::CallbackRequest cb;
  cb.query = {{"ref", ref}};
  cb.body = "paid-" + ref;
  cb.now = clock.NowUnix();
  if (pay_->ReceiveCallback("wave", cb).status != 200) throw std::runtime_error("callback refused");
  Must(pay_->ProcessInbox(10), "inbox");
  if (Must(pay_->GetIntent(people.admin, ref), "intent")["state"] != "succeeded")
    throw std::runtime_error("the payment did not settle");
  return ref;
}

int64_t World::Submitted() {
  std::string ref = PaidPayment();
  return Must(pay_->GetIntent(people.admin, ref), "intent")["application_id"].as_int64();
}

int64_t World::Approved() {
  const int64_t id = Submitted();
  Must(apps_->Approve(people.agent, id, "", kMeta), "approve");
  return id;
}

std::string World::Issued() {
  json::object app = Must(apps_->Sign(people.signatory, Approved(), kMeta), "sign");
  return std::string(app["certificate_number"].as_string());
}

std::string World::RefundPending() {
  std::string ref = PaidPayment();
  Must(pay_->Refund(people.admin, ref, "test", kMeta), "refund");
  return ref;
}

int64_t World::Product() {
  return Must(reg_->CreateProduct(people.exporter, ProductInput(), kMeta), "product")["id"].as_int64();
}

int64_t World::ApprovalRequest() {
  return Must(reg_->RequestApproval(people.exporter, Product(), "ETLS", kMeta), "approval")["id"].as_int64();
}

int64_t World::ApprovedExporterStatus() {
  registry::RegimeResolver resolve = [](const std::string& code) -> std::optional<std::string> { return code; };
  const json::value grant =
      json::parse(R"({"regime": "ETLS", "number": "AE-ML-2026-07", "valid_until": "2027-06-30"})");
  return Must(reg_->GrantCompanyApproval(people.agent, people.company, grant, resolve, kMeta), "grant")["id"]
      .as_int64();
}

int64_t World::CompanyUser(bool active) {
  const int n = Next();
  identity::CompanyUser u =
      Must(identity_->AddCompanyUser(people.exporter, people.company, "user" + std::to_string(n) + "@matrix.ml",
                                     "User " + std::to_string(n), "password-12345", kMeta),
           "user");
  if (!active) Must(identity_->SetCompanyUserActive(people.exporter, people.company, u.id, false, kMeta), "disable");
  return u.id;
}

int64_t World::Reconciliation() {
  json::object r =
      Must(rec_->Import(people.admin, "wave", Today(), "statement " + std::to_string(Next()), kMeta), "import");
  return r["id"].as_int64();
}

uint64_t World::LogSize() {
  auto tx = Must(db->Begin(false), "tx");
  return Must(log_.Head(*tx), "head").size;
}

}  // namespace origine::api::matrix
