// The intent state machine (every pair of states) and fees from the regime data.
#include "payments/payments.h"

#include <gtest/gtest.h>

#include <set>

#include "certificates/regimes.h"
#include "payments/fees.h"
#include "testkit/regimes.h"
#include "testkit/testkit.h"

namespace origine::payments {
namespace {

const std::vector<State> kAll = {State::kCreated,     State::kInitiating,    State::kPending,   State::kSucceeded,
                                 State::kFailed,      State::kExpired,       State::kCancelled, State::kUnknown,
                                 State::kLateSuccess, State::kRefundPending, State::kRefunded};

TEST(StateMachine, ExactlyTheDocumentedTransitions) {
  const std::set<std::pair<std::string, std::string>> allowed = {
      {"created", "initiating"},     {"created", "cancelled"},        {"initiating", "pending"},
      {"initiating", "unknown"},     {"initiating", "failed"},        {"pending", "succeeded"},
      {"pending", "failed"},         {"pending", "expired"},          {"pending", "cancelled"},
      {"unknown", "pending"},        {"unknown", "succeeded"},        {"unknown", "failed"},
      {"unknown", "expired"},        {"expired", "late_success"},     {"failed", "late_success"},
      {"cancelled", "late_success"}, {"succeeded", "refund_pending"}, {"late_success", "refund_pending"},
      {"refund_pending", "refunded"}};
  int checked = 0;
  for (State from : kAll)
    for (State to : kAll) {
      const bool want = allowed.count({StateName(from), StateName(to)}) > 0;
      EXPECT_EQ(CanTransition(from, to), want) << StateName(from) << " -> " << StateName(to);
      ++checked;
    }
  EXPECT_EQ(checked, 121);
}

TEST(StateMachine, NamesRoundTripAndUnknownNamesAreRefused) {
  for (State s : kAll) {
    auto back = ParseState(StateName(s));
    ASSERT_TRUE(back) << StateName(s);
    EXPECT_EQ(*back, s);
  }
  EXPECT_FALSE(ParseState("paid"));
  EXPECT_FALSE(ParseState(""));
  EXPECT_FALSE(ParseState("Succeeded"));
}

TEST(StateMachine, OpenStatesAreTheOnesAProviderMayStillSettle) {
  std::set<std::string> open;
  for (State s : kAll)
    if (IsOpen(s)) open.insert(StateName(s));
  EXPECT_EQ(open, (std::set<std::string>{"created", "initiating", "pending", "unknown"}));
}

class FeesTest : public ::testing::Test {
 protected:
  const certificates::RegimeSetPtr regimes_ = testkit::Regimes();
};

TEST_F(FeesTest, EachRegimeChargesItsDataAmountPerService) {
  struct Case {
    const char* regime;
    const char* service;
    int64_t amount;
    const char* code;
  };
  for (const Case& c : {Case{"ETLS", "issue", 1500, "ETLS-ISSUE"}, Case{"ETLS", "duplicata", 3000, "ETLS-DUP"},
                        Case{"ETLS", "amendment", 1500, "ETLS-AMEND"}, Case{"NP", "issue", 1500, "GEN-ISSUE"},
                        Case{"AFCFTA", "duplicata", 5000, "AFCFTA-DUP"}}) {
    auto fee = FeeFor(regimes_, c.regime, c.service, "2026-11-27");
    ASSERT_TRUE(fee) << c.regime << " " << c.service << ": " << fee.error().message;
    EXPECT_EQ(fee->amount_xof, c.amount) << c.regime << " " << c.service;
    EXPECT_EQ(fee->code, c.code);
    EXPECT_FALSE(fee->regime_version.empty());
  }
}

TEST_F(FeesTest, AnUnknownRegimeOrServiceIsNotFound) {
  using testkit::IsError;
  EXPECT_THAT(FeeFor(regimes_, "XYZ", "issue", "2026-11-27"), IsError("fee.regime_not_in_force"));
  EXPECT_THAT(FeeFor(regimes_, "ETLS", "express", "2026-11-27"), IsError("fee.not_configured"));
  // Before the regime data takes effect there is no fee (no regime in force).
  EXPECT_THAT(FeesFor(regimes_, "ETLS", "1990-01-01"), IsError("fee.regime_not_in_force"));
}

TEST(FeeService, ApplicationKindsAreNamedAsInTheRegimeData) {
  EXPECT_EQ(FeeService("issue"), "issue");
  EXPECT_EQ(FeeService("amendment"), "amendment");
  EXPECT_EQ(FeeService("duplicate"), "duplicata");
}

}  // namespace
}  // namespace origine::payments
