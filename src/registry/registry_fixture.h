// origine/registry/registry_fixture.h — the fixture of the registry's unit
// tests (test-only): a migrated database with testkit::SeedPeople's companies
// and users, a RegistryService on a fixed clock, and a product body.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "registry/registry.h"
#include "testkit/testkit.h"

namespace origine::registry {

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testkit::OpenDb(dir_.path());
    ASSERT_TRUE(db_);
    people_ = testkit::SeedPeople(*db_, clock_);
    svc_ = std::make_unique<RegistryService>(*db_, clock_);
  }
  int64_t AuditCount(const std::string& action) {
    return testkit::Count(*db_, "SELECT COUNT(*) FROM audit_events WHERE action = '" + action + "'");
  }
  static boost::json::value Butter() {
    return boost::json::parse(R"({"name": "Beurre de karité raffiné", "hs_code": "151590", "producer": "Usine de Ségou",
      "product_kind": "industrial", "ex_works_xof": 1000000,
      "materials": [{"hs_code": "3923", "description": "Pots importés", "cif_xof": 250000}],
      "processes": ["refining"]})");
  }

  testkit::TempDir dir_;
  FakeClock clock_{1'790'000'000};  // 2026-09-21
  const RequestMeta& meta_ = testkit::kMeta;
  std::unique_ptr<storage::Db> db_;
  testkit::People people_;
  std::unique_ptr<RegistryService> svc_;
};

}  // namespace origine::registry
