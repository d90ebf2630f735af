#include "core/date.h"

#include <gtest/gtest.h>

namespace origine {
namespace {

TEST(DateTest, ParsesRealCalendarDays) {
  ASSERT_TRUE(ParseDate("2026-12-07"));
  EXPECT_EQ(FormatUtc(*ParseDate("2026-12-07"), true), "2026-12-07");
  EXPECT_EQ(*ParseDate("1970-01-01"), 0);
  EXPECT_TRUE(ParseDate("2024-02-29"));  // leap year
  EXPECT_TRUE(ParseDate("2000-02-29"));  // divisible by 400
}

TEST(DateTest, RefusesImpossibleDatesInsteadOfRollingOver) {
  for (const char* bad :
       {"2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
        "26-11-27", "2026/11/27", "2026-1a-27", "", "2026-11-27T00", " 2026-11-27"}) {
    auto r = ParseDate(std::string_view(bad));
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "date.format") << bad;
    EXPECT_FALSE(IsValidDate(bad)) << bad;
  }
}

TEST(DateTest, LegacyFormLeavesTheOutputAloneOnFailure) {
  int64_t t = 42;
  EXPECT_FALSE(ParseDate(std::string("2026-02-30"), &t));
  EXPECT_EQ(t, 42);
  EXPECT_TRUE(ParseDate(std::string("2026-03-02"), &t));
  EXPECT_EQ(FormatUtc(t, true), "2026-03-02");
}

TEST(DateTest, ParsesRfc3339Timestamps) {
  EXPECT_EQ(*ParseTimestamp("2026-11-27T05:39:30Z"), 1795757970);
  EXPECT_EQ(*ParseTimestamp("2026-11-27T05:39:30.123Z"), 1795757970);
  EXPECT_EQ(*ParseTimestamp("2026-11-27T06:39:30+01:00"), 1795757970);
  EXPECT_EQ(*ParseTimestamp("2026-11-27T04:39:30-01:00"), 1795757970);
  for (const char* bad : {"2026-02-30T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T05:60:00Z", "2026-11-27T05:39:30",
                          "2026-11-27T05:39:30+1:00", "2026-11-27T05:39:30.Z"})
    EXPECT_FALSE(ParseTimestamp(bad)) << bad;
}

TEST(DateTest, DayNumberFloors) {
  EXPECT_EQ(DayNumber(0), 0);
  EXPECT_EQ(DayNumber(86399), 0);
  EXPECT_EQ(DayNumber(86400), 1);
  EXPECT_EQ(DayNumber(-1), -1);
}

}  // namespace
}  // namespace origine
