#include "origin/psr.h"

#include <gtest/gtest.h>

#include "testkit/testkit.h"

namespace origine::origin {
namespace {

TEST(PsrCsv, ParsesQuotedFieldsCommentsAndExtraColumns) {
  Result<PsrTable> t = ParsePsrCsv("t.csv",
                                   "\xEF\xBB\xBF# comment\n"
                                   "hs,description,rule,status,chapter_title\n"
                                   "0801,\"Cashew, raw \"\"in shell\"\"\",CC,guess,Fruit\n"
                                   "0801.32,Shelled,CC | SP:roasting,,Fruit\r\n"
                                   "\n"
                                   "8703,Cars,,pending,Vehicles\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->by_hs.size(), 3u);
  EXPECT_EQ(t->by_hs.at("0801").description, "Cashew, raw \"in shell\"");
  EXPECT_EQ(t->by_hs.at("0801").status, "guess");
  EXPECT_EQ(t->by_hs.at("080132").status, "agreed");
  EXPECT_EQ(t->by_hs.at("080132").line, 4);
  EXPECT_TRUE(t->by_hs.at("8703").rule.alternatives.empty());
}

TEST(PsrCsv, MostSpecificRuleWins) {
  Result<PsrTable> t = ParsePsrCsv("t.csv", "hs,rule\n08,WO\n0801,CC\n0801.32,CTSH\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->Find("08013200")->hs, "080132");
  EXPECT_EQ(t->Find("080131")->hs, "0801");
  EXPECT_EQ(t->Find("0804")->hs, "08");
  EXPECT_EQ(t->Find("0901"), nullptr);
}

TEST(PsrCsv, ErrorsNameFileAndLine) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"hs,rule\n0801,CTHH\n", "t.csv:2: rule: 'CTHH' is not a known criterion"},
      {"hs,rule\n0801,CC\n# c\n0801,CTH\n", "t.csv:4: hs 0801 already has a rule at line 2"},
      {"hs,rule\n080,CC\n", "t.csv:2: hs '080' is not an HS chapter, heading or subheading"},
      {"hs,rule\n0801.31.00,CC\n", "t.csv:2: hs '0801.31.00' is not an HS chapter"},
      {"code,rule\n0801,CC\n", "t.csv:1: the header must name the columns 'hs' and 'rule'"},
      {"hs,rule,status\n0801,CC,maybe\n", "t.csv:2: status 'maybe' is not one of agreed, guess, pending"},
      {"hs,rule,status\n0801,CC,pending\n", "t.csv:2: a pending rule must have an empty 'rule'"},
      {"hs,rule\n\"0801,CC\n", "t.csv:2: unterminated quoted field"},
      {"", "t.csv:1: empty table"},
  };
  for (const Case& c : cases) {
    Result<PsrTable> t = ParsePsrCsv("t.csv", c.text);
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_NE(t.error().message.find(c.message), std::string::npos) << t.error().message;
  }
}

TEST(PsrCsv, ReportsEveryBadLine) {
  Result<PsrTable> t = ParsePsrCsv("t.csv", "hs,rule\n0801,X\n0802,Y\n0803,CC\n");
  ASSERT_FALSE(t.ok());
  ASSERT_THAT(t, testkit::IsError("regime.syntax"));
  ASSERT_EQ(t.error().fields.size(), 2u);
  EXPECT_EQ(t.error().fields[0].field, "t.csv:2");
  EXPECT_EQ(t.error().fields[1].field, "t.csv:3");
  EXPECT_NE(t.error().message.find("(and 1 more)"), std::string::npos);
}

TEST(PsrCsv, ImportsTheMaliSample) {
  Result<PsrTable> t = ImportPsrCsv("data/afcfta/psr-mali-sample.csv");
  ASSERT_TRUE(t.ok()) << t.error().message;
  for (const char* hs :
       {"710812", "520100", "120740", "120799", "151590", "080131", "080450", "130120", "010229", "310520"})
    EXPECT_NE(t->Find(hs), nullptr) << hs;
  Result<PsrTable> missing = ImportPsrCsv("data/afcfta/nope.csv");
  EXPECT_THAT(missing, testkit::IsError("regime.file_not_found"));
}

}  // namespace
}  // namespace origine::origin
