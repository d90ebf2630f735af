#include "core/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace origine::utf8 {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  for (const std::string& s :
       std::vector<std::string>{"", "ascii", "Sésame — Ségou", "\xF0\x9F\x98\x80", "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF",
                                std::string("nul\0inside", 10)})
    EXPECT_TRUE(IsValid(s)) << s;
}

TEST(Utf8Test, RefusesOverlongSurrogatesOutOfRangeAndTruncated) {
  for (const std::string& s : std::vector<std::string>{
           "\xC0\xAF",          // overlong '/'
           "\xC1\xBF",          // overlong
           "\xE0\x80\xAF",      // overlong 3-byte
           "\xF0\x80\x80\xAF",  // overlong 4-byte
           "\xED\xA0\x80",      // U+D800, a surrogate
           "\xED\xBF\xBF",      // U+DFFF
           "\xF4\x90\x80\x80",  // U+110000
           "\xF8\x88\x80\x80\x80", "\xFF",
           "\x80",      // a lone continuation byte
           "\xC3",      // truncated
           "\xE2\x80",  // truncated
           "\xC3\x28",  // bad continuation
           "ok\xE9",    // Latin-1, not UTF-8
       })
    EXPECT_FALSE(IsValid(s)) << testing::PrintToString(s);
}

TEST(Utf8Test, NextCodePointAdvancesOrStays) {
  const std::string s = "a\xC3\xA9\xE2\x80\x94\xF0\x9F\x98\x80";
  size_t i = 0;
  EXPECT_EQ(NextCodePoint(s, i), 'a');
  EXPECT_EQ(NextCodePoint(s, i), 0xE9);
  EXPECT_EQ(NextCodePoint(s, i), 0x2014);
  EXPECT_EQ(NextCodePoint(s, i), 0x1F600);
  EXPECT_EQ(i, s.size());
  const std::string bad = "\xED\xA0\x80";
  i = 0;
  EXPECT_EQ(NextCodePoint(bad, i), -1);
  EXPECT_EQ(i, 0u);
}

}  // namespace
}  // namespace origine::utf8
