#include "certificates/service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <thread>

#include "app/schema.h"
#include "audit/audit.h"
#include "identity/identity_service.h"
#include "registry/registry.h"
#include "storage/sqlite_db.h"
#include "tlog/log.h"

namespace origine::certificates {
namespace {
namespace json = boost::json;

std::vector<storage::Migration> TestMigrations() {
  std::vector<storage::Migration> all = app::AllMigrations();
  return all;
}

json::value Input() {
  return json::parse(R"({
    "regime": "ETLS",
    "consignee": {"name": "Dakar Import", "address": "Rue 10, Dakar", "country": "SN"},
    "origin_country": "ML", "destination_country": "SN",
    "transport": {"mode": "road", "details": "Camion AB-123"},
    "invoice": {"number": "F-1", "date": "2026-11-20"},
    "goods": [{"hs_code": "120740", "description": "Sésame", "quantity": "20000", "unit": "kg",
               "gross_weight_kg": "20100", "net_weight_kg": "20000", "value_xof": 12000000}]})");
}

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("origine-workflow-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(*storage::OpenSqlite((dir_ / "t.db").string()));
    ASSERT_TRUE(db_->Migrate(TestMigrations()));
    auto store = trust::FileKeyStore::Open((dir_ / "keys").string(), "test passphrase 0123456789", 10);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    keys_ = std::make_unique<pki::KeyManager>(*db_, clock_, *store_, log_, pki::KeyOptions{});
    auto created = keys_->EnsureInitialKeys(meta_, {"ETLS", "NP", "UEMOA"});
    ASSERT_TRUE(created) << created.error().message;
    trust_ = std::make_unique<pki::DbTrustListSource>(*db_);
    apps_ = std::make_unique<ApplicationService>(*db_, clock_, *keys_, log_, IssuerConfig{});
    certs_ = std::make_unique<CertificateService>(*db_, clock_, *trust_, IssuerConfig{});
    identity::IdentityService ids(*db_, clock_);
    int64_t c1 = *ids.EnsureCompany({"Sahel Sésame SARL", "084151646T", "MA.BKO.2023.B.4040", "Bamako"}, meta_);
    int64_t c2 = *ids.EnsureCompany({"Niger Karité SA", "091234567K", "MA.SGO.2024.A.120", "Ségou"}, meta_);
    exporter_ = Make(ids, "e1@t.ml", Role::kExporter, c1, "Sahel Sésame SARL");
    other_exporter_ = Make(ids, "e2@t.ml", Role::kExporter, c2, "Niger Karité SA");
    agent_ = Make(ids, "a@t.ml", Role::kAgent, std::nullopt, "");
    signatory_ = Make(ids, "s@t.ml", Role::kSignatory, std::nullopt, "");
  }
  void TearDown() override {
    apps_.reset();
    certs_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  Principal Make(identity::IdentityService& ids, const std::string& email, Role role, std::optional<int64_t> company,
                 const std::string& company_name) {
    Principal p;
    p.user_id = *ids.EnsureUser({email, email, "password-1", role, company}, meta_);
    p.email = email;
    p.name = email;
    p.role = role;
    p.company_id = company;
    p.company_name = company_name;
    return p;
  }
  int64_t NewSubmitted() {
    auto app = apps_->Create(exporter_, Input(), meta_);
    EXPECT_TRUE(app) << app.error().message;
    int64_t id = (*app)["id"].as_int64();
    EXPECT_TRUE(apps_->Submit(exporter_, id, meta_));
    return id;
  }
  int64_t Count(const std::string& sql) {
    auto tx = db_->Begin(false);
    return (*(*tx)->Query(sql))[0].Int(0);
  }

  std::filesystem::path dir_;
  FakeClock clock_{1795757970};
  RequestMeta meta_{"req", "127.0.0.1", "test"};
  std::unique_ptr<storage::Db> db_;
  std::unique_ptr<trust::FileKeyStore> store_;
  std::unique_ptr<pki::KeyManager> keys_;
  std::unique_ptr<pki::DbTrustListSource> trust_;
  std::unique_ptr<ApplicationService> apps_;
  std::unique_ptr<CertificateService> certs_;
  tlog::Log log_{"test.local/log"};
  Principal exporter_, other_exporter_, agent_, signatory_;
};

TEST_F(WorkflowTest, FullJourneyIssuesAVerifiableCertificate) {
  int64_t id = NewSubmitted();
  ASSERT_TRUE(apps_->Approve(agent_, id, "ok", meta_));
  auto issued = apps_->Sign(signatory_, id, meta_);
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_EQ((*issued)["status"].as_string(), "issued");
  EXPECT_EQ((*issued)["certificate_number"].as_string(), "ML-ETLS-2026-000001");
  EXPECT_EQ((*issued)["history"].as_array().size(), 4u);

  auto cert = certs_->Get(exporter_, "ML-ETLS-2026-000001");
  ASSERT_TRUE(cert);
  std::string qr(cert->at("qr").as_string());
  EXPECT_EQ(qr.rfind("CO1:", 0), 0u);
  Verification v = certs_->VerifyQr(qr);
  EXPECT_EQ(v.status, Outcome::kValid) << v.reason;
  EXPECT_TRUE(v.document_checked);
  EXPECT_TRUE(v.document_hash_matches);
  ASSERT_TRUE(v.claims);
  EXPECT_EQ(v.claims->number, "ML-ETLS-2026-000001");
  EXPECT_EQ(v.claims->goods.at(0).hs_code, "120740");
  EXPECT_EQ(certs_->VerifyNumber("ML-ETLS-2026-000001").status, Outcome::kValid);
  EXPECT_EQ(certs_->VerifyNumber("ML-ETLS-2026-999999").status, Outcome::kNotFound);

  auto pdf = certs_->Pdf(exporter_, "ML-ETLS-2026-000001");
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  // Every transition is audited.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE object_type = 'application'"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'certificate.issue'"), 1);

  // The certificate is in the transparency log, at the index its QR claims carry.
  ASSERT_TRUE(v.claims->log_index);
  EXPECT_EQ(Count("SELECT log_index FROM certificates WHERE number = 'ML-ETLS-2026-000001'"), *v.claims->log_index);
  auto tx = std::move(*db_->Begin(false));
  auto leaves = *log_.FindByCertificate(*tx, "ML-ETLS-2026-000001");
  ASSERT_EQ(leaves.size(), 1u);
  EXPECT_EQ(static_cast<int64_t>(leaves[0]), *v.claims->log_index);
  auto rec = *tlog::DecodeLeafRecord(log_.Entry(*tx, leaves[0])->data);
  EXPECT_EQ(rec.event, tlog::Event::kIssue);
  ASSERT_TRUE(log_.Check(*tx));
  auto chain = audit::VerifyChain(*tx);
  ASSERT_TRUE(chain);
  EXPECT_TRUE(chain->intact) << chain->problem;
}

TEST_F(WorkflowTest, OtherCompanySeesNothing) {
  int64_t id = NewSubmitted();
  auto get = apps_->Get(other_exporter_, id);
  ASSERT_FALSE(get);
  EXPECT_EQ(get.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(apps_->Update(other_exporter_, id, Input(), meta_).error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(apps_->List(other_exporter_, std::nullopt, {})->at("items").as_array().empty());
  EXPECT_EQ(apps_->List(agent_, std::string("submitted"), {})->at("items").as_array().size(), 1u);
}

TEST_F(WorkflowTest, RolesAndFourEyesAreEnforced) {
  int64_t id = NewSubmitted();
  EXPECT_EQ(apps_->Approve(exporter_, id, "", meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(apps_->Sign(agent_, id, meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(apps_->Create(agent_, Input(), meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(apps_->Sign(signatory_, id, meta_).error().kind, ErrorKind::kConflict);  // not approved yet
  // A signatory who approved (impossible by role, so simulate through the data) cannot sign.
  ASSERT_TRUE(apps_->Approve(agent_, id, "", meta_));
  {
    auto tx = db_->Begin();
    ASSERT_TRUE((*tx)->Exec("UPDATE applications SET approved_by = ? WHERE id = ?", {signatory_.user_id, id}));
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  auto r = apps_->Sign(signatory_, id, meta_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM certificates"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM certificate_sequences"), 0);  // rolled back, no gap
}

TEST_F(WorkflowTest, ReturnNeedsACommentAndAllowsResubmission) {
  int64_t id = NewSubmitted();
  EXPECT_EQ(apps_->Return(agent_, id, "  ", meta_).error().kind, ErrorKind::kInvalidArgument);
  auto returned = apps_->Return(agent_, id, "Facture illisible", meta_);
  ASSERT_TRUE(returned);
  EXPECT_EQ((*returned)["review_comment"].as_string(), "Facture illisible");
  ASSERT_TRUE(apps_->Update(exporter_, id, Input(), meta_));
  auto again = apps_->Submit(exporter_, id, meta_);
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)["status"].as_string(), "submitted");
  EXPECT_EQ(apps_->Update(exporter_, id, Input(), meta_).error().kind, ErrorKind::kConflict);
}

TEST_F(WorkflowTest, IncompleteDraftCannotBeSubmitted) {
  auto app = apps_->Create(exporter_, json::parse(R"({"regime": "NP"})"), meta_);
  ASSERT_TRUE(app);
  auto r = apps_->Submit(exporter_, (*app)["id"].as_int64(), meta_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_FALSE(r.error().fields.empty());
}

TEST_F(WorkflowTest, NumbersAreGaplessPerRegimeAndYear) {
  std::vector<std::string> numbers;
  for (int i = 0; i < 3; ++i) {
    int64_t id = NewSubmitted();
    ASSERT_TRUE(apps_->Approve(agent_, id, "", meta_));
    numbers.push_back(std::string((*apps_->Sign(signatory_, id, meta_))["certificate_number"].as_string()));
  }
  EXPECT_EQ(numbers, (std::vector<std::string>{"ML-ETLS-2026-000001", "ML-ETLS-2026-000002", "ML-ETLS-2026-000003"}));
  clock_.Advance(40 * 86400);  // into 2027
  int64_t id = NewSubmitted();
  ASSERT_TRUE(apps_->Approve(agent_, id, "", meta_));
  EXPECT_EQ((*apps_->Sign(signatory_, id, meta_))["certificate_number"].as_string(), "ML-ETLS-2027-000001");
}

TEST_F(WorkflowTest, ExpiredCertificateVerifiesAsExpired) {
  int64_t id = NewSubmitted();
  ASSERT_TRUE(apps_->Approve(agent_, id, "", meta_));
  ASSERT_TRUE(apps_->Sign(signatory_, id, meta_));
  clock_.Advance(181 * 86400);
  EXPECT_EQ(certs_->VerifyNumber("ML-ETLS-2026-000001").status, Outcome::kExpired);
}

// ---- revocation, amendment, online outcomes --------------------------------

class OutcomeTest : public WorkflowTest {
 protected:
  std::string Issue() {
    int64_t id = NewSubmitted();
    EXPECT_TRUE(apps_->Approve(agent_, id, "", meta_));
    auto app = apps_->Sign(signatory_, id, meta_);
    EXPECT_TRUE(app) << app.error().message;
    return std::string((*app)["certificate_number"].as_string());
  }
  std::string Qr(const std::string& number) { return *certs_->QrText(number); }
  void Exec(const std::string& sql, const storage::Params& params) {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE((*tx)->Exec(sql, params));
    ASSERT_TRUE((*tx)->Commit());
  }
  Principal Admin() {
    identity::IdentityService ids(*db_, clock_);
    return Make(ids, "admin@t.ml", Role::kAdmin, std::nullopt, "");
  }
};

TEST_F(OutcomeTest, RevokeNeedsARoleAReasonAndHappensOnce) {
  const std::string number = Issue();
  // Roles: exporter and agent are refused before any lookup.
  EXPECT_EQ(apps_->RevokeCertificate(exporter_, number, "fraude", meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(apps_->RevokeCertificate(agent_, "ML-NONE", "x", meta_).error().kind, ErrorKind::kPermissionDenied);
  auto empty = apps_->RevokeCertificate(signatory_, number, "  \n", meta_);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(apps_->RevokeCertificate(signatory_, number, std::string(501, 'x'), meta_).error().kind,
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(apps_->RevokeCertificate(signatory_, "ML-ETLS-2026-999999", "x", meta_).error().kind, ErrorKind::kNotFound);
  const int64_t leaves = Count("SELECT COUNT(*) FROM tlog_leaves");
  auto revoked = apps_->RevokeCertificate(Admin(), number, "  Fausse déclaration d'origine ", meta_);
  ASSERT_TRUE(revoked) << revoked.error().message;
  EXPECT_EQ((*revoked)["status"].as_string(), "revoked");
  EXPECT_EQ((*revoked)["revocation"].at("reason").as_string(), "Fausse déclaration d'origine");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tlog_leaves"), leaves + 1);  // the revoke leaf
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM audit_events WHERE action = 'certificate.revoke' AND object_id = '" + number + "'"),
      1);
  EXPECT_EQ(apps_->RevokeCertificate(signatory_, number, "again", meta_).error().kind, ErrorKind::kConflict);
  // The exporter sees the revocation on its certificate.
  auto seen = certs_->Get(exporter_, number);
  ASSERT_TRUE(seen);
  EXPECT_EQ((*seen)["status"].as_string(), "revoked");
  // A revoked certificate cannot be amended.
  EXPECT_EQ(apps_->StartAmendment(exporter_, number, "amendment", meta_).error().kind, ErrorKind::kConflict);
}

TEST_F(OutcomeTest, AmendmentGoesThroughTheWorkflowAndReplacesThePredecessor) {
  const std::string number = Issue();
  // Who: not the signatory, not another company (404), only known kinds.
  EXPECT_EQ(apps_->StartAmendment(signatory_, number, "amendment", meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(apps_->StartAmendment(other_exporter_, number, "amendment", meta_).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(apps_->StartAmendment(exporter_, number, "copy", meta_).error().kind, ErrorKind::kInvalidArgument);
  auto draft = apps_->StartAmendment(exporter_, number, "amendment", meta_);
  ASSERT_TRUE(draft) << draft.error().message;
  EXPECT_EQ((*draft)["status"].as_string(), "draft");
  EXPECT_EQ((*draft)["kind"].as_string(), "amendment");
  EXPECT_EQ((*draft)["predecessor"].as_string(), number);
  EXPECT_EQ((*draft)["goods"].as_array().size(), 1u);  // the predecessor's data
  // Only one amendment or duplicate at a time; the agent may start one too.
  EXPECT_EQ(apps_->StartAmendment(agent_, number, "duplicate", meta_).error().kind, ErrorKind::kConflict);

  const int64_t id = (*draft)["id"].as_int64();
  ASSERT_TRUE(apps_->Submit(exporter_, id, meta_));
  ASSERT_TRUE(apps_->Approve(agent_, id, "", meta_));
  // Still valid until the successor is signed.
  EXPECT_EQ(certs_->VerifyNumber(number).status, Outcome::kValid);
  auto signed_app = apps_->Sign(signatory_, id, meta_);
  ASSERT_TRUE(signed_app) << signed_app.error().message;
  const std::string successor(signed_app->at("certificate_number").as_string());
  EXPECT_NE(successor, number);

  Verification old = certs_->VerifyQr(Qr(number));
  EXPECT_EQ(ToString(old.status), "amended") << old.reason;
  ASSERT_TRUE(old.successor);
  EXPECT_EQ(old.successor->number, successor);
  EXPECT_EQ(old.successor->kind, "amendment");
  EXPECT_TRUE(old.claims);
  EXPECT_EQ(certs_->VerifyNumber(successor).status, Outcome::kValid);
  auto cert = certs_->Get(exporter_, number);
  EXPECT_EQ((*cert)["status"].as_string(), "replaced");
  EXPECT_EQ((*cert)["successor"].at("number").as_string(), successor);
  auto next = certs_->Get(exporter_, successor);
  EXPECT_EQ((*next)["kind"].as_string(), "amendment");
  EXPECT_EQ((*next)["predecessor"].as_string(), number);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'certificate.replace'"), 1);
  // Replaced: no second amendment.
  EXPECT_EQ(apps_->StartAmendment(exporter_, number, "duplicate", meta_).error().kind, ErrorKind::kConflict);
}

TEST_F(OutcomeTest, DocumentMismatchRecomputesTheStoredDocumentsHash) {
  const std::string number = Issue();
  Exec("UPDATE certificates SET document = replace(document, 'Sésame', 'Or') WHERE number = ?", {number});
  Verification v = certs_->VerifyNumber(number);
  EXPECT_EQ(ToString(v.status), "document_mismatch") << v.reason;
  EXPECT_TRUE(v.document_checked);
  EXPECT_FALSE(v.document_hash_matches);
  // The stored hash column is not what is trusted: changing it too changes nothing.
  Exec("UPDATE certificates SET document_sha256 = 'x' WHERE number = ?", {number});
  EXPECT_EQ(certs_->VerifyNumber(number).status, Outcome::kDocumentMismatch);
}

TEST_F(OutcomeTest, SignerRevokedThroughTheTrustList) {
  const std::string number = Issue();
  std::vector<trust::TrustEntry> list = certs_->trust_list();
  ASSERT_EQ(list.size(), 1u);
  list[0].revocation = trust::SignerRevocation{clock_.NowUnix(), "key compromise"};
  certs_->SetTrustList(list, "tl-2");
  EXPECT_EQ(certs_->trust_store()->version(), "tl-2");
  Verification v = certs_->VerifyNumber(number);
  EXPECT_EQ(v.status, Outcome::kRevoked);
  ASSERT_TRUE(v.revocation);
  EXPECT_EQ(v.revocation->scope, "signer");
  EXPECT_EQ(v.revocation->reason, "key compromise");
  // A certificate revocation, when both apply, is the one reported.
  ASSERT_TRUE(apps_->RevokeCertificate(signatory_, number, "annulé", meta_));
  v = certs_->VerifyNumber(number);
  EXPECT_EQ(v.revocation->scope, "certificate");
}

TEST_F(OutcomeTest, SignerRemovedByTheKeyManagerRevokesWhatItSigned) {
  const std::string number = Issue();
  auto keys = keys_->List();
  ASSERT_TRUE(keys);
  const pki::KeyInfo signer = keys->back();
  ASSERT_EQ(signer.status, "active");
  clock_.Advance(60);
  ASSERT_TRUE(keys_->RevokeSigner(meta_, signer.kid, "key compromise"));
  // The service follows the new trust-list version by itself.
  Verification v = certs_->VerifyNumber(number);
  EXPECT_EQ(v.status, Outcome::kRevoked) << v.reason;
  ASSERT_TRUE(v.revocation);
  EXPECT_EQ(v.revocation->scope, "signer");
  EXPECT_EQ(v.revocation->reason, "key compromise");
  EXPECT_EQ(v.revocation->at, clock_.NowUnix());
  // No active signer: signing is refused until a rotation, then uses the new one.
  int64_t id = NewSubmitted();
  ASSERT_TRUE(apps_->Approve(agent_, id, "", meta_));
  auto refused = apps_->Sign(signatory_, id, meta_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kUnavailable);
  auto rotated = keys_->RotateSigner(meta_, 730, {"ETLS"});
  ASSERT_TRUE(rotated) << rotated.error().message;
  auto signed_now = apps_->Sign(signatory_, id, meta_);
  ASSERT_TRUE(signed_now) << signed_now.error().message;
  const std::string second = std::string((*signed_now)["certificate_number"].as_string());
  EXPECT_EQ(certs_->VerifyNumber(second).status, Outcome::kValid);
  // A signer that may not sign the regime, or that expires before the certificate: refused.
  ASSERT_TRUE(keys_->RotateSigner(meta_, 365, {"UEMOA"}));
  int64_t id2 = NewSubmitted();
  ASSERT_TRUE(apps_->Approve(agent_, id2, "", meta_));
  EXPECT_EQ(apps_->Sign(signatory_, id2, meta_).error().kind, ErrorKind::kConflict);
  ASSERT_TRUE(keys_->RotateSigner(meta_, 1, {"ETLS"}));
  EXPECT_EQ(apps_->Sign(signatory_, id2, meta_).error().kind, ErrorKind::kConflict);
}

// Every outcome through the JSON contract, from one table.
TEST_F(OutcomeTest, JsonContractPerOutcome) {
  struct Case {
    Outcome outcome;
    const char* status;
  };
  for (const Case& c : std::vector<Case>{{Outcome::kValid, "valid"},
                                         {Outcome::kRevoked, "revoked"},
                                         {Outcome::kAmended, "amended"},
                                         {Outcome::kExpired, "expired"},
                                         {Outcome::kNotYetValid, "not_yet_valid"},
                                         {Outcome::kUnknownSigner, "unknown_signer"},
                                         {Outcome::kBadSignature, "bad_signature"},
                                         {Outcome::kMalformed, "malformed"},
                                         {Outcome::kNotFound, "not_found"},
                                         {Outcome::kDocumentMismatch, "document_mismatch"}}) {
    SCOPED_TRACE(c.status);
    Verification v;
    v.status = c.outcome;
    if (c.outcome == Outcome::kRevoked) v.revocation = Revocation{1795757970, "fraude", "certificate"};
    if (c.outcome == Outcome::kAmended) v.successor = Successor{"ML-ETLS-2026-000002", "amendment"};
    json::object o = VerificationToJson(v);
    EXPECT_EQ(o["status"].as_string(), c.status);
    EXPECT_EQ(o["valid"].as_bool(), c.outcome == Outcome::kValid);
    EXPECT_FALSE(o["message_fr"].as_string().empty());
    EXPECT_FALSE(o["message_en"].as_string().empty());
    EXPECT_EQ(o.contains("revocation"), c.outcome == Outcome::kRevoked);
    EXPECT_EQ(o.contains("successor"), c.outcome == Outcome::kAmended);
    EXPECT_FALSE(o["document"].at("checked").as_bool());
  }
  Verification r;
  r.status = Outcome::kRevoked;
  r.revocation = Revocation{1795757970, "fraude", "signer"};
  json::object o = VerificationToJson(r);
  EXPECT_EQ(o["revocation"].at("at").as_string(), "2026-11-27T05:39:30Z");
  EXPECT_EQ(o["revocation"].at("scope").as_string(), "signer");
}

}  // namespace
}  // namespace origine::certificates
