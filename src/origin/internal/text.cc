#include "origin/internal/text.h"

#include <cstdint>

namespace origine::origin::internal {

std::optional<std::string> NormalizeHs(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != '.' && c != ' ') {
      return std::nullopt;
    }
    if (digits.size() > 10) return std::nullopt;
  }
  if (digits.size() < 2 || digits.size() % 2 != 0) return std::nullopt;
  return digits;
}

std::string DisplayHs(std::string_view digits) {
  if (digits.size() <= 4) return std::string(digits);
  std::string out(digits.substr(0, 4));
  out.push_back('.');
  out.append(digits.substr(4));
  return out;
}

namespace {

std::string Grouped(int64_t value, char sep) {
  const bool negative = value < 0;
  // Work on the unsigned magnitude so INT64_MIN is fine.
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back(sep);
    out.push_back(digits[i]);
  }
  return negative ? "-" + out : out;
}

std::string Percent(int64_t hundredths, char decimal_mark) {
  const bool negative = hundredths < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(hundredths) : static_cast<uint64_t>(hundredths);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / 100);
  out.push_back(decimal_mark);
  const uint64_t frac = magnitude % 100;
  out.push_back(static_cast<char>('0' + frac / 10));
  out.push_back(static_cast<char>('0' + frac % 10));
  out += " %";
  return out;
}

}  // namespace

std::string MoneyFr(int64_t xof) { return Grouped(xof, ' '); }
std::string MoneyEn(int64_t xof) { return Grouped(xof, ','); }
std::string PercentFr(int64_t hundredths) { return Percent(hundredths, ','); }
std::string PercentEn(int64_t hundredths) { return Percent(hundredths, '.'); }

namespace {
// Display only: absurd ratios (amounts near INT64_MAX over 1 franc) saturate.
int64_t Clamp(__int128 q) {
  constexpr __int128 kLimit = static_cast<__int128>(INT64_MAX);
  if (q > kLimit) return INT64_MAX;
  if (q < -kLimit) return -INT64_MAX;
  return static_cast<int64_t>(q);
}
}  // namespace

int64_t FloorPercentHundredths(int64_t num, int64_t den) {
  const __int128 n = static_cast<__int128>(num) * 10000;
  __int128 q = n / den;
  if ((n % den != 0) && ((n < 0) != (den < 0))) --q;
  return Clamp(q);
}

int64_t CeilPercentHundredths(int64_t num, int64_t den) {
  const __int128 n = static_cast<__int128>(num) * 10000;
  __int128 q = n / den;
  if ((n % den != 0) && ((n < 0) == (den < 0))) ++q;
  return Clamp(q);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace origine::origin::internal
