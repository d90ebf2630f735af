#include "identity/identity_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "identity/password.h"
#include "audit/audit.h"
#include "storage/sqlite_db.h"
#include "tlog/log.h"

namespace origine::identity {
namespace {

std::vector<storage::Migration> TestMigrations() {
  std::vector<storage::Migration> all = storage::CoreMigrations();
  for (const auto& m : audit::AuditMigrations()) all.push_back(m);
  for (const auto& m : tlog::TlogMigrations()) all.push_back(m);
  return all;
}


class IdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("origine-identity-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(*storage::OpenSqlite((dir_ / "t.db").string()));
    ASSERT_TRUE(db_->Migrate(TestMigrations()));
    svc_ = std::make_unique<IdentityService>(*db_, clock_);
    auto company = svc_->EnsureCompany({"Sahel Sésame", "084151646T", "MA.BKO.2023.B.4040", "Bamako"}, meta_);
    ASSERT_TRUE(company);
    company_ = *company;
    ASSERT_TRUE(svc_->EnsureUser({"Exp@Demo.ml", "Awa", "correct horse", Role::kExporter, company_}, meta_));
  }
  void TearDown() override {
    svc_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  int64_t CountAudit(const std::string& action) {
    auto tx = db_->Begin(false);
    auto rows = (*tx)->Query("SELECT COUNT(*) FROM audit_events WHERE action = ?", {action});
    return (*rows)[0].Int(0);
  }

  std::filesystem::path dir_;
  FakeClock clock_{1795757970};
  RequestMeta meta_{"req-1", "127.0.0.1", "test"};
  std::unique_ptr<storage::Db> db_;
  std::unique_ptr<IdentityService> svc_;
  int64_t company_ = 0;
};

TEST_F(IdentityTest, PasswordHashIsArgon2idAndVerifies) {
  auto h = HashPassword("s3cret-passphrase");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*h, "s3cret-passphrase"));
  EXPECT_FALSE(VerifyPassword(*h, "s3cret-passphrasE"));
  EXPECT_FALSE(HashPassword("short"));
}

TEST_F(IdentityTest, LoginAuthenticateLogout) {
  auto s = svc_->Login("exp@demo.ML", "correct horse", meta_);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->principal.role, Role::kExporter);
  EXPECT_EQ(s->principal.company_id, company_);
  EXPECT_EQ(s->principal.company_name, "Sahel Sésame");
  auto again = svc_->Authenticate(s->token);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->csrf_token, s->csrf_token);
  EXPECT_EQ(CountAudit("auth.login"), 1);
  ASSERT_TRUE(svc_->Logout(s->token, s->principal, meta_).ok());
  EXPECT_FALSE(svc_->Authenticate(s->token));
  EXPECT_EQ(CountAudit("auth.logout"), 1);
}

TEST_F(IdentityTest, BadCredentialsAreIndistinguishableAndAudited) {
  auto wrong_pw = svc_->Login("exp@demo.ml", "wrong password", meta_);
  auto no_user = svc_->Login("nobody@demo.ml", "correct horse", meta_);
  ASSERT_FALSE(wrong_pw);
  ASSERT_FALSE(no_user);
  EXPECT_EQ(wrong_pw.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong_pw.error().message, no_user.error().message);
  EXPECT_EQ(CountAudit("auth.login_failed"), 2);
}

TEST_F(IdentityTest, SessionsExpire) {
  auto s = svc_->Login("exp@demo.ml", "correct horse", meta_);
  ASSERT_TRUE(s);
  clock_.Advance(IdentityService::kSessionSeconds + 1);
  auto r = svc_->Authenticate(s->token);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  EXPECT_FALSE(svc_->Authenticate(""));
  EXPECT_FALSE(svc_->Authenticate("garbage-token"));
}

TEST_F(IdentityTest, EnsureIsIdempotentAndChecksCompanyRule) {
  auto again = svc_->EnsureCompany({"Other name", "084151646T", "X", "Y"}, meta_);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, company_);
  EXPECT_FALSE(svc_->EnsureUser({"agent@demo.ml", "A", "password1", Role::kAgent, company_}, meta_));
  EXPECT_FALSE(svc_->EnsureUser({"x@demo.ml", "X", "password1", Role::kExporter, std::nullopt}, meta_));
}

}  // namespace
}  // namespace origine::identity
