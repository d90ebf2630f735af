#include "identity/identity_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "app/schema.h"
#include "audit/audit.h"
#include "identity/password.h"
#include "storage/sqlite_db.h"
#include "tlog/log.h"

namespace origine::identity {
namespace {

std::vector<storage::Migration> TestMigrations() {
  std::vector<storage::Migration> all = app::AllMigrations();
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
  EXPECT_EQ(wrong_pw.error().kind, ErrorKind::kUnauthenticated);
  EXPECT_EQ(wrong_pw.error().message, no_user.error().message);
  EXPECT_EQ(CountAudit("auth.login_failed"), 2);
}

TEST_F(IdentityTest, SessionsExpire) {
  auto s = svc_->Login("exp@demo.ml", "correct horse", meta_);
  ASSERT_TRUE(s);
  clock_.Advance(IdentityService::kSessionSeconds + 1);
  auto r = svc_->Authenticate(s->token);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kUnauthenticated);
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

TEST_F(IdentityTest, CompanyUsersAreManagedByTheCompanyAndTheAdmin) {
  auto other = *svc_->EnsureCompany({"Niger Karité", "091234567K", "MA.SGO.2024.A.0120", "Ségou"}, meta_);
  const int64_t other_user = *svc_->EnsureUser({"b@demo.ml", "Binta", "password-b", Role::kExporter, other}, meta_);
  const int64_t admin_id = *svc_->EnsureUser({"admin@demo.ml", "Ad", "password-a", Role::kAdmin, std::nullopt}, meta_);
  const int64_t agent_id = *svc_->EnsureUser({"agent@demo.ml", "Ag", "password-g", Role::kAgent, std::nullopt}, meta_);
  auto me = *svc_->Login("exp@demo.ml", "correct horse", meta_);
  const Principal& exp = me.principal;
  const Principal admin{admin_id, "admin@demo.ml", "Ad", Role::kAdmin, std::nullopt, ""};
  const Principal agent{agent_id, "agent@demo.ml", "Ag", Role::kAgent, std::nullopt, ""};

  // Listing: own company yes; another company 404; agent 403; admin any.
  ASSERT_EQ(svc_->ListCompanyUsers(exp, company_)->size(), 1u);
  EXPECT_EQ(svc_->ListCompanyUsers(exp, other).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(svc_->ListCompanyUsers(agent, company_).error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(svc_->ListCompanyUsers(admin, other)->size(), 1u);
  EXPECT_EQ(svc_->ListCompanyUsers(admin, 999).error().kind, ErrorKind::kNotFound);

  // Adding: every bad field named; duplicate email is a conflict; audited.
  auto bad = svc_->AddCompanyUser(exp, company_, "not-an-email", " ", "short", meta_);
  ASSERT_FALSE(bad);
  ASSERT_EQ(bad.error().fields.size(), 3u);
  EXPECT_EQ(bad.error().fields[0].field, "email");
  EXPECT_EQ(bad.error().fields[1].field, "name");
  EXPECT_EQ(bad.error().fields[2].field, "password");
  EXPECT_EQ(svc_->AddCompanyUser(exp, company_, "B@demo.ml", "Dup", "password-x", meta_).error().kind,
            ErrorKind::kConflict);
  EXPECT_EQ(svc_->AddCompanyUser(exp, other, "c@demo.ml", "C", "password-c", meta_).error().kind, ErrorKind::kNotFound);
  auto added = svc_->AddCompanyUser(exp, company_, "Moussa@Demo.ml", "Moussa", "initial-pass", meta_);
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ(added->email, "moussa@demo.ml");
  EXPECT_EQ(CountAudit("user.create"), 5);  // 4 seeded + 1
  auto moussa = svc_->Login("moussa@demo.ml", "initial-pass", meta_);
  ASSERT_TRUE(moussa) << moussa.error().message;
  EXPECT_EQ(moussa->principal.company_id, company_);

  // Disabling: not oneself; not another company's user; ends the sessions; login refused.
  EXPECT_EQ(svc_->SetCompanyUserActive(exp, company_, exp.user_id, false, meta_).error().kind, ErrorKind::kConflict);
  EXPECT_EQ(svc_->SetCompanyUserActive(exp, company_, other_user, false, meta_).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(svc_->SetCompanyUserActive(exp, other, other_user, false, meta_).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(svc_->SetCompanyUserActive(agent, company_, added->id, false, meta_).error().kind,
            ErrorKind::kPermissionDenied);
  auto off = svc_->SetCompanyUserActive(exp, company_, added->id, false, meta_);
  ASSERT_TRUE(off) << off.error().message;
  EXPECT_FALSE(off->active);
  EXPECT_FALSE(svc_->Authenticate(moussa->token));
  EXPECT_EQ(svc_->Login("moussa@demo.ml", "initial-pass", meta_).error().kind, ErrorKind::kUnauthenticated);
  EXPECT_EQ(CountAudit("user.disable"), 1);
  {
    auto tx = *db_->Begin(false);
    EXPECT_EQ((*tx->Query("SELECT COUNT(*) FROM sessions WHERE user_id = ?", {added->id}))[0].Int(0), 0);
  }
  // The admin re-enables the account; the password still works.
  ASSERT_TRUE(svc_->SetCompanyUserActive(admin, company_, added->id, true, meta_));
  EXPECT_EQ(CountAudit("user.enable"), 1);
  EXPECT_TRUE(svc_->Login("moussa@demo.ml", "initial-pass", meta_));
}

}  // namespace
}  // namespace origine::identity
