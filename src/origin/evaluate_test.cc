// Engine behaviour not easily told by golden files: exactness over a sweep,
// conjunctions and except lists, and the shape of every verdict.
#include <gtest/gtest.h>

#include "origin/engine.h"

namespace origine::origin {
namespace {

RegimeSet TestRegime(const std::string& rule, const std::string& extra_origin = "") {
  const std::string text = R"(kind = "regime"
code = "T"
version = "1"
effective_from = 2020-01-01
label_fr = "t"
label_en = "t"
enabled = true
validity_days = 180
[[members]]
country = "ML"
from = 2020-01-01
[[members]]
country = "SN"
from = 2020-01-01
[[forms]]
code = "F"
label_fr = "f"
label_en = "f"
product_kinds = ["industrial"]
approval_required = false
[origin]
default_rule = ")" + rule + R"("
cumulation = "members"
suspensive_regime_excluded = true
insufficient_operations = ["simple_packaging"]
)" + extra_origin;
  Result<RegimeSet> set = LoadRegimeText("t.toml", text);
  EXPECT_TRUE(set.ok()) << set.error().message;
  return set.ok() ? std::move(*set) : RegimeSet{};
}

GoodsLineFacts Line(int64_t exw, std::vector<Material> materials) {
  GoodsLineFacts f;
  f.hs_code = "1515.90";
  f.ex_works_xof = exw;
  f.processes = {"refining"};
  f.non_originating = std::move(materials);
  return f;
}

TEST(Evaluate, ValueAddedIsExactAcrossTheBoundary) {
  const RegimeSet set = TestRegime("VA>=30");
  // For many ex-works prices, the CIF right at and right past the threshold.
  for (int64_t exw : std::vector<int64_t>{1, 3, 7, 100, 999, 1000, 33333, 1000001, 123456789, 999999999999}) {
    for (int64_t cif = exw * 7 / 10 - 2; cif <= exw * 7 / 10 + 2; ++cif) {
      if (cif < 0) continue;
      const bool expected = (exw - cif) * 10 >= exw * 3;  // VA >= 30 %, in integers
      LineVerdict v = Evaluate(set, "T", "ML", "SN", "2026-01-01", Line(exw, {{"1515.90", cif, "", ""}}));
      EXPECT_EQ(v.outcome == LineVerdict::kOriginating, expected) << exw << " " << cif << "\n" << v.explanation_en;
    }
  }
}

TEST(Evaluate, ConjunctionNeedsEveryTerm) {
  const RegimeSet set = TestRegime("CTH + VNM<=40");
  LineVerdict ok = Evaluate(set, "T", "ML", "SN", "2026-01-01", Line(1000, {{"1207.99", 400, "", ""}}));
  EXPECT_EQ(ok.outcome, LineVerdict::kOriginating);
  EXPECT_EQ(ok.criterion, "CTH");
  LineVerdict too_much = Evaluate(set, "T", "ML", "SN", "2026-01-01", Line(1000, {{"1207.99", 401, "", ""}}));
  EXPECT_EQ(too_much.outcome, LineVerdict::kNotOriginating);
  EXPECT_NE(too_much.explanation_fr.find("40,10 % > 40,00 %"), std::string::npos) << too_much.explanation_fr;
}

TEST(Evaluate, ExceptListForbidsNamedInputs) {
  const RegimeSet set = TestRegime("CTH except 1207.99");
  LineVerdict v = Evaluate(set, "T", "ML", "SN", "2026-01-01", Line(1000, {{"1207.99", 100, "", ""}}));
  EXPECT_EQ(v.outcome, LineVerdict::kNotOriginating);
  EXPECT_NE(v.explanation_en.find("1207.99 (CIF 100 XOF)"), std::string::npos) << v.explanation_en;
  EXPECT_EQ(Evaluate(set, "T", "ML", "SN", "2026-01-01", Line(1000, {{"1207.40", 100, "", ""}})).outcome,
            LineVerdict::kOriginating);
}

TEST(Evaluate, ReasonsOfUnusedAlternativesAreDropped) {
  const RegimeSet set = TestRegime("WO | CTH | VA>=30");
  LineVerdict v = Evaluate(set, "T", "ML", "SN", "2026-01-01", Line(1000, {{"1207.99", 100, "", ""}}));
  EXPECT_EQ(v.criterion, "CTH");
  EXPECT_TRUE(v.reasons.empty()) << ::testing::PrintToString(v.reasons);
  // The explanation still shows what was tried first.
  EXPECT_NE(v.explanation_en.find("Not a wholly obtained product."), std::string::npos);
}

TEST(Evaluate, BadAmountsNeedReview) {
  const RegimeSet set = TestRegime("VA>=30");
  EXPECT_EQ(Evaluate(set, "T", "ML", "SN", "2026-01-01", Line(-5, {})).outcome, LineVerdict::kNeedsReview);
  LineVerdict v = Evaluate(set, "T", "ML", "SN", "2026-01-01", Line(1000, {{"1207.99", -1, "", ""}}));
  EXPECT_EQ(v.outcome, LineVerdict::kNeedsReview);
  EXPECT_EQ(v.reasons, std::vector<std::string>{"invalid_amounts"});
  // Materials worth more than the product: negative value added, still exact.
  LineVerdict neg = Evaluate(set, "T", "ML", "SN", "2026-01-01", Line(1000, {{"1515.90", 1500, "", ""}}));
  EXPECT_EQ(neg.outcome, LineVerdict::kNotOriginating);
  EXPECT_NE(neg.explanation_fr.find("-50,00 % < 30,00 %"), std::string::npos) << neg.explanation_fr;
}

TEST(Evaluate, EveryVerdictIsExplainedInBothLanguages) {
  Result<RegimeSet> set = LoadRegimes("data/regimes");
  ASSERT_TRUE(set.ok()) << set.error().message;
  GoodsLineFacts f = Line(1000000, {{"1515.90", 500000, "CN", ""}});
  for (const char* regime : {"ETLS", "UEMOA", "AFCFTA", "AES", "GENERAL", "NOPE"})
    for (const char* date : {"2026-03-02", "1999-01-01", "bad"}) {
      LineVerdict v = Evaluate(*set, regime, "ML", "SN", date, f);
      EXPECT_FALSE(v.explanation_fr.empty());
      EXPECT_FALSE(v.explanation_en.empty());
      if (v.outcome != LineVerdict::kOriginating) {
        EXPECT_FALSE(v.reasons.empty()) << regime << " " << date;
      }
    }
}

}  // namespace
}  // namespace origine::origin
