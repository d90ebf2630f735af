#include "paysim/faults.h"

#include <gtest/gtest.h>

namespace origine::paysim {
namespace {

std::vector<std::string> Schedule(uint64_t seed, double p, int n) {
  FaultScheduler s(seed, p);
  std::vector<std::string> out;
  const Provider providers[] = {Provider::kOrange, Provider::kWave, Provider::kCinetPay, Provider::kMomo};
  for (int i = 1; i <= n; ++i) {
    auto f = s.Take(providers[i % 4], "ref-" + std::to_string(i), i);
    std::string text = f ? FaultName(f->kind) : "-";
    if (f)
      for (const auto& [k, v] : f->params) text += " " + k + "=" + std::to_string(v);
    out.push_back(text);
  }
  return out;
}

TEST(Faults, NamesRoundTrip) {
  for (FaultKind k : AllFaults()) EXPECT_EQ(ParseFault(FaultName(k)), k);
  EXPECT_FALSE(ParseFault("nope").has_value());
  EXPECT_EQ(AllFaults().size(), 15u);
  // Refund faults: only the providers with a refund API.
  EXPECT_TRUE(FaultApplies(FaultKind::kRefund5xx, Provider::kWave));
  EXPECT_TRUE(FaultApplies(FaultKind::kRefundTimeout, Provider::kMomo));
  EXPECT_FALSE(FaultApplies(FaultKind::kRefund5xx, Provider::kOrange));
  EXPECT_FALSE(FaultApplies(FaultKind::kRefundTimeout, Provider::kCinetPay));
  EXPECT_EQ(ParseProvider("wave"), Provider::kWave);
  EXPECT_FALSE(ParseProvider("Wave").has_value());
}

TEST(Faults, RandomScheduleIsDeterministicPerSeed) {
  EXPECT_EQ(Schedule(7, 0.3, 500), Schedule(7, 0.3, 500));
  EXPECT_NE(Schedule(7, 0.3, 500), Schedule(8, 0.3, 500));
  // P = 0: nothing; P = 1: every payment.
  for (const auto& s : Schedule(7, 0, 200)) EXPECT_EQ(s, "-");
  for (const auto& s : Schedule(7, 1, 200)) EXPECT_NE(s, "-");
}

TEST(Faults, RandomScheduleHitsAboutPAndOnlyApplicableFaults) {
  int hits = 0;
  std::map<std::string, int> seen;
  for (uint64_t seq = 1; seq <= 4000; ++seq) {
    const Provider p = seq % 2 ? Provider::kMomo : Provider::kWave;
    auto f = FaultScheduler::RandomFault(11, 0.25, p, seq);
    if (!f) continue;
    ++hits;
    ++seen[FaultName(f->kind)];
    EXPECT_TRUE(FaultApplies(f->kind, p));
    EXPECT_NE(f->kind, FaultKind::kInitTimeout);
    EXPECT_NE(f->kind, FaultKind::kRefund5xx);  // refund faults are armed, never drawn
    EXPECT_NE(f->kind, FaultKind::kRefundTimeout);
    if (f->kind == FaultKind::kDelay) {
      EXPECT_TRUE(f->Param("ms") >= 100 && f->Param("ms") <= 2000);
    }
    if (f->kind == FaultKind::kDuplicate) {
      EXPECT_TRUE(f->Param("times") >= 2 && f->Param("times") <= 4);
    }
  }
  EXPECT_GT(hits, 850);  // 1000 expected
  EXPECT_LT(hits, 1150);
  EXPECT_EQ(seen.count("wrong_notif_token"), 0u);  // neither MoMo nor Wave
  EXPECT_GT(seen["stale_timestamp"], 0);           // Wave only, but present
  EXPECT_EQ(seen.size(), 11u);
}

TEST(Faults, ArmedFaultsComeFirstAndAreConsumed) {
  FaultScheduler s(1, 0);
  ASSERT_TRUE(s.Arm(DefaultFault(FaultKind::kLost), Provider::kWave, "", 2));
  ASSERT_TRUE(s.Arm(DefaultFault(FaultKind::kDelay), std::nullopt, "", 1));
  EXPECT_EQ(s.Take(Provider::kOrange, "a", 1)->kind, FaultKind::kDelay);  // not Wave: skips the first
  EXPECT_EQ(s.Take(Provider::kWave, "b", 2)->kind, FaultKind::kLost);
  EXPECT_EQ(s.Take(Provider::kWave, "c", 3)->kind, FaultKind::kLost);
  EXPECT_FALSE(s.Take(Provider::kWave, "d", 4).has_value());
  EXPECT_TRUE(s.armed().empty());
}

TEST(Faults, ByReferenceStaysArmedAndWinsOverRandom) {
  FaultScheduler s(1, 1.0);
  ASSERT_TRUE(s.Arm(DefaultFault(FaultKind::kStuckPending), std::nullopt, "R-1", 1));
  EXPECT_EQ(s.Take(Provider::kMomo, "R-1", 1)->kind, FaultKind::kStuckPending);
  EXPECT_EQ(s.Take(Provider::kMomo, "R-1", 2)->kind, FaultKind::kStuckPending);
  EXPECT_TRUE(s.Take(Provider::kMomo, "R-2", 3).has_value());  // random, P = 1
}

TEST(Faults, ArmRefusesWhatCannotApply) {
  FaultScheduler s(1, 0);
  EXPECT_FALSE(s.Arm(DefaultFault(FaultKind::kStaleTimestamp), Provider::kOrange, "", 1));
  EXPECT_FALSE(s.Arm(DefaultFault(FaultKind::kWrongNotifToken), Provider::kWave, "", 1));
  EXPECT_FALSE(s.Arm(DefaultFault(FaultKind::kLost), std::nullopt, "", 0));
  // Unscoped Orange-only fault never hits Wave.
  ASSERT_TRUE(s.Arm(DefaultFault(FaultKind::kWrongNotifToken), std::nullopt, "", 1));
  EXPECT_FALSE(s.Take(Provider::kWave, "x", 1).has_value());
  EXPECT_EQ(s.Take(Provider::kOrange, "y", 2)->kind, FaultKind::kWrongNotifToken);
}

TEST(Faults, ParametersAreCheckedAndDefaulted) {
  auto f = MakeFault(FaultKind::kDuplicate, {});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->Param("times"), 2);
  EXPECT_EQ(MakeFault(FaultKind::kAmountMismatch, {})->Param("delta"), -100);
  EXPECT_EQ(MakeFault(FaultKind::kDuplicate, {{"times", 5}})->Param("times"), 5);
  auto bad = MakeFault(FaultKind::kDuplicate, {{"times", 1}, {"nope", 3}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.size(), 2u);
  EXPECT_FALSE(MakeFault(FaultKind::kLost, {{"ms", 1}}));
}

TEST(Faults, SpecParsing) {
  EXPECT_EQ(*ParseFaultSpec("none"), 0.0);
  EXPECT_EQ(*ParseFaultSpec("random:0.25"), 0.25);
  EXPECT_EQ(*ParseFaultSpec("random:1"), 1.0);
  EXPECT_FALSE(ParseFaultSpec("random:1.5"));
  EXPECT_FALSE(ParseFaultSpec("random:"));
  EXPECT_FALSE(ParseFaultSpec("random:0.2x"));
  EXPECT_FALSE(ParseFaultSpec("all"));
}

}  // namespace
}  // namespace origine::paysim
