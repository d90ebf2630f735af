#include "registry/registry.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>

#include "app/schema.h"
#include "audit/audit.h"
#include "storage/sqlite_db.h"
#include "tlog/log.h"

namespace origine::registry {
namespace {
namespace json = boost::json;

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("origine-registry-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(*storage::OpenSqlite((dir_ / "t.db").string()));
    std::vector<storage::Migration> all = app::AllMigrations();
    ASSERT_TRUE(db_->Migrate(all));
    auto tx = *db_->Begin();
    ASSERT_TRUE(
        tx->Exec("INSERT INTO companies (id, name, nif, rccm, address, created_at) VALUES "
                 "(1, 'Sahel Sésame', '084151646T', 'MA.BKO.2023.B.4040', 'Bamako', 0), "
                 "(2, 'Niger Karité', '091234567K', 'MA.SGO.2024.A.0120', 'Ségou', 0)"));
    ASSERT_TRUE(
        tx->Exec("INSERT INTO users (id, email, name, role, company_id, password_hash, created_at) VALUES "
                 "(1, 'e1', 'E1', 'exporter', 1, 'x', 0), (2, 'e2', 'E2', 'exporter', 2, 'x', 0), "
                 "(3, 'a', 'A', 'agent', NULL, 'x', 0), (4, 'ad', 'Ad', 'admin', NULL, 'x', 0), "
                 "(5, 's', 'S', 'signatory', NULL, 'x', 0)"));
    ASSERT_TRUE(tx->Commit());
    e1_ = {1, "e1", "E1", Role::kExporter, 1, "Sahel Sésame"};
    e2_ = {2, "e2", "E2", Role::kExporter, 2, "Niger Karité"};
    agent_ = {3, "a", "A", Role::kAgent, std::nullopt, ""};
    admin_ = {4, "ad", "Ad", Role::kAdmin, std::nullopt, ""};
    signatory_ = {5, "s", "S", Role::kSignatory, std::nullopt, ""};
    svc_ = std::make_unique<RegistryService>(*db_, clock_);
  }
  void TearDown() override {
    svc_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  int64_t AuditCount(const std::string& action) {
    auto tx = *db_->Begin(false);
    return (*tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ?", {action}))[0].Int(0);
  }
  json::value Butter() {
    return json::parse(R"({"name": "Beurre de karité raffiné", "hs_code": "151590", "producer": "Usine de Ségou",
      "product_kind": "industrial", "ex_works_xof": 1000000,
      "materials": [{"hs_code": "3923", "description": "Pots importés", "cif_xof": 250000}],
      "processes": ["refining"]})");
  }
  FakeClock clock_{1'790'000'000};  // 2026-09-21
  RequestMeta meta_{"r", "127.0.0.1", "test"};
  std::filesystem::path dir_;
  std::unique_ptr<storage::Db> db_;
  std::unique_ptr<RegistryService> svc_;
  Principal e1_, e2_, agent_, admin_, signatory_;
};

TEST_F(RegistryTest, ProductValidationNamesEveryBadField) {
  auto r = ValidateProduct(json::parse(
      R"({"name": "", "hs_code": "12", "product_kind": "x", "ex_works_xof": -1, "materials": [{"hs_code": "1"}],
          "colour": "red"})"));
  ASSERT_FALSE(r);
  std::set<std::string> fields;
  for (const auto& f : r.error().fields) fields.insert(f.field);
  for (const char* f : {"name", "hs_code", "producer", "product_kind", "ex_works_xof", "materials/0/hs_code",
                        "materials/0/cif_xof", "colour"})
    EXPECT_TRUE(fields.count(f)) << f;
}

TEST_F(RegistryTest, ProductsBelongToTheirCompany) {
  auto p = svc_->CreateProduct(e1_, Butter(), meta_);
  ASSERT_TRUE(p) << p.error().message;
  const int64_t id = (*p)["id"].as_int64();
  EXPECT_EQ(AuditCount("product.create"), 1);
  EXPECT_EQ(svc_->GetProduct(e2_, id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(svc_->UpdateProduct(e2_, id, Butter(), meta_).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(svc_->DeleteProduct(e2_, id, meta_).error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(svc_->ListProducts(e2_)->empty());
  EXPECT_EQ(svc_->ListProducts(e1_)->size(), 1u);
  EXPECT_EQ(svc_->CreateProduct(agent_, Butter(), meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_TRUE(svc_->GetProduct(agent_, id));
}

TEST_F(RegistryTest, ApprovalWorkflowIsAuditedAndFeedsTheFacts) {
  const int64_t pid = (*svc_->CreateProduct(e1_, Butter(), meta_))["id"].as_int64();
  EXPECT_EQ(svc_->RequestApproval(e2_, pid, "ETLS", meta_).error().kind, ErrorKind::kNotFound);
  auto a = svc_->RequestApproval(e1_, pid, "ETLS", meta_);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(svc_->RequestApproval(e1_, pid, "ETLS", meta_).error().kind, ErrorKind::kConflict);
  const int64_t aid = (*a)["id"].as_int64();
  EXPECT_EQ(svc_->ListApprovals(e1_, "").error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(svc_->ListApprovals(agent_, "requested")->size(), 1u);
  const auto grant = json::parse(R"({"decision": "grant", "number": "AGR-ML-2026-001", "valid_until": "2027-12-31"})");
  EXPECT_EQ(svc_->Decide(e1_, aid, grant, meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(svc_->Decide(signatory_, aid, grant, meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_FALSE(svc_->Decide(agent_, aid, json::parse(R"({"decision": "refuse"})"), meta_));  // comment required
  auto d = svc_->Decide(agent_, aid, grant, meta_);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ((*d)["status"], "granted");
  EXPECT_EQ(svc_->Decide(agent_, aid, grant, meta_).error().kind, ErrorKind::kConflict);
  EXPECT_EQ(AuditCount("approval.request"), 1);
  EXPECT_EQ(AuditCount("approval.grant"), 1);
  EXPECT_EQ(svc_->DeleteProduct(e1_, pid, meta_).error().kind, ErrorKind::kConflict);

  auto tx = *db_->Begin(false);
  auto f = ProductFacts(*tx, 1, pid, "ETLS", "2026-10-01");
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->ex_works_xof, 1000000);
  ASSERT_EQ(f->non_originating.size(), 1u);
  EXPECT_EQ(f->non_originating[0].cif_xof, 250000);
  ASSERT_TRUE(f->approval);
  EXPECT_EQ(f->approval->number, "AGR-ML-2026-001");
  EXPECT_FALSE(ProductFacts(*tx, 2, pid, "ETLS", "2026-10-01"));  // another company's product
  EXPECT_FALSE(ProductFacts(*tx, 1, pid, "UEMOA", "2026-10-01")->approval);
}

TEST_F(RegistryTest, CompanyProfileAndStatus) {
  auto c = svc_->GetCompany(e1_);
  ASSERT_TRUE(c);
  EXPECT_EQ((*c)["status"], "active");
  auto bad = svc_->UpdateCompany(e1_, json::parse(R"({"nif": "123", "rccm": "BKO-1"})"), meta_);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.size(), 2u);
  auto ok = svc_->UpdateCompany(e1_, json::parse(R"({"sector": "Oléagineux", "address": "Rue 12, Bamako"})"), meta_);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ((*ok)["sector"], "Oléagineux");
  EXPECT_EQ(AuditCount("company.update"), 1);
  EXPECT_EQ(svc_->ListCompanies(e1_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(svc_->ListCompanies(agent_)->size(), 2u);
  EXPECT_EQ(svc_->SetCompanyStatus(agent_, 2, "suspended", "", meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_FALSE(svc_->SetCompanyStatus(admin_, 2, "closed", "", meta_));
  EXPECT_EQ((*svc_->SetCompanyStatus(admin_, 2, "suspended", "Contrôle", meta_))["status"], "suspended");
  EXPECT_EQ(AuditCount("company.status"), 1);
}

TEST_F(RegistryTest, ApprovedExporterStatusPerRegime) {
  RegimeResolver resolve = [](const std::string& c) -> std::optional<std::string> {
    if (c == "ETLS" || c == "UEMOA") return c;
    return std::nullopt;
  };
  const auto grant = json::parse(R"({"regime": "ETLS", "number": "AE-ML-2026-07", "valid_until": "2027-06-30"})");
  EXPECT_EQ(svc_->GrantCompanyApproval(e1_, 1, grant, resolve, meta_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(svc_->GrantCompanyApproval(signatory_, 1, grant, resolve, meta_).error().kind,
            ErrorKind::kPermissionDenied);
  EXPECT_EQ(svc_->GrantCompanyApproval(agent_, 99, grant, resolve, meta_).error().kind, ErrorKind::kNotFound);
  auto bad = svc_->GrantCompanyApproval(
      agent_, 1, json::parse(R"({"regime": "NP", "number": "", "valid_until": "2020-01-01", "x": 1})"), resolve, meta_);
  ASSERT_FALSE(bad);
  std::set<std::string> fields;
  for (const auto& f : bad.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"regime", "number", "valid_until", "x"}));

  auto a = svc_->GrantCompanyApproval(agent_, 1, grant, resolve, meta_);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ((*a)["valid_from"], "2026-09-21");
  EXPECT_EQ((*a)["valid_today"], true);
  EXPECT_EQ((*a)["granted_by"].at("name"), "A");
  EXPECT_EQ(AuditCount("company_approval.grant"), 1);
  // Shown in the company profile; the other exporter sees neither the company nor its status.
  auto c = svc_->GetCompany(e1_);
  ASSERT_EQ((*c)["approved_exporter"].as_array().size(), 1u);
  EXPECT_EQ(svc_->GetCompanyById(e2_, 1).error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(svc_->GetCompanyById(signatory_, 1));

  // It stands in for a missing product approval, on the dates it covers only.
  const int64_t pid = (*svc_->CreateProduct(e1_, Butter(), meta_))["id"].as_int64();
  {
    auto tx = *db_->Begin(false);
    auto f = ProductFacts(*tx, 1, pid, "ETLS", "2026-10-01");
    ASSERT_TRUE(f->approval);
    EXPECT_EQ(f->approval->number, "AE-ML-2026-07");
    EXPECT_EQ(f->approval->hs_code, "");
    EXPECT_FALSE(ProductFacts(*tx, 1, pid, "ETLS", "2027-07-01")->approval);
    EXPECT_FALSE(ProductFacts(*tx, 1, pid, "UEMOA", "2026-10-01")->approval);
    EXPECT_FALSE(*CompanyApprovalOn(*tx, 2, "ETLS", "2026-10-01"));
  }
  // A product approval valid on the date takes precedence.
  const int64_t aid = (*svc_->RequestApproval(e1_, pid, "ETLS", meta_))["id"].as_int64();
  ASSERT_TRUE(svc_->Decide(
      agent_, aid, json::parse(R"({"decision": "grant", "number": "AGR-P-1", "valid_until": "2026-12-31"})"), meta_));
  {
    auto tx = *db_->Begin(false);
    EXPECT_EQ(ProductFacts(*tx, 1, pid, "ETLS", "2026-10-01")->approval->number, "AGR-P-1");
    EXPECT_EQ(ProductFacts(*tx, 1, pid, "ETLS", "2027-02-01")->approval->number, "AE-ML-2026-07");
  }

  // A new grant supersedes the active one; revoking needs a comment and happens once.
  auto b = svc_->GrantCompanyApproval(
      admin_, 1, json::parse(R"({"regime": "ETLS", "number": "AE-ML-2026-08", "valid_until": "2028-01-31"})"), resolve,
      meta_);
  ASSERT_TRUE(b) << b.error().message;
  auto list = (*svc_->GetCompany(e1_))["approved_exporter"].as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("status"), "active");
  EXPECT_EQ(list[1].at("status"), "revoked");
  const int64_t bid = (*b)["id"].as_int64();
  EXPECT_FALSE(svc_->RevokeCompanyApproval(agent_, 1, bid, " ", meta_));
  EXPECT_EQ(svc_->RevokeCompanyApproval(agent_, 2, bid, "Fraude", meta_).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(svc_->RevokeCompanyApproval(e1_, 1, bid, "Fraude", meta_).error().kind, ErrorKind::kPermissionDenied);
  auto r = svc_->RevokeCompanyApproval(agent_, 1, bid, "Contrôle défavorable", meta_);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)["valid_today"], false);
  EXPECT_EQ(svc_->RevokeCompanyApproval(agent_, 1, bid, "again", meta_).error().kind, ErrorKind::kConflict);
  EXPECT_EQ(AuditCount("company_approval.revoke"), 1);
  auto tx = *db_->Begin(false);
  EXPECT_FALSE(*CompanyApprovalOn(*tx, 1, "ETLS", "2027-02-01"));
}

}  // namespace
}  // namespace origine::registry
