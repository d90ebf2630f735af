// IdentityService: passwords, sessions, provisioning and a company's users.
#include "identity/identity_service.h"

#include <gtest/gtest.h>

#include "identity/password.h"
#include "testkit/testkit.h"

namespace origine::identity {
namespace {

using testkit::IsError;
using testkit::IsOk;

constexpr const char* kPassword = "password-12345";  // testkit::SeedPeople's

class IdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testkit::OpenDb(dir_.path());
    ASSERT_TRUE(db_);
    people_ = testkit::SeedPeople(*db_, clock_);
    svc_ = std::make_unique<IdentityService>(*db_, clock_);
  }
  int64_t CountAudit(const std::string& action) {
    return testkit::Count(*db_, "SELECT COUNT(*) FROM audit_events WHERE action = '" + action + "'");
  }

  testkit::TempDir dir_;
  FakeClock clock_{1795757970};
  const RequestMeta& meta_ = testkit::kMeta;
  std::unique_ptr<storage::Db> db_;
  testkit::People people_;
  std::unique_ptr<IdentityService> svc_;
};

TEST_F(IdentityTest, PasswordHashIsArgon2idAndVerifies) {
  auto h = HashPassword("s3cret-passphrase");
  ASSERT_THAT(h, IsOk());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*h, "s3cret-passphrase"));
  EXPECT_FALSE(VerifyPassword(*h, "s3cret-passphrasE"));
  auto short_one = HashPassword("short");
  EXPECT_THAT(short_one, IsError("password.length"));
  ASSERT_EQ(short_one.error().fields.size(), 1u);
  EXPECT_EQ(short_one.error().fields[0].code, "password.length");
  EXPECT_THAT(HashPassword(std::string(257, 'x')), IsError("password.length"));
  EXPECT_NE(RandomToken(), RandomToken());
  EXPECT_EQ(RandomToken(32).size(), 43u);  // base64url of 32 bytes, no padding
}

TEST_F(IdentityTest, LoginAuthenticateLogout) {
  auto s = svc_->Login("E1@T.ml", kPassword, meta_);
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->principal.role, Role::kExporter);
  EXPECT_EQ(s->principal.company_id, people_.company);
  EXPECT_EQ(s->principal.company_name, "Sahel Sésame SARL");
  auto again = svc_->Authenticate(s->token);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->csrf_token, s->csrf_token);
  EXPECT_EQ(again->principal.email, "e1@t.ml");
  EXPECT_EQ(again->principal.company_name, "Sahel Sésame SARL");
  EXPECT_EQ(CountAudit("auth.login"), 1);
  ASSERT_THAT(svc_->Logout(s->token, s->principal, meta_), IsOk());
  EXPECT_THAT(svc_->Authenticate(s->token), IsError("session.expired"));
  EXPECT_EQ(CountAudit("auth.logout"), 1);
  // Staff have no company.
  auto agent = svc_->Login("a@t.ml", kPassword, meta_);
  ASSERT_THAT(agent, IsOk());
  EXPECT_FALSE(agent->principal.company_id);
  EXPECT_EQ(agent->principal.company_name, "");
}

TEST_F(IdentityTest, BadCredentialsAreIndistinguishableAndAudited) {
  auto wrong_pw = svc_->Login("e1@t.ml", "wrong password", meta_);
  auto no_user = svc_->Login("nobody@t.ml", kPassword, meta_);
  EXPECT_THAT(wrong_pw, IsError("auth.invalid_credentials"));
  EXPECT_THAT(no_user, IsError("auth.invalid_credentials"));
  EXPECT_EQ(wrong_pw.error().kind, ErrorKind::kUnauthenticated);
  EXPECT_EQ(wrong_pw.error().message, no_user.error().message);
  EXPECT_EQ(CountAudit("auth.login_failed"), 2);
}

TEST_F(IdentityTest, SessionsExpire) {
  auto s = svc_->Login("e1@t.ml", kPassword, meta_);
  ASSERT_THAT(s, IsOk());
  clock_.Advance(IdentityService::kSessionSeconds + 1);
  auto r = svc_->Authenticate(s->token);
  EXPECT_THAT(r, IsError("session.expired"));
  EXPECT_EQ(r.error().kind, ErrorKind::kUnauthenticated);
  EXPECT_THAT(svc_->Authenticate(""), IsError("session.required"));
  EXPECT_THAT(svc_->Authenticate(std::string(129, 'x')), IsError("session.required"));
  EXPECT_THAT(svc_->Authenticate("garbage-token"), IsError("session.expired"));
  // The next login clears the expired session rows.
  ASSERT_THAT(svc_->Login("e2@t.ml", kPassword, meta_), IsOk());
  EXPECT_EQ(testkit::Count(*db_, "SELECT COUNT(*) FROM sessions"), 1);
}

TEST_F(IdentityTest, EnsureIsIdempotentAndChecksCompanyRule) {
  auto again = svc_->EnsureCompany({"Other name", "084151646T", "X", "Y"}, meta_);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(*again, people_.company);
  EXPECT_EQ(*svc_->EnsureUser({"E1@t.ml", "Someone", "whatever-password", Role::kExporter, people_.company}, meta_),
            people_.exporter.user_id);
  EXPECT_THAT(svc_->EnsureUser({"agent2@t.ml", "A", "password1", Role::kAgent, people_.company}, meta_),
              IsError("user.company_rule"));
  EXPECT_THAT(svc_->EnsureUser({"x@t.ml", "X", "password1", Role::kExporter, std::nullopt}, meta_),
              IsError("user.company_rule"));
  EXPECT_THAT(svc_->EnsureUser({"no-at-sign", "X", "password1", Role::kAgent, std::nullopt}, meta_),
              IsError("email.format"));
  EXPECT_THAT(svc_->EnsureUser({"y@t.ml", "Y", "short", Role::kAgent, std::nullopt}, meta_),
              IsError("password.length"));
}

TEST_F(IdentityTest, CompanyUsersAreManagedByTheCompanyAndTheAdmin) {
  const int64_t company = people_.company, other = people_.other_company;
  const Principal& exp = people_.exporter;
  const Principal& admin = people_.admin;
  const Principal& agent = people_.agent;
  const int64_t seeded_users = CountAudit("user.create");

  // Listing: own company yes; another company 404; admin any (no company: nothing else).
  ASSERT_EQ(svc_->ListCompanyUsers(exp, company)->size(), 1u);
  EXPECT_THAT(svc_->ListCompanyUsers(exp, other), IsError("company.not_found"));
  EXPECT_THAT(svc_->ListCompanyUsers(agent, company), IsError("company.not_found"));
  EXPECT_EQ(svc_->ListCompanyUsers(admin, other)->size(), 1u);
  EXPECT_THAT(svc_->ListCompanyUsers(admin, 999), IsError("company.not_found"));

  // Adding: every bad field named with its code; duplicate email is a conflict; audited.
  auto bad = svc_->AddCompanyUser(exp, company, "not-an-email", " ", "short", meta_);
  ASSERT_THAT(bad, IsError("user.invalid"));
  ASSERT_EQ(bad.error().fields.size(), 3u);
  EXPECT_EQ(bad.error().fields[0].field, "email");
  EXPECT_EQ(bad.error().fields[0].code, "email.format");
  EXPECT_EQ(bad.error().fields[1].field, "name");
  EXPECT_EQ(bad.error().fields[1].code, "name.required");
  EXPECT_EQ(bad.error().fields[2].field, "password");
  EXPECT_EQ(bad.error().fields[2].code, "password.length");
  auto long_name = svc_->AddCompanyUser(exp, company, "ok@t.ml", std::string(201, 'n'), "long-enough", meta_);
  ASSERT_THAT(long_name, IsError("user.invalid"));
  EXPECT_EQ(long_name.error().fields[0].code, "name.length");
  EXPECT_THAT(svc_->AddCompanyUser(exp, company, "E2@t.ml", "Dup", "password-x", meta_), IsError("email.taken"));
  EXPECT_THAT(svc_->AddCompanyUser(exp, other, "c@t.ml", "C", "password-c", meta_), IsError("company.not_found"));
  EXPECT_THAT(svc_->AddCompanyUser(admin, 999, "c@t.ml", "C", "password-c", meta_), IsError("company.not_found"));
  auto added = svc_->AddCompanyUser(exp, company, "Moussa@T.ml", "Moussa", "initial-pass", meta_);
  ASSERT_THAT(added, IsOk());
  EXPECT_EQ(added->email, "moussa@t.ml");
  EXPECT_EQ(CountAudit("user.create"), seeded_users + 1);
  auto moussa = svc_->Login("moussa@t.ml", "initial-pass", meta_);
  ASSERT_THAT(moussa, IsOk());
  EXPECT_EQ(moussa->principal.company_id, company);

  // Disabling: not oneself; not another company's user; ends the sessions; login refused.
  EXPECT_THAT(svc_->SetCompanyUserActive(exp, company, exp.user_id, false, meta_), IsError("user.self_disable"));
  EXPECT_THAT(svc_->SetCompanyUserActive(exp, company, people_.other_exporter.user_id, false, meta_),
              IsError("user.not_found"));
  EXPECT_THAT(svc_->SetCompanyUserActive(exp, other, people_.other_exporter.user_id, false, meta_),
              IsError("company.not_found"));
  EXPECT_THAT(svc_->SetCompanyUserActive(agent, company, added->id, false, meta_), IsError("company.not_found"));
  auto off = svc_->SetCompanyUserActive(exp, company, added->id, false, meta_);
  ASSERT_THAT(off, IsOk());
  EXPECT_FALSE(off->active);
  EXPECT_THAT(svc_->Authenticate(moussa->token), IsError("session.expired"));
  EXPECT_THAT(svc_->Login("moussa@t.ml", "initial-pass", meta_), IsError("auth.invalid_credentials"));
  EXPECT_EQ(CountAudit("user.disable"), 1);
  EXPECT_EQ(testkit::Count(*db_, "SELECT COUNT(*) FROM sessions WHERE user_id = " + std::to_string(added->id)), 0);
  // Disabling again changes nothing and audits nothing.
  ASSERT_THAT(svc_->SetCompanyUserActive(exp, company, added->id, false, meta_), IsOk());
  EXPECT_EQ(CountAudit("user.disable"), 1);
  // The admin re-enables the account; the password still works.
  ASSERT_THAT(svc_->SetCompanyUserActive(admin, company, added->id, true, meta_), IsOk());
  EXPECT_EQ(CountAudit("user.enable"), 1);
  EXPECT_THAT(svc_->Login("moussa@t.ml", "initial-pass", meta_), IsOk());
}

}  // namespace
}  // namespace origine::identity
