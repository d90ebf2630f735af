#include <gtest/gtest.h>

#include <filesystem>

#include "core/file.h"
#include "origin/engine.h"
#include "testkit/testkit.h"

namespace origine::origin {
namespace {

// A minimal valid regime; tests splice problems into it.
const std::string kMinimal = R"(kind = "regime"
code = "TEST"
version = "1"
effective_from = 2020-01-01
label_fr = "Essai"
label_en = "Test"
enabled = true
validity_months = 6

[[members]]
country = "ML"
from = 2020-01-01
[[members]]
country = "SN"
from = "2020-01-01"

[[forms]]
code = "T-IND"
label_fr = "f"
label_en = "f"
product_kinds = ["industrial"]
approval_required = false

[origin]
default_rule = "WO | CTH | VA>=30"
cumulation = "none"
suspensive_regime_excluded = true
)";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string ErrorOf(const std::string& text) {
  Result<RegimeSet> r = LoadRegimeText("data/regimes/test.toml", text);
  return r.ok() ? "" : r.error().message;
}

TEST(LoadRegimeText, MinimalIsValid) {
  Result<RegimeSet> r = LoadRegimeText("t.toml", kMinimal);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->regimes.size(), 1u);
  EXPECT_EQ(r->regimes[0].members[1].period.from, "2020-01-01");  // string and TOML dates alike
}

TEST(LoadRegimeText, ErrorsNameFileLineAndProblem) {
  struct Case {
    std::string text, message;
  } cases[] = {
      {Replace(kMinimal, "country = \"ML\"\nfrom = 2020-01-01", "country = \"ML\"\nfrom = 2020-01-01\nto = 2019-12-31"),
       "data/regimes/test.toml:13: member 'ML' has an end date before its start date (2019-12-31 < 2020-01-01)"},
      {Replace(kMinimal, "effective_from", "efective_from"), "data/regimes/test.toml:1: missing key 'effective_from'"},
      {Replace(kMinimal, "validity_months = 6", "validity_months = 6\ncolour = \"green\""),
       "data/regimes/test.toml:9: unknown key 'colour'"},
      {Replace(kMinimal, "VA>=30\"", "VA>=3O\""), "data/regimes/test.toml:25: default_rule: '3O' is not a percentage"},
      {Replace(kMinimal, "from = \"2020-01-01\"", "from = \"2020-02-30\""),
       "data/regimes/test.toml:15: [[members]] 'from' is not a valid date YYYY-MM-DD: '2020-02-30'"},
      {Replace(kMinimal, "country = \"SN\"", "country = \"Senegal\""),
       "data/regimes/test.toml:14: member 'Senegal' is not an ISO 3166 alpha-2 code"},
      {Replace(kMinimal, "product_kinds = [\"industrial\"]", "product_kinds = [\"industrial\", \"mineral\"]"),
       "data/regimes/test.toml:21: product kind 'mineral' is not one of industrial, unprocessed, handicraft"},
      {Replace(kMinimal, "cumulation = \"none\"", "cumulation = \"diagonal\""),
       "data/regimes/test.toml:26: cumulation 'diagonal' is not one of none, members"},
      {Replace(kMinimal, "validity_months = 6", "validity_months = 6\nvalidity_days = 180"),
       "data/regimes/test.toml:1: set exactly one of validity_months and validity_days"},
      {Replace(kMinimal, "enabled = true", "enabled = yes"), "data/regimes/test.toml:7: TOML syntax"},
      {Replace(kMinimal, "kind = \"regime\"", "kind = \"regimes\""),
       "data/regimes/test.toml:1: kind 'regimes' is not one of regime, export_bans"},
      {Replace(kMinimal, "[[members]]\ncountry = \"SN\"", "[[members]]\ncountry = \"ML\""),
       "data/regimes/test.toml:13: member 'ML' is listed twice for overlapping dates"},
      {Replace(kMinimal, "cumulation = \"none\"", "cumulation = \"none\"\nproduct_rules_csv = \"x.csv\""),
       "data/regimes/test.toml:27: product_rules_csv is only resolved when loading a directory"},
      {Replace(kMinimal, "validity_months = 6", "validity_months = 600"),
       "data/regimes/test.toml:8: 'validity_months' must be between 1 and 120, not 600"},
  };
  for (const Case& c : cases) {
    const std::string message = ErrorOf(c.text);
    EXPECT_NE(message.find(c.message), std::string::npos) << "want: " << c.message << "\ngot:  " << message;
  }
}

TEST(LoadRegimeText, EveryProblemIsListed) {
  std::string text = Replace(kMinimal, "label_fr = \"Essai\"", "label_fr = 3");
  text = Replace(text, "code = \"T-IND\"", "code = \"t ind\"");
  Result<RegimeSet> r = LoadRegimeText("t.toml", text);
  ASSERT_FALSE(r.ok());
  ASSERT_THAT(r, testkit::IsError("regime.syntax"));
  ASSERT_GE(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "t.toml:5");
  EXPECT_EQ(r.error().fields[0].code, "regime.syntax");
  EXPECT_EQ(r.error().fields[0].params, (ErrorParams{{"file", "t.toml"}, {"line", "5"}}));
  EXPECT_NE(r.error().message.find("more)"), std::string::npos);
}

TEST(LoadRegimeText, ExportBans) {
  const std::string bans = R"(kind = "export_bans"
version = "1"
[[bans]]
code = "X"
country = "ML"
hs = "0102"
description_fr = "a"
description_en = "a"
from = 2000-01-01
conditions = [{ attribute = "sex", equals = "male", less_than = 3 }]
)";
  EXPECT_NE(ErrorOf(bans).find("test.toml:10: a condition needs exactly one of equals, not_equals, less_than"),
            std::string::npos)
      << ErrorOf(bans);
}

class RegimeDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<RegimeSet> r = LoadRegimes("data/regimes");
    ASSERT_TRUE(r.ok()) << r.error().message;
    set_ = new RegimeSet(std::move(*r));
  }
  static void TearDownTestSuite() { delete set_; }
  static RegimeSet* set_;
};
RegimeSet* RegimeDataTest::set_ = nullptr;

TEST_F(RegimeDataTest, ShippedFilesLoad) {
  std::vector<std::string> codes;
  for (const Regime* r : RegimesEffectiveOn(*set_, "2026-03-02")) codes.push_back(r->code);
  EXPECT_EQ(codes, (std::vector<std::string>{"AFCFTA", "ETLS", "GENERAL", "UEMOA"}));  // AES is off
  EXPECT_EQ(RegimesEffectiveOn(*set_, "2026-03-02", /*include_disabled=*/true).size(), 5u);
  EXPECT_EQ(set_->export_bans.size(), 5u);
  const Regime* afcfta = FindRegime(*set_, "AFCFTA", "2026-03-02");
  ASSERT_NE(afcfta, nullptr);
  EXPECT_NE(afcfta->product_rules.Find("151590"), nullptr);
  EXPECT_EQ(afcfta->codes.value_added, "SV");
}

TEST_F(RegimeDataTest, MaliLeftEcowasButKeepsEtlsTreatment) {
  const Regime* etls = FindRegime(*set_, "ETLS", "2026-03-02");
  ASSERT_NE(etls, nullptr);
  EXPECT_TRUE(IsMember(*etls, "ML", "2025-01-28"));
  EXPECT_FALSE(IsMember(*etls, "ML", "2025-01-29"));
  EXPECT_TRUE(HasTreatment(*etls, "ML", "2025-01-29"));
  EXPECT_TRUE(HasTreatment(*etls, "ML", "2026-12-31"));
  EXPECT_FALSE(HasTreatment(*etls, "CM", "2026-03-02"));
  EXPECT_TRUE(IsMember(*etls, "SN", "2026-03-02"));
}

TEST_F(RegimeDataTest, FormsFeesValidity) {
  const Regime* etls = FindRegime(*set_, "ETLS", "2026-03-02");
  ASSERT_NE(etls, nullptr);
  EXPECT_TRUE(ApprovalRequired(*etls, "industrial"));
  EXPECT_FALSE(ApprovalRequired(*etls, "unprocessed"));
  EXPECT_EQ(FormFor(*etls, "handicraft")->code, "ETLS-UNP");
  std::vector<FeeItem> issue = FeesFor(*etls, "ETLS-IND", Service::kIssue);
  ASSERT_EQ(issue.size(), 1u);
  EXPECT_EQ(issue[0].amount_xof, 1500);
  EXPECT_EQ(FeesFor(*etls, "ETLS-IND", Service::kDuplicata).size(), 1u);
  EXPECT_EQ(ValidUntil(*etls, "2026-01-31"), "2026-07-30");
  EXPECT_EQ(ValidUntil(*etls, "2026-08-31"), "2027-02-28");  // clamped to the shorter month
  EXPECT_EQ(ValidUntil(*etls, "bad"), "");
  const Regime* afcfta = FindRegime(*set_, "AFCFTA", "2026-03-02");
  EXPECT_EQ(ValidUntil(*afcfta, "2028-02-29"), "2029-02-28");
}

TEST_F(RegimeDataTest, BansLookup) {
  EXPECT_EQ(BansFor(*set_, "ML", "0102.29", "2026-03-02").size(), 2u);
  EXPECT_EQ(BansFor(*set_, "SN", "0102.29", "2026-03-02").size(), 0u);
  EXPECT_EQ(BansFor(*set_, "ML", "2306.10.00", "2026-03-02").size(), 1u);
  EXPECT_EQ(BansFor(*set_, "ML", "1207.40", "2026-03-02").size(), 0u);
}

// A scratch directory of regime files (the test kit's), removed at the end.
class TempDir {
 public:
  void Write(const std::string& name, const std::string& text) const {
    ASSERT_THAT(file::WriteFileAtomic(dir_.File(name), text, 0644), testkit::IsOk());
  }
  std::string path() const { return dir_.path().string(); }

 private:
  testkit::TempDir dir_;
};

TEST(LoadRegimes, VersionsCoexistAndTheEffectiveOneApplies) {
  TempDir dir;
  dir.Write("test-v1.toml", kMinimal);
  std::string v2 = Replace(kMinimal, "version = \"1\"", "version = \"2\"");
  v2 = Replace(v2, "effective_from = 2020-01-01", "effective_from = 2026-01-01");
  v2 = Replace(v2, "VA>=30", "VA>=35");
  dir.Write("test-v2.toml", v2);
  dir.Write("README.md", "not a regime");
  Result<RegimeSet> set = LoadRegimes(dir.path());
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(FindRegime(*set, "TEST", "2025-12-31")->version, "1");
  EXPECT_EQ(FindRegime(*set, "TEST", "2026-01-01")->version, "2");
  EXPECT_EQ(FindRegime(*set, "TEST", "2019-12-31"), nullptr);

  GoodsLineFacts line;
  line.hs_code = "1515.90";
  line.ex_works_xof = 1000;
  line.processes = {"refining"};
  line.non_originating = {{"1515.90", 680, "CN", ""}};  // VA 32 %
  EXPECT_EQ(Evaluate(*set, "TEST", "ML", "SN", "2025-12-31", line).outcome, LineVerdict::kOriginating);
  LineVerdict v2_verdict = Evaluate(*set, "TEST", "ML", "SN", "2026-01-01", line);
  EXPECT_EQ(v2_verdict.outcome, LineVerdict::kNotOriginating);
  EXPECT_EQ(v2_verdict.regime_version, "2");
  EXPECT_NE(v2_verdict.explanation_fr.find("32,00 % < 35,00 %"), std::string::npos) << v2_verdict.explanation_fr;
}

TEST(LoadRegimes, DuplicateVersionAndBadCsvNameTheFiles) {
  TempDir dir;
  dir.Write("a.toml", kMinimal);
  dir.Write("b.toml", kMinimal);
  Result<RegimeSet> dup = LoadRegimes(dir.path());
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().message.find("b.toml:1: regime TEST effective from 2020-01-01 is also defined in"),
            std::string::npos)
      << dup.error().message;

  TempDir dir2;
  dir2.Write("a.toml",
             Replace(kMinimal, "cumulation = \"none\"", "cumulation = \"none\"\nproduct_rules_csv = \"r.csv\""));
  dir2.Write("r.csv", "hs,rule\n0801,CC\n0802,CTX\n");
  Result<RegimeSet> bad = LoadRegimes(dir2.path());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("a.toml:27: product_rules_csv: "), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("r.csv:3: rule: 'CTX' is not a known criterion"), std::string::npos)
      << bad.error().message;

  EXPECT_THAT(LoadRegimes("/nonexistent/regimes"), testkit::IsError("regime.dir_not_found"));
  TempDir empty;
  EXPECT_THAT(LoadRegimes(empty.path()), testkit::IsError("regime.none"));
}

}  // namespace
}  // namespace origine::origin
