#include "core/paging.h"

#include <gtest/gtest.h>

namespace origine {
namespace {

TEST(PagingTest, CursorRoundTrips) {
  const PageKey keys[] = {
      {0, ""}, {1, "1"}, {1795757970, "42"}, {9, "CO-ETLS-2026-000017"}, {123456789012345678, "x|y"}};
  for (const auto& k : keys) {
    const std::string c = EncodeCursor("apps", k);
    EXPECT_EQ(c.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << c;
    auto back = DecodeCursor("apps", c);
    ASSERT_TRUE(back) << c;
    EXPECT_EQ(back->sort, k.sort);
    EXPECT_EQ(back->tie, k.tie);
  }
}

TEST(PagingTest, RejectsForeignAndDamagedCursors) {
  const std::string good = EncodeCursor("pay", {17, "17"});
  std::string flipped = good;
  flipped[2] = flipped[2] == 'A' ? 'B' : 'A';
  const std::string bad[] = {
      "",                                     // empty
      EncodeCursor("ledger", {17, "17"}),     // another listing's cursor
      good + "=",                             // padding is not base64url here
      good.substr(0, good.size() - 1) + "!",  // outside the alphabet
      flipped,                                // damaged
      "A",                                    // impossible length
      "cGF5MXwtMXwx",                         // "pay1|-1|1": negative sort key
      "cGF5MXwxNw",                           // "pay1|17": no tie
      "cGF5MXx8MQ",                           // "pay1||1": empty sort key
      std::string(301, 'A'),                  // too long
  };
  for (const auto& c : bad) {
    auto r = DecodeCursor("pay", c);
    ASSERT_FALSE(r) << c;
    EXPECT_EQ(r.error().kind, ErrorKind::kBadRequest);
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].field, "cursor");
  }
}

TEST(PagingTest, CursorIdIsAPositiveDecimal) {
  EXPECT_EQ(*CursorId({0, "42"}), 42);
  for (const char* tie : {"", "0", "-1", "4a", "CO-1", "9999999999999999999"}) {
    auto r = CursorId({0, tie});
    ASSERT_FALSE(r) << tie;
    EXPECT_EQ(r.error().fields[0].field, "cursor");
  }
}

TEST(PagingTest, ParsesLimitWithinBounds) {
  const PageLimits limits{500, 100};
  EXPECT_EQ(ParsePageQuery(nullptr, nullptr, limits)->limit, 100);
  const std::string ok[] = {"1", "100", "500", "007"};
  const int want[] = {1, 100, 500, 7};
  for (size_t i = 0; i < std::size(ok); ++i) EXPECT_EQ(ParsePageQuery(&ok[i], nullptr, limits)->limit, want[i]);
  for (std::string bad : {"", "0", "501", "-1", "+5", " 5", "5 ", "1e2", "abc", "99999999999999999999"}) {
    auto r = ParsePageQuery(&bad, nullptr, limits);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kBadRequest);
    EXPECT_EQ(r.error().fields[0].field, "limit");
    EXPECT_NE(r.error().message.find("1 and 500"), std::string::npos);
  }
}

TEST(PagingTest, CursorParameterMustNotBeEmpty) {
  const PageLimits limits{1000, 200};
  const std::string empty, some = "abc";
  auto r = ParsePageQuery(nullptr, &empty, limits);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields[0].field, "cursor");
  auto ok = ParsePageQuery(nullptr, &some, limits);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->cursor, "abc");
  EXPECT_EQ(ok->limit, 200);
}

}  // namespace
}  // namespace origine
