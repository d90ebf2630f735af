// PaymentService with a scripted provider: the workflow step, one success
// posting per intent, unclear initiation, expiry and late success, refunds,
// forged callbacks, idempotency and authorization.
#include "payments/service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <set>

#include "app/schema.h"
#include "audit/audit.h"
#include "certificates/regimes.h"
#include "identity/identity_service.h"
#include "origin/engine.h"
#include "payments/ledger.h"
#include "registry/registry.h"
#include "storage/sqlite_db.h"
#include "testkit/regimes.h"
#include "tlog/log.h"
#include "trust/key_store.h"

namespace origine::payments {
namespace {
namespace json = boost::json;

struct Script {
  InitOutcome init = InitOutcome::kAccepted;
  StatusResult status{RemoteStatus::kPending, "", std::nullopt, ""};
  std::map<std::string, StatusResult> status_of;  // by reference, before `status`
  CallbackVerdict verdict = CallbackVerdict::kAccepted;
  int initiations = 0;
  int status_queries = 0;
  // Refunds: off by default (manual mode, like Orange and CinetPay).
  bool refund_api = false;
  RefundOutcome refund = RefundOutcome::kDone;
  StatusResult refund_status{RemoteStatus::kPending, "", std::nullopt, ""};
  std::vector<RefundRequest> refunds;
  int refund_status_queries = 0;
};

class ScriptedProvider : public PaymentProvider {
 public:
  explicit ScriptedProvider(Script& s) : s_(s) {}
  const std::string& name() const override { return name_; }
  InitResult Initiate(const InitRequest& r) override {
    ++s_.initiations;
    InitResult out;
    out.outcome = s_.init;
    if (s_.init == InitOutcome::kAccepted) {
      out.provider_ref = "cos-" + r.reference.substr(0, 8);
      out.payment_url = "http://sim/pay/wave/" + out.provider_ref;
    }
    return out;
  }
  Result<StatusResult> Status(const IntentRef& r) override {
    ++s_.status_queries;
    auto it = s_.status_of.find(r.reference);
    return it != s_.status_of.end() ? it->second : s_.status;
  }
  CallbackCheck VerifyCallback(const CallbackRequest& r, const std::string&) override {
    CallbackCheck c;
    c.verdict = s_.verdict;
    c.event_key = r.body;
    c.reference = r.query.count("ref") ? r.query.at("ref") : "";
    return c;
  }
  Result<std::vector<StatementLine>> ParseStatement(const std::string&) override {
    return std::vector<StatementLine>{};
  }
  bool HasRefundApi() const override { return s_.refund_api; }
  RefundResult Refund(const RefundRequest& r) override {
    s_.refunds.push_back(r);
    RefundResult out;
    out.outcome = s_.refund;
    out.detail = "POST /v1/checkout/sessions/" + r.provider_ref + "/refund (HTTP x)";
    if (s_.refund == RefundOutcome::kDone) out.provider_refund_id = "TR-" + r.refund_reference.substr(0, 4);
    return out;
  }
  Result<StatusResult> RefundStatus(const RefundRequest&) override {
    ++s_.refund_status_queries;
    return s_.refund_status;
  }

 private:
  Script& s_;
  std::string name_ = "wave";
};

class PaymentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("origine-paysvc-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(*storage::OpenSqlite((dir_ / "t.db").string()));
    std::vector<storage::Migration> all = app::AllMigrations();
    ASSERT_TRUE(db_->Migrate(all));
    auto store = trust::FileKeyStore::Open((dir_ / "keys").string(), "test passphrase 0123456789", 10);
    ASSERT_TRUE(store) << store.error().message;
    keys_ = std::move(*store);
    signers_ = std::make_unique<pki::KeyManager>(*db_, clock_, *keys_, log_, pki::KeyOptions{});
    ASSERT_TRUE(signers_->EnsureInitialKeys(meta_, {"ETLS", "NP", "UEMOA"}));
    apps_ = std::make_unique<certificates::ApplicationService>(*db_, clock_, testkit::Regimes(), *signers_, log_,
                                                               certificates::IssuerConfig{});
    std::map<std::string, std::unique_ptr<PaymentProvider>> providers;
    providers["wave"] = std::make_unique<ScriptedProvider>(script_);
    PaymentsOptions o;
    o.public_url = "http://us";
    o.issuer_name = "APEX";
    o.intent_ttl_seconds = 600;
    o.poll_initial_seconds = 5;
    o.late_window_seconds = 3600;
    o.regimes = testkit::Regimes();
    pay_ = std::make_unique<PaymentService>(*db_, clock_, std::move(providers), o);
    apps_->SetPaymentGate(pay_.get());
    identity::IdentityService ids(*db_, clock_);
    int64_t c1 = *ids.EnsureCompany({"Sahel Sésame SARL", "084151646T", "MA.BKO.2023.B.4040", "Bamako"}, meta_);
    int64_t c2 = *ids.EnsureCompany({"Niger Karité SA", "091234567K", "MA.SGO.2024.A.120", "Ségou"}, meta_);
    exporter_ = Make(ids, "e1@t.ml", Role::kExporter, c1);
    other_ = Make(ids, "e2@t.ml", Role::kExporter, c2);
    agent_ = Make(ids, "a@t.ml", Role::kAgent, std::nullopt);
    admin_ = Make(ids, "ad@t.ml", Role::kAdmin, std::nullopt);
  }
  void TearDown() override {
    pay_.reset();
    apps_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  Principal Make(identity::IdentityService& ids, const std::string& email, Role role, std::optional<int64_t> company) {
    Principal p;
    p.user_id = *ids.EnsureUser({email, email, "password-1", role, company}, meta_);
    p.email = email;
    p.role = role;
    p.company_id = company;
    return p;
  }
  int64_t Submitted() {
    auto app = apps_->Create(exporter_, json::parse(R"({
      "regime": "ETLS", "consignee": {"name": "Dakar Import", "address": "Rue 10, Dakar", "country": "SN"},
      "origin_country": "ML", "destination_country": "SN", "transport": {"mode": "road", "details": "Camion"},
      "invoice": {"number": "F-1", "date": "2026-11-20"},
      "goods": [{"hs_code": "120740", "description": "Sésame", "quantity": "20000", "unit": "kg",
                 "gross_weight_kg": "20100", "net_weight_kg": "20000", "value_xof": 12000000}]})"),
                             meta_);
    EXPECT_TRUE(app) << app.error().message;
    const int64_t id = (*app)["id"].as_int64();
    auto sub = apps_->Submit(exporter_, id, meta_);
    EXPECT_TRUE(sub) << sub.error().message;
    EXPECT_EQ((*sub)["status"].as_string(), "awaiting_payment");
    return id;
  }
  std::string Pay(int64_t id, const std::string& key = "") {
    bool replayed = false;
    auto intent = pay_->CreateIntent(exporter_, id, "wave", "", key, meta_, &replayed);
    EXPECT_TRUE(intent) << intent.error().message;
    return intent ? std::string((*intent)["reference"].as_string()) : "";
  }
  std::string State(const std::string& ref) {
    return std::string((*pay_->GetIntent(admin_, ref))["state"].as_string());
  }
  std::string AppStatus(int64_t id) { return std::string((*apps_->Get(admin_, id))["status"].as_string()); }
  int64_t Count(const std::string& sql) {
    auto tx = *db_->Begin(false);
    return (*tx->Query(sql)).at(0).Int(0);
  }
  PaymentService::CallbackAnswer Callback(const std::string& ref, const std::string& event) {
    CallbackRequest r;
    r.query = {{"ref", ref}};
    r.body = event;
    r.now = clock_.NowUnix();
    return pay_->ReceiveCallback("wave", r);
  }
  std::string Paid() {
    const int64_t id = Submitted();
    const std::string ref = Pay(id);
    script_.status = {RemoteStatus::kSucceeded, "T-" + ref.substr(0, 4), 1500, ""};
    EXPECT_EQ(Callback(ref, "paid-" + ref).outcome, "accepted");
    EXPECT_TRUE(pay_->ProcessInbox(10));
    EXPECT_EQ(State(ref), "succeeded");
    return ref;
  }
  json::object Intent(const std::string& ref, const Principal& who) { return *pay_->GetIntent(who, ref); }
  std::string RefundState(const std::string& ref) {
    auto i = Intent(ref, admin_);
    return i["refund"].is_null() ? "" : std::string(i["refund"].as_object()["state"].as_string());
  }
  int64_t RefundEntries() { return Count("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'refund'"); }
  bool Balanced() {
    auto tx = *db_->Begin(false);
    auto bal = *Balances(*tx);
    int64_t sum = 0;
    for (auto& [k, v] : bal) sum += v;
    return sum == 0 && UnbalancedEntries(*tx)->empty();
  }

  std::filesystem::path dir_;
  FakeClock clock_{1'795'000'000};  // 2026-11-18
  RequestMeta meta_{"t", "127.0.0.1", "test"};
  std::unique_ptr<storage::Db> db_;
  std::unique_ptr<trust::FileKeyStore> keys_;
  std::unique_ptr<pki::KeyManager> signers_;
  tlog::Log log_{"origine.local/ML/log"};
  std::unique_ptr<certificates::ApplicationService> apps_;
  Script script_;
  std::unique_ptr<PaymentService> pay_;
  Principal exporter_, other_, agent_, admin_;
};

TEST_F(PaymentServiceTest, ConfirmedSuccessMovesTheApplicationOnceWithLedgerAndReceipt) {
  const int64_t id = Submitted();
  EXPECT_EQ(AppStatus(id), "awaiting_payment");
  const std::string ref = Pay(id);
  EXPECT_EQ(State(ref), "pending");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'payment.initiating'"), 1);
  // The callback is stored, answered, and duplicates are recognised.
  EXPECT_EQ(Callback(ref, "ev-1").outcome, "accepted");
  EXPECT_EQ(Callback(ref, "ev-1").outcome, "duplicate");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_inbox"), 1);
  // Processing asks the provider; it still says pending: nothing moves.
  ASSERT_EQ(*pay_->ProcessInbox(10), 1);
  EXPECT_EQ(State(ref), "pending");
  EXPECT_EQ(AppStatus(id), "awaiting_payment");
  // Now it says succeeded: one transaction moves intent and application.
  script_.status = {RemoteStatus::kSucceeded, "T-1", 1500, ""};
  EXPECT_EQ(Callback(ref, "ev-2").outcome, "accepted");
  EXPECT_EQ(Callback(ref, "ev-3").outcome, "accepted");
  ASSERT_EQ(*pay_->ProcessInbox(10), 2);
  EXPECT_EQ(State(ref), "succeeded");
  EXPECT_EQ(AppStatus(id), "submitted");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'payment'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM receipts"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_events WHERE action = 'payment'"), 1);
  EXPECT_TRUE(Balanced());
  auto pdf = pay_->ReceiptPdf(exporter_, ref);
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  // Polling after the fact changes nothing either.
  clock_.Advance(60);
  ASSERT_TRUE(pay_->PollDue(10));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ledger_entries"), 1);
  // Paid: a resubmission after a return goes straight to review.
  auto view = apps_->Get(exporter_, id);
  EXPECT_EQ((*view)["payment"].as_object().at("status").as_string(), "paid");
}

TEST_F(PaymentServiceTest, AnUnclearInitiationIsNeverResentAndIsResolvedByAStatusQuery) {
  const int64_t id = Submitted();
  script_.init = InitOutcome::kUnclear;
  const std::string ref = Pay(id);
  EXPECT_EQ(State(ref), "unknown");
  // A second payment cannot start while this one may exist.
  bool replayed = false;
  EXPECT_EQ(pay_->CreateIntent(exporter_, id, "wave", "", "", meta_, &replayed).error().kind, ErrorKind::kConflict);
  script_.status = {RemoteStatus::kSucceeded, "T-9", 1500, ""};
  clock_.Advance(2);
  ASSERT_TRUE(pay_->PollDue(10));
  EXPECT_EQ(State(ref), "succeeded");
  EXPECT_EQ(AppStatus(id), "submitted");
  EXPECT_EQ(script_.initiations, 1);
}

TEST_F(PaymentServiceTest, ExpiryThenLateSuccessIsHeldForRefund) {
  const int64_t id = Submitted();
  const std::string ref = Pay(id);
  clock_.Advance(601);
  ASSERT_TRUE(pay_->PollDue(10));
  EXPECT_EQ(State(ref), "expired");
  script_.status = {RemoteStatus::kSucceeded, "T-5", 1500, ""};
  clock_.Advance(300);
  ASSERT_TRUE(pay_->PollDue(10));
  EXPECT_EQ(State(ref), "late_success");
  EXPECT_EQ(AppStatus(id), "awaiting_payment");  // no certificate without a valid payment
  {
    auto tx = *db_->Begin(false);
    EXPECT_EQ((*Balances(*tx))[kSuspense], -1500);
  }
  EXPECT_EQ(pay_->Refund(agent_, ref, "late", meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(pay_->Refund(admin_, ref, "  ", meta_).error().kind, ErrorKind::kInvalidArgument);
  ASSERT_TRUE(pay_->Refund(admin_, ref, "Paiement reçu après expiration", meta_));
  EXPECT_EQ(State(ref), "refund_pending");
  ASSERT_TRUE(pay_->ConfirmRefund(admin_, ref, "RF-1", meta_));
  EXPECT_EQ(State(ref), "refunded");
  auto tx = *db_->Begin(false);
  auto bal = *Balances(*tx);
  EXPECT_EQ(bal[kSuspense], 0);
  EXPECT_EQ(bal[ClearingAccount("wave")], 0);
  EXPECT_TRUE(Balanced());
  // The exporter may pay again.
  EXPECT_FALSE(Pay(id).empty());
}

// The soak's lost late success (tests/soak/payments-invariants.test.mjs):
// a payment the provider reports as refused (CinetPay says REFUSED for
// expired payments too) that then succeeds, its callback lost (the server was
// down), must be seen by the watch poll at the end of the late window, even
// behind refused payments whose own windows ended before it.
TEST_F(PaymentServiceTest, AFailedPaymentsLateSuccessIsSeenBehindFinishedWatches) {
  std::vector<std::string> cancelled;
  for (int k = 0; k < 3; ++k) {  // refused by their payers, for good
    const std::string ref = Pay(Submitted());
    script_.status_of[ref] = {RemoteStatus::kFailed, "", std::nullopt, "payer-cancelled"};
    ASSERT_EQ(Callback(ref, "refused-" + ref).outcome, "accepted");
    ASSERT_EQ(*pay_->ProcessInbox(10), 1);
    ASSERT_EQ(State(ref), "failed");
    cancelled.push_back(ref);
  }
  clock_.Advance(10);
  const int64_t id = Submitted();
  const std::string late = Pay(id);
  script_.status_of[late] = {RemoteStatus::kFailed, "", std::nullopt, "code 627 REFUSED"};
  ASSERT_EQ(Callback(late, "refused-" + late).outcome, "accepted");
  ASSERT_EQ(*pay_->ProcessInbox(10), 1);
  ASSERT_EQ(State(late), "failed");
  // The provider's success comes a second later; its callback never arrives.
  script_.status_of[late] = {RemoteStatus::kSucceeded, "CP-1", 1500, ""};
  // Every late window has ended: one watch poll each, one at a time.
  clock_.Advance(600 + 3600 + 60);
  const int queries = script_.status_queries;
  for (int round = 0; round < 10 && State(late) != "late_success"; ++round) ASSERT_TRUE(pay_->PollDue(1));
  EXPECT_EQ(State(late), "late_success");
  EXPECT_EQ(script_.status_queries - queries, 4) << "each watch asks once at its end";
  // Finished watches are never due again: nothing left to ask.
  EXPECT_EQ(*pay_->PollDue(10), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_intents WHERE next_poll_at IS NOT NULL"), 0);
  for (const auto& ref : cancelled) EXPECT_EQ(State(ref), "failed");
  {
    auto tx = *db_->Begin(false);
    EXPECT_EQ((*Balances(*tx))[kSuspense], -1500);
  }
  EXPECT_EQ(AppStatus(id), "awaiting_payment");
}

// An expired payment watched for a late success is asked again after
// poll_max_seconds, not at every worker round, and not after its window.
TEST_F(PaymentServiceTest, AnExpiredPaymentIsWatchedAtTheWatchPaceUntilItsWindowEnds) {
  const std::string ref = Pay(Submitted());
  clock_.Advance(601);
  ASSERT_TRUE(pay_->PollDue(10));
  ASSERT_EQ(State(ref), "expired");
  script_.status = {RemoteStatus::kExpired, "", std::nullopt, "expired"};
  int asked = 0;
  for (int64_t t = 0; t <= 3600; t += 60) {
    const int before = script_.status_queries;
    ASSERT_TRUE(pay_->PollDue(10));
    ASSERT_TRUE(pay_->PollDue(10));  // a second worker round at the same second: not due
    ASSERT_LE(script_.status_queries - before, 1) << "at +" << t << " s";
    asked += script_.status_queries - before;
    clock_.Advance(60);
  }
  EXPECT_EQ(asked, 12);  // every poll_max_seconds (300) over the 3600 s window
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_intents WHERE next_poll_at IS NOT NULL"), 0);
  EXPECT_EQ(State(ref), "expired");
}

TEST_F(PaymentServiceTest, ForgedCallbacksAndWrongAmountsChangeNothing) {
  const int64_t id = Submitted();
  const std::string ref = Pay(id);
  script_.verdict = CallbackVerdict::kForged;
  EXPECT_EQ(Callback(ref, "ev-x").status, 401);
  script_.verdict = CallbackVerdict::kStale;
  EXPECT_EQ(Callback(ref, "ev-y").status, 401);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_inbox"), 0);
  EXPECT_NE(pay_->metrics().Render().find("outcome=\"forged\"} 1"), std::string::npos);
  script_.verdict = CallbackVerdict::kAccepted;
  script_.status = {RemoteStatus::kSucceeded, "T-2", 1400, ""};  // the provider moved 1,400 not 1,500
  Callback(ref, "ev-z");
  ASSERT_TRUE(pay_->ProcessInbox(10));
  EXPECT_EQ(State(ref), "failed");
  EXPECT_EQ(AppStatus(id), "awaiting_payment");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ledger_entries"), 0);
  EXPECT_EQ(std::string((*pay_->GetIntent(admin_, ref))["review"].as_string()), "amount_mismatch");
}

TEST_F(PaymentServiceTest, LedgerAndPaymentListsPageByKeysetAndTotalsCoverTheWholeLedger) {
  for (int k = 0; k < 5; ++k) ASSERT_TRUE(pay_->SeedPaidForDemo(Submitted(), "wave"));
  auto walk = [&](auto&& fetch, const char* array, int limit, bool insert_after_first_page) {
    std::vector<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 20; ++page) {
      auto r = fetch(PageRequest{limit, cursor});
      EXPECT_TRUE(r) << r.error().message;
      if (!r) break;
      const auto& items = r->at(array).as_array();
      EXPECT_LE(items.size(), static_cast<size_t>(limit));
      for (const auto& it : items)
        seen.push_back(std::string(array) == "items" ? std::string(it.at("reference").as_string())
                                                     : std::to_string(it.at("id").as_int64()));
      if (page == 0 && insert_after_first_page) EXPECT_TRUE(pay_->SeedPaidForDemo(Submitted(), "wave"));
      if (r->at("next_cursor").is_null()) break;
      cursor = std::string(r->at("next_cursor").as_string());
    }
    return seen;
  };
  // Ledger: 5 entries in pages of 2, newest first, each once; a payment
  // booked between pages does not shift the pages still to come.
  auto ids = walk([&](const PageRequest& p) { return pay_->Ledger(admin_, p); }, "entries", 2, true);
  ASSERT_EQ(ids.size(), 5u);
  for (size_t k = 1; k < ids.size(); ++k) EXPECT_GT(std::stoll(ids[k - 1]), std::stoll(ids[k]));
  auto first = pay_->Ledger(admin_, {1, ""});
  ASSERT_TRUE(first);
  EXPECT_EQ((*first)["entries"].as_array().size(), 1u);
  EXPECT_TRUE((*first)["balanced"].as_bool());
  // Balances cover every entry, not only the page.
  EXPECT_EQ((*first)["balances"].as_object().at("Revenue:CertificateFees").as_int64(),
            -6 * (*first)["entries"].as_array()[0].at("lines").as_array()[0].at("amount_xof").as_int64());
  EXPECT_EQ(walk([&](const PageRequest& p) { return pay_->Ledger(admin_, p); }, "entries", 1000, false).size(), 6u);

  // Staff payment list: the same, filtered by state.
  auto refs = walk([&](const PageRequest& p) { return pay_->ListAll(agent_, "succeeded", p); }, "items", 4, false);
  EXPECT_EQ(refs.size(), 6u);
  EXPECT_EQ(std::set<std::string>(refs.begin(), refs.end()).size(), 6u);
  EXPECT_EQ(walk([&](const PageRequest& p) { return pay_->ListAll(agent_, "failed", p); }, "items", 4, false).size(),
            0u);

  // Cursors: damaged or from another listing -> kBadRequest naming "cursor".
  const std::string ledger_cursor = std::string((*pay_->Ledger(admin_, {2, ""}))["next_cursor"].as_string());
  for (const std::string& bad : {ledger_cursor, std::string("not-a-cursor"), ledger_cursor + "A"}) {
    auto r = pay_->ListAll(agent_, "", {10, bad});
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kBadRequest);
    EXPECT_EQ(r.error().fields.at(0).field, "cursor");
  }
  EXPECT_EQ(pay_->Ledger(admin_, {10, "!!"}).error().kind, ErrorKind::kBadRequest);
}

TEST_F(PaymentServiceTest, DemoPaymentGoesThroughTheProviderAndTheStatusQuery) {
  // The payer acts at the provider; only the status query confirms it.
  const int64_t id = Submitted();
  std::string acted;
  auto paid = pay_->PayForDemo(
      exporter_, id, "wave",
      [&](const std::string& ref) -> Status {
        acted = ref;
        script_.status = {RemoteStatus::kSucceeded, "T-DEMO", 1500, ""};
        return {};
      },
      5000);
  ASSERT_TRUE(paid) << paid.error().message;
  EXPECT_EQ(paid->state, "succeeded");
  EXPECT_EQ(acted, paid->reference);
  EXPECT_EQ(script_.initiations, 1);
  EXPECT_GE(script_.status_queries, 1);
  EXPECT_EQ(AppStatus(id), "submitted");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'payment'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM receipts"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_intents WHERE provider_txn = 'T-DEMO'"), 1);
  EXPECT_TRUE(Balanced());

  // A provider that never settles: the intent is still open after the wait,
  // nothing is posted; the payer's failed action changes nothing by itself.
  const int64_t id2 = Submitted();
  script_.status = {RemoteStatus::kPending, "", std::nullopt, ""};
  auto stuck = pay_->PayForDemo(
      exporter_, id2, "wave",
      [](const std::string&) -> Status { return Error::Unavailable("the simulator answered 409"); }, 300);
  ASSERT_TRUE(stuck);
  EXPECT_EQ(stuck->state, "pending");
  EXPECT_EQ(AppStatus(id2), "awaiting_payment");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'payment'"), 1);

  // Refused at initiation: returned at once, without acting.
  const int64_t id3 = Submitted();
  script_.init = InitOutcome::kRejected;
  bool called = false;
  auto refused = pay_->PayForDemo(
      exporter_, id3, "wave",
      [&](const std::string&) -> Status {
        called = true;
        return {};
      },
      5000);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->state, "failed");
  EXPECT_FALSE(called);
  // Another company's application cannot be paid by this exporter.
  EXPECT_EQ(pay_->PayForDemo(
                    other_, id3, "wave", [](const std::string&) -> Status { return {}; }, 100)
                .error()
                .kind,
            ErrorKind::kNotFound);
}

TEST_F(PaymentServiceTest, IdempotencyKeyReplaysAndAuthorizationHidesOtherCompanies) {
  const int64_t id = Submitted();
  const std::string ref = Pay(id, "key-0001-abcd");
  bool replayed = false;
  auto again = pay_->CreateIntent(exporter_, id, "wave", "", "key-0001-abcd", meta_, &replayed);
  ASSERT_TRUE(again);
  EXPECT_TRUE(replayed);
  EXPECT_EQ((*again)["reference"].as_string(), ref);
  EXPECT_EQ(script_.initiations, 1);
  const int64_t id2 = Submitted();
  EXPECT_EQ(pay_->CreateIntent(exporter_, id2, "wave", "", "key-0001-abcd", meta_, &replayed).error().kind,
            ErrorKind::kInvalidArgument);  // the same key for another application
  EXPECT_EQ(pay_->CreateIntent(other_, id, "wave", "", "", meta_, &replayed).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(pay_->CreateIntent(agent_, id, "wave", "", "", meta_, &replayed).error().kind,
            ErrorKind::kPermissionDenied);
  EXPECT_EQ(pay_->CreateIntent(exporter_, id, "orange", "", "", meta_, &replayed).error().kind,
            ErrorKind::kInvalidArgument);  // not configured
  EXPECT_EQ(pay_->GetIntent(other_, ref).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(pay_->ReceiptPdf(other_, ref).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(pay_->Ledger(exporter_, {10, ""}).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(pay_->Ledger(agent_, {10, ""}).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_TRUE(pay_->Ledger(admin_, {10, ""}));
  EXPECT_EQ(pay_->ListAll(exporter_, "", {}).error().kind, ErrorKind::kPermissionDenied);
  // The payment page is for the payer only.
  EXPECT_FALSE((*pay_->GetIntent(exporter_, ref))["payment_url"].is_null());
  EXPECT_TRUE((*pay_->GetIntent(agent_, ref))["payment_url"].is_null());
}

TEST_F(PaymentServiceTest, ProviderRefundConfirmsAtOnceWithOneReversal) {
  script_.refund_api = true;
  const std::string ref = Paid();
  EXPECT_EQ(Intent(ref, admin_)["refund_mode"], "provider");
  EXPECT_TRUE(Intent(ref, admin_)["refund"].is_null());
  EXPECT_EQ(pay_->Refund(agent_, ref, "x", meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(pay_->Refund(exporter_, ref, "x", meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_TRUE(script_.refunds.empty());
  auto out = pay_->Refund(admin_, ref, "Demande annulée", meta_);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ((*out)["state"], "refunded");
  EXPECT_EQ((*out)["refund"].as_object()["state"], "done");
  EXPECT_EQ((*out)["refund"].as_object()["mode"], "provider");
  ASSERT_EQ(script_.refunds.size(), 1u);
  const RefundRequest& sent = script_.refunds[0];
  EXPECT_EQ(sent.reference, ref);
  EXPECT_EQ(sent.amount_xof, 1500);
  EXPECT_EQ(sent.refund_reference.size(), 36u);
  EXPECT_EQ(sent.reason.find("annulée"), std::string::npos);  // the internal reason is not sent to the payer
  EXPECT_EQ((*out)["refund"].as_object()["reference"].as_string(), sent.refund_reference);
  EXPECT_EQ((*out)["refund"].as_object()["provider_refund_id"].as_string(), "TR-" + sent.refund_reference.substr(0, 4));
  EXPECT_EQ(RefundEntries(), 1);
  EXPECT_TRUE(Balanced());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'payment.refund_requested'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'payment.refund_confirmed'"), 1);
  // Nothing more to do: no second refund, no manual confirmation.
  EXPECT_EQ(pay_->Refund(admin_, ref, "encore", meta_).error().kind, ErrorKind::kConflict);
  EXPECT_EQ(pay_->ConfirmRefund(admin_, ref, "RF-1", meta_).error().kind, ErrorKind::kConflict);
  clock_.Advance(600);
  EXPECT_EQ(*pay_->PollRefunds(10), 0);
  EXPECT_EQ(script_.refunds.size(), 1u);
  EXPECT_EQ(RefundEntries(), 1);
  // The exporter sees the refund, not the administrator's reason nor errors.
  auto mine = Intent(ref, exporter_);
  EXPECT_FALSE(mine["refund"].as_object().contains("reason"));
  EXPECT_FALSE(mine.contains("last_error"));
}

TEST_F(PaymentServiceTest, AnUnclearRefundIsResolvedByStatusQueriesAndNeverSentTwice) {
  script_.refund_api = true;
  const std::string ref = Paid();
  script_.refund = RefundOutcome::kUnclear;
  auto out = pay_->Refund(admin_, ref, "Doublon", meta_);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ((*out)["state"], "refund_pending");
  EXPECT_EQ((*out)["refund"].as_object()["state"], "unclear");
  EXPECT_NE((*out)["last_error"].as_string().find("no clear answer"), std::string::npos);
  // While the provider may be refunding: no manual confirmation, no new request.
  EXPECT_EQ(pay_->ConfirmRefund(admin_, ref, "RF-1", meta_).error().kind, ErrorKind::kConflict);
  EXPECT_EQ(pay_->Refund(admin_, ref, "encore", meta_).error().kind, ErrorKind::kConflict);
  // The worker asks: pending (the provider has it), then succeeded.
  clock_.Advance(2);
  EXPECT_EQ(*pay_->PollRefunds(10), 1);
  EXPECT_EQ(RefundState(ref), "sent");
  EXPECT_EQ(*pay_->PollRefunds(10), 0);  // backoff: not due yet
  script_.refund_status = {RemoteStatus::kSucceeded, "F-77", 1500, "SUCCESSFUL"};
  clock_.Advance(10);
  EXPECT_EQ(*pay_->PollRefunds(10), 1);
  EXPECT_EQ(State(ref), "refunded");
  EXPECT_EQ(Intent(ref, admin_)["refund"].as_object()["provider_refund_id"], "F-77");
  EXPECT_EQ(script_.refunds.size(), 1u);
  EXPECT_EQ(script_.refund_status_queries, 2);
  EXPECT_EQ(RefundEntries(), 1);
  EXPECT_TRUE(Balanced());
  auto tx = *db_->Begin(false);
  auto bal = *Balances(*tx);
  EXPECT_EQ(bal[ClearingAccount("wave")], 0);
  EXPECT_EQ(bal[kRevenue], 0);
  // Every step is in the audit trail.
  for (const char* action :
       {"payment.refund_requested", "payment.refund_unclear", "payment.refund_sent", "payment.refund_confirmed"})
    EXPECT_EQ(Count(std::string("SELECT COUNT(*) FROM audit_events WHERE action = '") + action + "'"), 1) << action;
}

TEST_F(PaymentServiceTest, WhenTheProviderNeverGotTheRefundItIsSentAgainWithTheSameReference) {
  script_.refund_api = true;
  const std::string ref = Paid();
  script_.refund = RefundOutcome::kUnclear;
  ASSERT_TRUE(pay_->Refund(admin_, ref, "Doublon", meta_));
  script_.refund_status = {RemoteStatus::kNotFound, "", std::nullopt, "no reversal"};
  clock_.Advance(2);
  EXPECT_EQ(*pay_->PollRefunds(10), 1);
  EXPECT_EQ(RefundState(ref), "retry");
  script_.refund = RefundOutcome::kDone;
  EXPECT_EQ(*pay_->PollRefunds(10), 1);
  EXPECT_EQ(State(ref), "refunded");
  ASSERT_EQ(script_.refunds.size(), 2u);
  EXPECT_EQ(script_.refunds[0].refund_reference, script_.refunds[1].refund_reference);
  EXPECT_EQ(RefundEntries(), 1);
  EXPECT_TRUE(Balanced());
}

TEST_F(PaymentServiceTest, ARefusedRefundStaysPendingWithItsErrorAndMayBeRetried) {
  script_.refund_api = true;
  const std::string ref = Paid();
  script_.refund = RefundOutcome::kRejected;
  auto out = pay_->Refund(admin_, ref, "Doublon", meta_);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ((*out)["state"], "refund_pending");
  EXPECT_EQ((*out)["refund"].as_object()["state"], "refused");
  EXPECT_NE((*out)["last_error"].as_string().find("refused by the provider"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'payment.refund_refused'"), 1);
  EXPECT_EQ(RefundEntries(), 0);
  clock_.Advance(600);
  EXPECT_EQ(*pay_->PollRefunds(10), 0);  // a refusal is not retried by itself
  const std::string first = script_.refunds[0].refund_reference;
  // The administrator retries: a new reference; accepted, then confirmed by a status query.
  script_.refund = RefundOutcome::kAccepted;
  EXPECT_EQ(pay_->Refund(agent_, ref, "x", meta_).error().kind, ErrorKind::kPermissionDenied);
  out = pay_->Refund(admin_, ref, "Nouvel essai", meta_);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ((*out)["refund"].as_object()["state"], "sent");
  EXPECT_TRUE((*out)["last_error"].is_null());
  ASSERT_EQ(script_.refunds.size(), 2u);
  EXPECT_NE(script_.refunds[1].refund_reference, first);
  script_.refund_status = {RemoteStatus::kFailed, "", std::nullopt, "FAILED NOT_ALLOWED"};
  clock_.Advance(10);
  EXPECT_EQ(*pay_->PollRefunds(10), 1);
  EXPECT_EQ(RefundState(ref), "refused");
  EXPECT_NE(Intent(ref, admin_)["last_error"].as_string().find("NOT_ALLOWED"), std::string::npos);
  // Refunded outside after all: the administrator confirms by hand.
  auto manual = pay_->ConfirmRefund(admin_, ref, "VIR-2026-001", meta_);
  ASSERT_TRUE(manual) << manual.error().message;
  EXPECT_EQ((*manual)["state"], "refunded");
  EXPECT_EQ(RefundEntries(), 1);
  EXPECT_TRUE(Balanced());
}

TEST_F(PaymentServiceTest, WithoutARefundApiTheRefundIsManual) {
  const std::string ref = Paid();
  EXPECT_EQ(Intent(ref, admin_)["refund_mode"], "manual");
  auto out = pay_->Refund(admin_, ref, "Doublon", meta_);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ((*out)["refund"].as_object()["state"], "manual");
  EXPECT_EQ((*out)["refund"].as_object()["mode"], "manual");
  EXPECT_TRUE(script_.refunds.empty());
  clock_.Advance(600);
  EXPECT_EQ(*pay_->PollRefunds(10), 0);
  EXPECT_EQ(pay_->ConfirmRefund(admin_, ref, " ", meta_).error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(pay_->ConfirmRefund(agent_, ref, "VIR-1", meta_).error().kind, ErrorKind::kPermissionDenied);
  ASSERT_TRUE(pay_->ConfirmRefund(admin_, ref, "VIR-1", meta_));
  EXPECT_EQ(State(ref), "refunded");
  EXPECT_TRUE(script_.refunds.empty());
  EXPECT_EQ(RefundEntries(), 1);
  EXPECT_TRUE(Balanced());
}

TEST_F(PaymentServiceTest, ACrashDuringTheRefundCallIsResolvedByAStatusQueryNotANewCall) {
  script_.refund_api = true;
  const std::string ref = Paid();
  script_.refund = RefundOutcome::kUnclear;
  ASSERT_TRUE(pay_->Refund(admin_, ref, "Doublon", meta_));
  // Back to the moment after our reference was committed and before the call
  // returned, as after a crash: "requested", due after the grace period.
  {
    auto tx = *db_->Begin();
    ASSERT_TRUE(
        tx->Exec("UPDATE payment_intents SET refund_state = 'requested', refund_next_check_at = ? WHERE reference = ?",
                 {clock_.NowUnix() + 30, ref}));
    ASSERT_TRUE(tx->Commit());
  }
  clock_.Advance(10);
  EXPECT_EQ(*pay_->PollRefunds(10), 0);  // the call may still be running
  script_.refund_status = {RemoteStatus::kSucceeded, "F-9", 1500, "SUCCESSFUL"};
  clock_.Advance(25);
  EXPECT_EQ(*pay_->PollRefunds(10), 1);
  EXPECT_EQ(State(ref), "refunded");
  EXPECT_EQ(script_.refunds.size(), 1u);  // never called again
  EXPECT_EQ(script_.refund_status_queries, 1);
  EXPECT_EQ(RefundEntries(), 1);
  EXPECT_TRUE(Balanced());
}

}  // namespace
}  // namespace origine::payments
