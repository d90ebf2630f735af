#include "registry/hs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/schema.h"
#include "audit/audit.h"
#include "registry/registry.h"
#include "storage/sqlite_db.h"
#include "tlog/log.h"

namespace origine::registry {
namespace {

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
  };
  for (const Case& c : {
           Case{"section,hscode,description,parent,level\nI,01,Animals,TOTAL,2\nI,0x01,Bad,01,4\n", "t.csv:3",
                "hscode"},
           Case{"section,hscode,description,parent,level\nI,01,Animals,TOTAL,2\nI,0101,Horses,01,6\n", "t.csv:3",
                "level"},
           Case{"section,hscode,description,parent,level\nI,01,Animals,TOTAL,2\nI,0101,,01,4\n", "t.csv:3", "empty"},
           Case{"section,hscode,description,parent,level\nI,01,Animals,TOTAL,2\nI,0201,Meat,01,4\n", "t.csv:3",
                "prefix"},
           Case{"section,hscode,description,parent,level\nI,01,Animals,TOTAL,2\nI,01,Again,TOTAL,2\n", "t.csv:3",
                "twice"},
           Case{"section,hscode,description,parent,level\nI,01,\"Animals,TOTAL,2\n", "t.csv:2", "quoted"},
           Case{"code,description\n123,Trois chiffres\n", "t.csv:2", "digits"},
           Case{"hs;label\n", "t.csv:1", "header"},
       }) {
    auto r = ParseHsCsv(c.text, "t.csv");
    ASSERT_FALSE(r) << c.text;
    EXPECT_NE(r.error().message.find(c.where), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(c.what), std::string::npos) << r.error().message;
  }
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
    dir_ = std::filesystem::temp_directory_path() / ("origine-hs-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(*storage::OpenSqlite((dir_ / "t.db").string()));
    std::vector<storage::Migration> all = app::AllMigrations();
    ASSERT_TRUE(db_->Migrate(all));
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
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
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
  std::filesystem::path dir_;
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
  EXPECT_FALSE(SearchHs(*tx, "x", "de"));
}

}  // namespace
}  // namespace origine::registry
