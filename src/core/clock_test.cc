#include "core/clock.h"

#include <gtest/gtest.h>

namespace origine {
namespace {

TEST(ClockTest, FormatsUtc) {
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtc(1795757970), "2026-11-27T05:39:30Z");
  EXPECT_EQ(FormatUtc(1795757970, true), "2026-11-27");
}

TEST(ClockTest, ParsesDatesStrictly) {
  int64_t t = 0;
  ASSERT_TRUE(ParseDate("2026-11-27", &t));
  EXPECT_EQ(FormatUtc(t, true), "2026-11-27");
  EXPECT_FALSE(ParseDate("2026-02-30", &t));
  EXPECT_FALSE(ParseDate("2026-13-01", &t));
  EXPECT_FALSE(ParseDate("26-11-27", &t));
  EXPECT_FALSE(ParseDate("2026/11/27", &t));
  EXPECT_FALSE(ParseDate("2026-1a-27", &t));
}

TEST(ClockTest, FakeClockMovesOnlyWhenTold) {
  FakeClock c(100);
  EXPECT_EQ(c.NowUnix(), 100);
  c.Advance(5);
  EXPECT_EQ(c.NowUnix(), 105);
}

}  // namespace
}  // namespace origine
