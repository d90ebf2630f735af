// The ledger refuses unbalanced entries in code, posts a payment once, and the
// balance query agrees.
#include "payments/ledger.h"

#include <gtest/gtest.h>

#include "testkit/testkit.h"

namespace origine::payments {
namespace {

using testkit::IsError;
using testkit::IsOk;

TEST(Ledger, CheckBalancedTable) {
  struct Case {
    std::vector<LedgerLine> lines;
    const char* code;  // nullptr: balanced
  };
  const std::vector<Case> cases = {
      {{{"ProviderClearing:wave", 1500}, {kRevenue, -1500}}, nullptr},
      {{{"ProviderClearing:wave", 1500}, {kRevenue, -1485}, {kFeeExpense, -15}}, nullptr},
      {{{"ProviderClearing:wave", 1500}, {kRevenue, -1499}}, "ledger.unbalanced"},  // off by one franc
      {{{"ProviderClearing:wave", 1500}}, "ledger.too_few_lines"},                  // one line
      {{{"ProviderClearing:wave", 0}, {kRevenue, 0}}, "ledger.zero_line"},          // zero lines
      {{{"", 10}, {kRevenue, -10}}, "ledger.no_account"},                           // no account
      {{{"A", INT64_MAX}, {"B", INT64_MAX}, {"C", 2}}, "ledger.overflow"},          // overflow
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const Status s = CheckBalanced({"payment", std::nullopt, "t", cases[i].lines});
    if (cases[i].code)
      EXPECT_THAT(s, IsError(cases[i].code)) << "case " << i;
    else
      EXPECT_THAT(s, IsOk()) << "case " << i;
  }
}

TEST(Ledger, PostsBalancedEntriesAndRefusesTheRest) {
  testkit::TempDir dir;
  auto db = testkit::OpenDb(dir.path());
  ASSERT_TRUE(db);
  auto tx = *db->Begin();
  ASSERT_THAT(Post(*tx, {"settlement", std::nullopt, "virement", {{kBank, 1000}, {ClearingAccount("wave"), -1000}}}, 1),
              IsOk());
  EXPECT_THAT(Post(*tx, {"settlement", std::nullopt, "faux", {{kBank, 1000}, {ClearingAccount("wave"), -999}}}, 1),
              IsError("ledger.unbalanced"));
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
