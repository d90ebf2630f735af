// origine/certificates/service_fixture.h — the fixture of the service tests
// (service_test.cc, outcome_test.cc): the test kit's database and people,
// signing keys, the two services over the real regime data. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>

#include "certificates/service.h"
#include "pki/key_manager.h"
#include "testkit/regimes.h"
#include "testkit/testkit.h"
#include "tlog/log.h"
#include "trust/key_store.h"

namespace origine::certificates {

// A complete ETLS application of the exporter's company.
inline boost::json::value CompleteInput() {
  return boost::json::parse(R"({
    "regime": "ETLS",
    "consignee": {"name": "Dakar Import", "address": "Rue 10, Dakar", "country": "SN"},
    "origin_country": "ML", "destination_country": "SN",
    "transport": {"mode": "road", "details": "Camion AB-123"},
    "invoice": {"number": "F-1", "date": "2026-11-20"},
    "goods": [{"hs_code": "120740", "description": "Sésame", "quantity": "20000", "unit": "kg",
               "gross_weight_kg": "20100", "net_weight_kg": "20000", "value_xof": 12000000}]})");
}

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testkit::OpenDb(dir_.path());
    ASSERT_TRUE(db_);
    auto store = trust::FileKeyStore::Open(dir_.File("keys"), "test passphrase 0123456789", 10);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    keys_ = std::make_unique<pki::KeyManager>(*db_, clock_, *store_, log_, pki::KeyOptions{});
    auto created = keys_->EnsureInitialKeys(meta_, {"ETLS", "NP", "UEMOA"});
    ASSERT_TRUE(created) << created.error().message;
    trust_ = std::make_unique<pki::DbTrustListSource>(*db_);
    apps_ = std::make_unique<ApplicationService>(*db_, clock_, testkit::Regimes(), *keys_, log_, IssuerConfig{});
    certs_ = std::make_unique<CertificateService>(*db_, clock_, *trust_, IssuerConfig{});
    people_ = testkit::SeedPeople(*db_, clock_);
  }

  int64_t NewSubmitted() {
    auto app = apps_->Create(people_.exporter, CompleteInput(), meta_);
    EXPECT_TRUE(app) << app.error().message;
    int64_t id = (*app)["id"].as_int64();
    EXPECT_TRUE(apps_->Submit(people_.exporter, id, meta_));
    return id;
  }
  // Submitted, approved and signed: the certificate's number.
  std::string Issue() {
    int64_t id = NewSubmitted();
    EXPECT_TRUE(apps_->Approve(people_.agent, id, "", meta_));
    auto app = apps_->Sign(people_.signatory, id, meta_);
    EXPECT_TRUE(app) << app.error().message;
    return app ? std::string((*app)["certificate_number"].as_string()) : "";
  }
  int64_t Count(const std::string& sql) { return testkit::Count(*db_, sql); }
  // Tests only: changes stored rows behind the services' back.
  void Exec(const std::string& sql, const storage::Params& params) {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE((*tx)->Exec(sql, params));
    ASSERT_TRUE((*tx)->Commit());
  }

  testkit::TempDir dir_;
  FakeClock clock_{1795757970};  // 2026-11-27
  RequestMeta meta_ = testkit::kMeta;
  std::unique_ptr<storage::Db> db_;
  tlog::Log log_{"test.local/log"};
  std::unique_ptr<trust::FileKeyStore> store_;
  std::unique_ptr<pki::KeyManager> keys_;
  std::unique_ptr<pki::DbTrustListSource> trust_;
  std::unique_ptr<ApplicationService> apps_;
  std::unique_ptr<CertificateService> certs_;
  testkit::People people_;
};

}  // namespace origine::certificates
