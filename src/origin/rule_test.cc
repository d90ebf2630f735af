#include "origin/rule.h"

#include <gtest/gtest.h>

#include "testkit/testkit.h"

namespace origine::origin {
namespace {

TEST(ParsePercentBp, ExactBasisPoints) {
  EXPECT_EQ(*ParsePercentBp("30"), 3000);
  EXPECT_EQ(*ParsePercentBp("29.99"), 2999);
  EXPECT_EQ(*ParsePercentBp("29.9"), 2990);
  EXPECT_EQ(*ParsePercentBp("0"), 0);
  EXPECT_EQ(*ParsePercentBp("100"), 10000);
  for (const char* bad : {"", "-1", "30.", ".5", "29.999", "100.01", "1e2", "30 %", "abc", "1000000"})
    EXPECT_FALSE(ParsePercentBp(bad).ok()) << bad;
}

TEST(ParseRule, AlternativesAndConjunctions) {
  Result<Rule> r = ParseRule("WO | CTH except 1801, 18.02 | CTSH + VNM<=60 | VA>=30.5 | SP:roasting | CC");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->alternatives.size(), 6u);
  EXPECT_EQ(r->alternatives[0].terms[0].kind, TermKind::kWhollyObtained);
  EXPECT_EQ(r->alternatives[1].terms[0].kind, TermKind::kChangeOfHeading);
  EXPECT_EQ(r->alternatives[1].terms[0].except, (std::vector<std::string>{"1801", "1802"}));
  ASSERT_EQ(r->alternatives[2].terms.size(), 2u);
  EXPECT_EQ(r->alternatives[2].terms[1].kind, TermKind::kMaxNonOriginating);
  EXPECT_EQ(r->alternatives[2].terms[1].threshold_bp, 6000);
  EXPECT_EQ(r->alternatives[3].terms[0].threshold_bp, 3050);
  EXPECT_EQ(r->alternatives[4].terms[0].process, "roasting");
  EXPECT_EQ(r->alternatives[5].terms[0].kind, TermKind::kChangeOfChapter);
  EXPECT_EQ(r->text, "WO | CTH except 1801,1802 | CTSH + VNM<=60 | VA>=30.5 | SP:roasting | CC");
  // Canonical text parses back to itself.
  Result<Rule> again = ParseRule(r->text);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->text, r->text);
}

TEST(ParseRule, RejectsWithAReadableMessage) {
  for (const char* bad : {"", "   ", "CTHH", "CTH except", "CTH except 18x", "VA>=", "VA>=101", "SP:", "SP:Roasting",
                          "WO ||CTH", "CTH excepted 1801", "VA>30"}) {
    Result<Rule> r = ParseRule(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_THAT(r, testkit::IsError("rule.syntax"));
      EXPECT_FALSE(r.error().message.empty());
    }
  }
  EXPECT_NE(ParseRule("CTHH").error().message.find("'CTHH' is not a known criterion"), std::string::npos);
  EXPECT_FALSE(ParseRule(std::string(5000, 'W')).ok());
}

}  // namespace
}  // namespace origine::origin
