// Reconciliation classification (table), expected fees, XLSX output.
#include "payments/reconcile.h"

#include <gtest/gtest.h>

namespace origine::payments {
namespace {

StatementLine Line(const std::string& ref, int64_t amount, int64_t fee, bool reversal = false) {
  StatementLine l;
  l.line_no = 2;
  l.provider_txn = "T-" + ref;
  l.reference = ref;
  l.amount_xof = amount;
  l.fee_xof = fee;
  l.at = 1;
  l.reversal = reversal;
  return l;
}

TEST(Reconcile, ExpectedFeeRoundsHalfUp) {
  EXPECT_EQ(ExpectedFee(1500, 100), 15);
  EXPECT_EQ(ExpectedFee(1550, 100), 16);  // 15.5 -> 16
  EXPECT_EQ(ExpectedFee(1500, 300), 45);
  EXPECT_EQ(ExpectedFee(1549, 100), 15);
}

TEST(Reconcile, EveryLineGetsExactlyOneClass) {
  const std::vector<OurPayment> ours = {
      {1, "ok", "succeeded", 1500, true},     {2, "fee", "succeeded", 1500, true},
      {3, "amount", "succeeded", 1500, true}, {4, "late", "expired", 1500, false},
      {5, "absent", "succeeded", 1500, true}, {6, "refunded", "refunded", 1500, false},
      {7, "old", "succeeded", 1500, false},  // paid another day: not expected on this statement
  };
  const std::vector<StatementLine> lines = {Line("ok", 1500, 15),     Line("fee", 1500, 40),
                                            Line("amount", 1400, 14), Line("late", 1500, 15),
                                            Line("stranger", 900, 9), Line("refunded", -1500, 0, true)};
  auto out = Classify(lines, ours, 100);
  std::map<std::string, std::string> got;
  for (const auto& c : out) got[c.line.reference] = c.cls;
  const std::map<std::string, std::string> want = {{"ok", "matched"},
                                                   {"fee", "fee_variance"},
                                                   {"amount", "amount_mismatch"},
                                                   {"late", "missing_ours"},
                                                   {"stranger", "missing_ours"},
                                                   {"refunded", "matched"},
                                                   {"absent", "missing_at_provider"}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(out.size(), lines.size() + 1);  // the statement's lines plus what it lacks
}

TEST(Reconcile, XlsxIsAZipWorkbook) {
  auto x = WriteXlsx({{"Feuille", {"a", "b"}, {{"1", "texte"}, {"-25", "=SUM(A1)"}}}});
  ASSERT_TRUE(x) << x.error().message;
  ASSERT_GT(x->size(), 100u);
  EXPECT_EQ(x->substr(0, 2), "PK");
}

}  // namespace
}  // namespace origine::payments
