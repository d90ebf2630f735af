#include "certificates/service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <thread>

#include "identity/identity_service.h"
#include "audit/audit.h"
#include "registry/registry.h"
#include "storage/sqlite_db.h"
#include "tlog/log.h"

namespace origine::certificates {
namespace {
namespace json = boost::json;

std::vector<storage::Migration> TestMigrations() {
  std::vector<storage::Migration> all = storage::CoreMigrations();
  for (const auto& m : audit::AuditMigrations()) all.push_back(m);
  for (const auto& m : tlog::TlogMigrations()) all.push_back(m);
  for (const auto& m : registry::RegistryMigrations()) all.push_back(m);
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
    store_ = std::make_unique<trust::FileKeyStore>((dir_ / "keys").string());
    auto signer = store_->EnsureDevelopmentKeys(clock_.NowUnix(), "ML");
    ASSERT_TRUE(signer) << signer.error().message;
    signer_ = std::make_unique<trust::ActiveSigner>(std::move(*signer));
    auto trust_list = store_->SignerCertificates();
    ASSERT_TRUE(trust_list);
    apps_ = std::make_unique<ApplicationService>(*db_, clock_, *signer_, log_, IssuerConfig{});
    certs_ = std::make_unique<CertificateService>(*db_, clock_, *trust_list, IssuerConfig{});
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
  std::unique_ptr<trust::ActiveSigner> signer_;
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
  EXPECT_EQ(v.status, trust::VerifyStatus::kValid) << v.reason;
  ASSERT_TRUE(v.claims);
  EXPECT_EQ(v.claims->number, "ML-ETLS-2026-000001");
  EXPECT_EQ(v.claims->goods.at(0).hs_code, "120740");
  EXPECT_EQ(certs_->VerifyNumber("ML-ETLS-2026-000001").status, trust::VerifyStatus::kValid);
  EXPECT_TRUE(certs_->VerifyNumber("ML-ETLS-2026-999999").not_found);

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
  EXPECT_EQ(get.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(apps_->Update(other_exporter_, id, Input(), meta_).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(apps_->List(other_exporter_, std::nullopt)->empty());
  EXPECT_EQ(apps_->List(agent_, std::string("submitted"))->size(), 1u);
}

TEST_F(WorkflowTest, RolesAndFourEyesAreEnforced) {
  int64_t id = NewSubmitted();
  EXPECT_EQ(apps_->Approve(exporter_, id, "", meta_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(apps_->Sign(agent_, id, meta_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(apps_->Create(agent_, Input(), meta_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(apps_->Sign(signatory_, id, meta_).error().code, ErrorCode::kConflict);  // not approved yet
  // A signatory who approved (impossible by role, so simulate through the data) cannot sign.
  ASSERT_TRUE(apps_->Approve(agent_, id, "", meta_));
  {
    auto tx = db_->Begin();
    ASSERT_TRUE((*tx)->Exec("UPDATE applications SET approved_by = ? WHERE id = ?", {signatory_.user_id, id}));
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  auto r = apps_->Sign(signatory_, id, meta_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM certificates"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM certificate_sequences"), 0);  // rolled back, no gap
}

TEST_F(WorkflowTest, ReturnNeedsACommentAndAllowsResubmission) {
  int64_t id = NewSubmitted();
  EXPECT_EQ(apps_->Return(agent_, id, "  ", meta_).error().code, ErrorCode::kInvalidArgument);
  auto returned = apps_->Return(agent_, id, "Facture illisible", meta_);
  ASSERT_TRUE(returned);
  EXPECT_EQ((*returned)["review_comment"].as_string(), "Facture illisible");
  ASSERT_TRUE(apps_->Update(exporter_, id, Input(), meta_));
  auto again = apps_->Submit(exporter_, id, meta_);
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)["status"].as_string(), "submitted");
  EXPECT_EQ(apps_->Update(exporter_, id, Input(), meta_).error().code, ErrorCode::kConflict);
}

TEST_F(WorkflowTest, IncompleteDraftCannotBeSubmitted) {
  auto app = apps_->Create(exporter_, json::parse(R"({"regime": "NP"})"), meta_);
  ASSERT_TRUE(app);
  auto r = apps_->Submit(exporter_, (*app)["id"].as_int64(), meta_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
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
  EXPECT_EQ(certs_->VerifyNumber("ML-ETLS-2026-000001").status, trust::VerifyStatus::kExpired);
}

}  // namespace
}  // namespace origine::certificates
