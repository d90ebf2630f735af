#include "registry/hs.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "testkit/testkit.h"

namespace origine::registry {
namespace {

using testkit::IsError;
using testkit::IsOk;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(HsParseTest, Hs2022Shape) {
  auto r = ParseHsCsv(
      "section,hscode,description,parent,level\nII,12,\"Oil seeds, oleaginous fruits\",TOTAL,2\n"
      "II,1207,Other oil seeds,12,4\r\nII,120740,Sesamum seeds,1207,6\n",
      "t.csv");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].label, "Oil seeds, oleaginous fruits");
  EXPECT_EQ((*r)[0].parent, "");
  EXPECT_EQ((*r)[2].parent, "1207");
  EXPECT_EQ((*r)[2].level, 6);
}

TEST(HsParseTest, NationalShape) {
  auto r = ParseHsCsv("code,description\n1207.40.00.00,Graines de sésame\n12074000,Sésame (sous-position nationale)\n",
                      "tec.csv");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)[0].code, "1207400000");
  EXPECT_EQ((*r)[0].parent, "12074000");
  EXPECT_EQ((*r)[1].parent, "120740");
}

TEST(HsParseTest, EveryBadLineIsNamed) {
  struct Case {
    const char* text;
    const char* where;
    const char* what;
    const char* code;        // of the error
    const char* field_code;  // of its first field, "" when it has none
  };
  const char* kHead = "section,hscode,description,parent,level\nI,01,Animals,TOTAL,2\n";
  for (const Case& c : {
           Case{"I,0x01,Bad,01,4\n", "t.csv:3", "hscode", "hs_file.invalid", "hs_file.code"},
           Case{"I,0101,Horses,01,6\n", "t.csv:3", "level", "hs_file.invalid", "hs_file.level"},
           Case{"I,0101,,01,4\n", "t.csv:3", "empty", "hs_file.invalid", "hs_file.label_empty"},
           Case{"I,0201,Meat,01,4\n", "t.csv:3", "prefix", "hs_file.invalid", "hs_file.parent"},
           Case{"I,01,Again,TOTAL,2\n", "t.csv:3", "twice", "hs_file.invalid", "hs_file.duplicate"},
           Case{"I,0101,Horses,TOTAL,4\n", "t.csv:3", "chapter", "hs_file.invalid", "hs_file.chapter_parent"},
           Case{"I,0101,Horses\n", "t.csv:3", "5 columns", "hs_file.invalid", "hs_file.columns"},
           Case{"I,0101,\"Tab\there\",01,4\n", "t.csv:3", "control", "hs_file.invalid", "hs_file.label_invalid"},
           Case{"I,01,\"Animals,TOTAL,2\n", "t.csv:3", "quoted", "hs_file.invalid", "hs_file.quote"},
       }) {
    auto r = ParseHsCsv(std::string(kHead) + c.text, "t.csv");
    ASSERT_THAT(r, IsError(c.code)) << c.text;
    EXPECT_NE(r.error().message.find(c.where), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(c.what), std::string::npos) << r.error().message;
    ASSERT_FALSE(r.error().fields.empty()) << c.text;
    EXPECT_EQ(r.error().fields[0].field, c.where);
    EXPECT_EQ(r.error().fields[0].code, c.field_code) << c.text;
  }
  auto digits = ParseHsCsv("code,description\n123,Trois chiffres\n", "t.csv");
  ASSERT_THAT(digits, IsError("hs_file.invalid"));
  EXPECT_NE(digits.error().message.find("t.csv:2: code '123'"), std::string::npos) << digits.error().message;
  auto header = ParseHsCsv("hs;label\n", "t.csv");
  ASSERT_THAT(header, IsError("hs_file.header"));
  EXPECT_NE(header.error().message.find("t.csv:1"), std::string::npos) << header.error().message;
  EXPECT_THAT(ParseHsCsv("", "t.csv"), IsError("hs_file.empty"));
  EXPECT_THAT(ParseHsCsv("# only a comment\n\n", "t.csv"), IsError("hs_file.empty"));
  EXPECT_THAT(ParseHsCsv("code,description\n", "t.csv"), IsError("hs_file.no_data"));
  EXPECT_THAT(ParseHsCsv(std::string(kMaxHsFileBytes + 1, 'x'), "t.csv"), IsError("hs_file.too_large"));
  // Several problems: all named (up to 50), the message counts the others.
  auto many = ParseHsCsv(std::string(kHead) + "I,0x,A,01,4\nI,0y,B,01,4\n", "t.csv");
  ASSERT_THAT(many, IsError("hs_file.invalid"));
  EXPECT_EQ(many.error().fields.size(), 2u);
  EXPECT_NE(many.error().message.find("(and 1 more problems)"), std::string::npos) << many.error().message;
}

TEST(HsParseTest, ByteOrderMarkCommentsBlankLinesAndSpaces) {
  auto r = ParseHsCsv(
      "\xEF\xBB\xBF# exported from a spreadsheet\r\ncode,description\r\n\r\n 1207.40 , \"Graines de sésame\" \r\n"
      "# a comment\n12074000,\"Sésame, sous-position\"\n",
      "bom.csv");
  ASSERT_THAT(r, IsOk());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].code, "120740");
  EXPECT_EQ((*r)[0].label, "Graines de sésame");
  EXPECT_EQ((*r)[0].parent, "1207");
  EXPECT_EQ((*r)[1].label, "Sésame, sous-position");
  EXPECT_EQ((*r)[1].level, 8);
}

TEST(HsParseTest, FullHs2022FileParses) {
  const std::string text = ReadFile("../shared/data/hs2022/harmonized-system.csv");
  if (text.empty()) GTEST_SKIP() << "../shared/data/hs2022 not available";
  auto r = ParseHsCsv(text, "harmonized-system.csv");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->size(), 6939u);  // 6,940 data lines, one of them the TOTAL root
}

class HsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testkit::OpenDb(dir_.path());
    ASSERT_TRUE(db_);
    auto lines = ParseHsCsv(ReadFile("data/hs/hs-fr-demo.csv"), "hs-fr-demo.csv");
    ASSERT_TRUE(lines) << lines.error().message;
    auto tx = *db_->Begin();
    ASSERT_TRUE(StoreHs(*tx, "fr", *lines));
    auto en = ParseHsCsv(
        "section,hscode,description,parent,level\nII,12,Oil seeds,TOTAL,2\nII,1207,Other oil seeds,12,4\n"
        "II,120740,Sesamum seeds,1207,6\n",
        "en.csv");
    ASSERT_TRUE(StoreHs(*tx, "en", *en));
    ASSERT_TRUE(tx->Commit());
  }
  std::vector<std::string> Codes(const std::string& q, const std::string& lang = "fr") {
    auto tx = *db_->Begin(false);
    auto r = SearchHs(*tx, q, lang);
    EXPECT_TRUE(r) << r.error().message;
    std::vector<std::string> codes;
    if (r)
      for (const auto& h : *r) codes.push_back(h.code);
    return codes;
  }
  testkit::TempDir dir_;
  std::unique_ptr<storage::Db> db_;
};

TEST_F(HsStoreTest, SearchIsAccentAndCaseInsensitive) {
  for (const char* q : {"sesame", "SÉSAME", "Sésame", "sés"}) {
    auto codes = Codes(q);
    EXPECT_NE(std::find(codes.begin(), codes.end(), "120740"), codes.end()) << q;
  }
  auto karite = Codes("beurre karite");
  EXPECT_NE(std::find(karite.begin(), karite.end(), "151590"), karite.end());
  EXPECT_TRUE(Codes("zzzzzz").empty());
  EXPECT_TRUE(Codes("   ").empty());
}

TEST_F(HsStoreTest, SearchByCodePrefixAndLanguage) {
  auto codes = Codes("1207");
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes[0], "1207");
  for (const auto& c : codes) EXPECT_EQ(c.rfind("1207", 0), 0u) << c;
  EXPECT_EQ(Codes("1207.40")[0], "120740");
  auto en = Codes("sesamum", "en");
  ASSERT_EQ(en.size(), 1u);
  auto tx = *db_->Begin(false);
  EXPECT_EQ(*HsLabel(*tx, "120740", "en"), "Sesamum seeds");
  EXPECT_THAT(SearchHs(*tx, "x", "de"), IsError("lang.unknown"));
  EXPECT_THAT(SearchHs(*tx, "x", "fr", 0), IsError("hs_search.limit"));
  EXPECT_THAT(SearchHs(*tx, "x", "fr", 101), IsError("hs_search.limit"));
  EXPECT_THAT(SearchHs(*tx, std::string(201, 'x'), "fr"), IsError("hs_search.query_too_long"));
  EXPECT_THAT(StoreHs(*tx, "de", {}), IsError("lang.unknown"));
  EXPECT_EQ(*HsLabel(*tx, "999999", "fr"), "");
  EXPECT_TRUE(Codes("12345678901").empty());  // more than 10 digits: no code
}

}  // namespace
}  // namespace origine::registry
