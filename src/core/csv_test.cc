#include "core/csv.h"

#include <gtest/gtest.h>

namespace origine::csv {
namespace {

std::vector<std::vector<std::string>> Fields(const std::vector<Record>& rows) {
  std::vector<std::vector<std::string>> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.fields);
  return out;
}

TEST(CsvTest, StripsTheByteOrderMarkSpreadsheetsAdd) {
  auto r = Parse("\xEF\xBB\xBFreference,montant\r\nR1,1500\r\n");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].fields[0], "reference");  // not "\xEF\xBB\xBFreference"
  EXPECT_EQ((*r)[1].fields, (std::vector<std::string>{"R1", "1500"}));
}

TEST(CsvTest, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  auto r = Parse("a,\"b,c\",\"say \"\"hi\"\"\"\n\"two\nlines\",x,\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(Fields(*r), (std::vector<std::vector<std::string>>{{"a", "b,c", "say \"hi\""}, {"two\nlines", "x", ""}}));
  EXPECT_EQ((*r)[1].line, 2u);
}

TEST(CsvTest, LineNumbersCountPhysicalLines) {
  auto r = Parse("h\n\"a\nb\"\n\nc\n");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].line, 1u);
  EXPECT_EQ((*r)[1].line, 2u);
  EXPECT_EQ((*r)[2].line, 5u);
}

TEST(CsvTest, OptionsTrimCommentsAndSeparator) {
  ParseOptions o;
  o.separator = ';';
  o.trim = true;
  o.skip_comment_lines = true;
  auto r = Parse("# comment\n a ; \"b\" ;c\n", o);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].fields, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(CsvTest, UnterminatedQuoteNamesItsLine) {
  auto r = Parse("a,b\nc,\"d\n");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "csv.unterminated_quote");
  EXPECT_NE(r.error().message.find("line 2"), std::string::npos);
}

TEST(CsvTest, WritingQuotesAndNeutralisesFormulas) {
  EXPECT_EQ(Field("plain"), "plain");
  EXPECT_EQ(Field("a,b"), "\"a,b\"");
  EXPECT_EQ(Field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(Field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(Field("-1485"), "-1485");  // a plain number stays a number
  EXPECT_EQ(Field("-2+3"), "'-2+3");
  EXPECT_EQ(Line({"a", "b c", ""}), "a,b c,\r\n");
}

TEST(CsvTest, WhatIsWrittenReadsBack) {
  const std::vector<std::string> cells = {"x,y", "multi\nline", "quote\"d", "", "é"};
  auto r = Parse(Line(cells) + Line(cells));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].fields, cells);
}

}  // namespace
}  // namespace origine::csv
