#include "origin/internal/text.h"

#include <gtest/gtest.h>

namespace origine::origin::internal {
namespace {

TEST(OriginText, NormalizeHs) {
  EXPECT_EQ(NormalizeHs("0801.31"), "080131");
  EXPECT_EQ(NormalizeHs("0801 31 00"), "08013100");
  EXPECT_EQ(NormalizeHs("08"), "08");
  EXPECT_FALSE(NormalizeHs("801").has_value());  // odd length
  EXPECT_FALSE(NormalizeHs("0801a").has_value());
  EXPECT_FALSE(NormalizeHs("").has_value());
  EXPECT_FALSE(NormalizeHs("012345678901").has_value());
  EXPECT_EQ(DisplayHs("080131"), "0801.31");
  EXPECT_EQ(DisplayHs("0801"), "0801");
}

TEST(OriginText, MoneyFrenchAndEnglish) {
  EXPECT_EQ(MoneyFr(0), "0");
  EXPECT_EQ(MoneyFr(999), "999");
  EXPECT_EQ(MoneyFr(1000), "1 000");
  EXPECT_EQ(MoneyFr(1234567), "1 234 567");
  EXPECT_EQ(MoneyEn(1234567), "1,234,567");
  EXPECT_EQ(MoneyFr(-1500), "-1 500");
  EXPECT_EQ(MoneyEn(INT64_MIN), "-9,223,372,036,854,775,808");
}

TEST(OriginText, PercentRoundingIsDirectional) {
  EXPECT_EQ(PercentFr(3000), "30,00 %");
  EXPECT_EQ(PercentEn(2999), "29.99 %");
  EXPECT_EQ(PercentFr(5), "0,05 %");
  EXPECT_EQ(PercentFr(-125), "-1,25 %");
  EXPECT_EQ(FloorPercentHundredths(299999, 1000000), 2999);
  EXPECT_EQ(CeilPercentHundredths(299999, 1000000), 3000);
  EXPECT_EQ(FloorPercentHundredths(300000, 1000000), 3000);
  EXPECT_EQ(CeilPercentHundredths(300000, 1000000), 3000);
  EXPECT_EQ(FloorPercentHundredths(-1, 1000000), -1);
  EXPECT_EQ(FloorPercentHundredths(INT64_MAX, 1), INT64_MAX);  // saturates, never UB
}

}  // namespace
}  // namespace origine::origin::internal
