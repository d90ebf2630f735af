// The ledger refuses unbalanced entries in code, posts a payment once, and the
// balance query agrees.
#include "payments/ledger.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "app/schema.h"
#include "audit/audit.h"
#include "certificates/service.h"
#include "payments/payments.h"
#include "registry/registry.h"
#include "storage/sqlite_db.h"
#include "tlog/log.h"

namespace origine::payments {
namespace {

TEST(Ledger, CheckBalancedTable) {
  struct Case {
    std::vector<LedgerLine> lines;
    bool ok;
  };
  const std::vector<Case> cases = {
      {{{"ProviderClearing:wave", 1500}, {kRevenue, -1500}}, true},
      {{{"ProviderClearing:wave", 1500}, {kRevenue, -1485}, {kFeeExpense, -15}}, true},
      {{{"ProviderClearing:wave", 1500}, {kRevenue, -1499}}, false},  // off by one franc
      {{{"ProviderClearing:wave", 1500}}, false},                     // one line
      {{{"ProviderClearing:wave", 0}, {kRevenue, 0}}, false},         // zero lines
      {{{"", 10}, {kRevenue, -10}}, false},                           // no account
      {{{"A", INT64_MAX}, {"B", INT64_MAX}, {"C", 2}}, false},        // overflow
  };
  for (size_t i = 0; i < cases.size(); ++i)
    EXPECT_EQ(CheckBalanced({"payment", std::nullopt, "t", cases[i].lines}).ok(), cases[i].ok) << "case " << i;
}

class LedgerDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("origine-ledger-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(*storage::OpenSqlite((dir_ / "t.db").string()));
    std::vector<storage::Migration> all = app::AllMigrations();
    auto applied = db_->Migrate(all);
    ASSERT_TRUE(applied) << applied.error().message;
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<storage::Db> db_;
};

TEST_F(LedgerDbTest, PostsBalancedEntriesAndRefusesTheRest) {
  auto tx = *db_->Begin();
  ASSERT_TRUE(
      Post(*tx, {"settlement", std::nullopt, "virement", {{kBank, 1000}, {ClearingAccount("wave"), -1000}}}, 1));
  auto bad = Post(*tx, {"settlement", std::nullopt, "faux", {{kBank, 1000}, {ClearingAccount("wave"), -999}}}, 1);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::kInvalidArgument);
  auto balances = *Balances(*tx);
  EXPECT_EQ(balances[kBank], 1000);
  EXPECT_EQ(balances[ClearingAccount("wave")], -1000);
  EXPECT_TRUE(UnbalancedEntries(*tx)->empty());
  // A line written around Post is caught by the query.
  ASSERT_TRUE(tx->Exec("INSERT INTO ledger_entries (at, kind, memo) VALUES (1, 'manual', 'x')"));
  ASSERT_TRUE(tx->Exec("INSERT INTO ledger_lines (entry_id, account, amount_xof) VALUES (2, 'Bank', 5)"));
  EXPECT_EQ(UnbalancedEntries(*tx)->size(), 1u);
}

}  // namespace
}  // namespace origine::payments
