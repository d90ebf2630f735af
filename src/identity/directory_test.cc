// identity/directory.h (what other modules read and change of companies and
// users) and the lookup tables of the identity schema.
#include "identity/directory.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "identity/company_store.h"
#include "identity/user_store.h"
#include "testkit/testkit.h"

namespace origine::identity {
namespace {

using testkit::IsError;
using testkit::IsOk;

class DirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testkit::OpenDb(dir_.path());
    ASSERT_TRUE(db_);
    people_ = testkit::SeedPeople(*db_, clock_);
  }
  testkit::TempDir dir_;
  FakeClock clock_{1795757970};
  std::unique_ptr<storage::Db> db_;
  testkit::People people_;
};

TEST_F(DirectoryTest, CompanyStatusesTableEqualsTheEnum) {
  auto tx = *db_->Begin(false);
  auto rows = company_store::SelectStatusNames(*tx);
  ASSERT_THAT(rows, IsOk());
  std::vector<std::string> names;
  for (CompanyStatus s : kAllCompanyStatuses) {
    names.push_back(CompanyStatusName(s));
    EXPECT_EQ(ParseCompanyStatus(CompanyStatusName(s)), s);
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(*rows, names);
  EXPECT_FALSE(ParseCompanyStatus("closed"));
  EXPECT_FALSE(ParseCompanyStatus(""));
}

TEST_F(DirectoryTest, UserRolesTableEqualsTheRoleEnum) {
  auto tx = *db_->Begin(false);
  auto rows = user_store::SelectRoleNames(*tx);
  ASSERT_THAT(rows, IsOk());
  // Every origine::Role (core/context.h), and nothing else.
  std::vector<std::string> names;
  for (Role r : {Role::kExporter, Role::kAgent, Role::kSignatory, Role::kAdmin, Role::kAuditor}) {
    names.push_back(RoleName(r));
    Role back = Role::kExporter;
    EXPECT_TRUE(ParseRole(RoleName(r), &back));
    EXPECT_EQ(back, r);
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(*rows, names);
  for (const auto& row : *rows) {
    Role role;
    EXPECT_TRUE(ParseRole(row, &role)) << row;
  }
}

TEST_F(DirectoryTest, FindAndListCompanies) {
  auto tx = *db_->Begin(false);
  auto c = FindCompany(*tx, people_.company);
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->name, "Sahel Sésame SARL");
  EXPECT_EQ(c->nif, "084151646T");
  EXPECT_EQ(c->status, CompanyStatus::kActive);
  EXPECT_EQ(c->sector, "");
  EXPECT_THAT(FindCompany(*tx, 999), IsError("company.not_found"));
  auto all = ListCompanies(*tx);
  ASSERT_THAT(all, IsOk());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "Niger Karité SA");  // by name
  EXPECT_EQ(ListCompanies(*tx, 1)->size(), 1u);
}

TEST_F(DirectoryTest, ProfileAndStatusAreWrittenInTheCallersTransaction) {
  {
    auto tx = *db_->Begin();
    CompanyProfile p = FindCompany(*tx, people_.company)->profile();
    p.sector = "Oléagineux";
    p.nif = "084151647T";
    ASSERT_THAT(UpdateCompanyProfile(*tx, people_.company, p), IsOk());
    ASSERT_THAT(SetCompanyStatus(*tx, people_.other_company, CompanyStatus::kSuspended), IsOk());
    // Another company's NIF is refused; an unknown company is not found.
    p.nif = "091234567K";
    EXPECT_THAT(UpdateCompanyProfile(*tx, people_.company, p), IsError("nif.taken"));
    EXPECT_THAT(UpdateCompanyProfile(*tx, 999, {"X", "000000000X", "", "", ""}), IsError("company.not_found"));
    EXPECT_THAT(SetCompanyStatus(*tx, 999, CompanyStatus::kActive), IsError("company.not_found"));
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  auto tx = *db_->Begin(false);
  EXPECT_EQ(FindCompany(*tx, people_.company)->sector, "Oléagineux");
  EXPECT_EQ(FindCompany(*tx, people_.company)->nif, "084151647T");
  EXPECT_EQ(FindCompany(*tx, people_.other_company)->status, CompanyStatus::kSuspended);
}

TEST_F(DirectoryTest, UserNamesAndIdsByEmail) {
  auto tx = *db_->Begin(false);
  auto names = FindUserNames(*tx, {people_.agent.user_id, people_.exporter.user_id, people_.agent.user_id, 999});
  ASSERT_THAT(names, IsOk());
  ASSERT_EQ(names->size(), 2u);
  EXPECT_EQ(names->at(people_.agent.user_id).email, "a@t.ml");
  EXPECT_EQ(names->at(people_.agent.user_id).role, "agent");
  EXPECT_EQ(names->at(people_.exporter.user_id).name, "e1@t.ml");
  EXPECT_EQ(*FindUserIdByEmail(*tx, "s@t.ml"), people_.signatory.user_id);
  EXPECT_FALSE(*FindUserIdByEmail(*tx, "S@t.ml"));  // exact match, as stored
  EXPECT_FALSE(*FindUserIdByEmail(*tx, "nobody@t.ml"));
}

}  // namespace
}  // namespace origine::identity
