// origine/origin/internal/text.h — small text helpers of the origin module:
// HS code normalisation and French/English number formatting. Not for use
// outside src/origin.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace origine::origin::internal {

// "0801.31", "0801 31", "080131" -> "080131". Only digits survive; dots and
// spaces are separators. nullopt for any other character, an odd length, or a
// length outside 2..10.
std::optional<std::string> NormalizeHs(std::string_view text);

// Digits shown the customs way: "080131" -> "0801.31", "0801" -> "0801".
std::string DisplayHs(std::string_view digits);

// Whole francs with thousands separated: French "1 234 567", English "1,234,567".
std::string MoneyFr(int64_t xof);
std::string MoneyEn(int64_t xof);

// A percentage given in hundredths of a percent (2999 -> "29,99 %" / "29.99 %").
std::string PercentFr(int64_t hundredths);
std::string PercentEn(int64_t hundredths);

// floor(num * 10000 / den) and ceil(num * 10000 / den) in hundredths of a
// percent, exact (128-bit intermediate). den must be > 0.
int64_t FloorPercentHundredths(int64_t num, int64_t den);
int64_t CeilPercentHundredths(int64_t num, int64_t den);

std::string_view Trim(std::string_view s);

}  // namespace origine::origin::internal
