#include "core/date.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace origine {
namespace {

namespace chr = std::chrono;

bool Digits(std::string_view s, size_t from, size_t n, int* out) {
  int v = 0;
  for (size_t i = from; i < from + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// Days since the epoch of a real calendar date; nullopt for an impossible one.
std::optional<int64_t> CivilDays(int y, int m, int d) {
  const chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)}, chr::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return chr::sys_days{ymd}.time_since_epoch().count();
}

std::optional<int64_t> ParseDay(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !Digits(text, 0, 4, &y) || !Digits(text, 5, 2, &m) ||
      !Digits(text, 8, 2, &d))
    return std::nullopt;
  return CivilDays(y, m, d);
}

}  // namespace

std::string FormatUtc(int64_t unix_seconds, bool date_only) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, date_only ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<int64_t> ParseDate(std::string_view text) {
  auto days = ParseDay(text);
  if (!days) return Error::Invalid("date.format"_code, "expected a real calendar date YYYY-MM-DD");
  return *days * 86400;
}

bool IsValidDate(std::string_view text) { return ParseDay(text).has_value(); }

bool ParseDate(const std::string& text, int64_t* unix_seconds) {
  auto days = ParseDay(text);
  if (!days) return false;
  *unix_seconds = *days * 86400;
  return true;
}

Result<int64_t> ParseTimestamp(std::string_view text) {
  const Error bad = Error::Invalid("date.timestamp"_code, "expected an RFC 3339 time YYYY-MM-DDTHH:MM:SSZ");
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) return bad;
  auto days = ParseDay(text.substr(0, 10));
  int hh = 0, mm = 0, ss = 0;
  if (!days || text[13] != ':' || text[16] != ':' || !Digits(text, 11, 2, &hh) || !Digits(text, 14, 2, &mm) ||
      !Digits(text, 17, 2, &ss) || hh > 23 || mm > 59 || ss > 59)
    return bad;
  size_t i = 19;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == start) return bad;
  }
  int64_t offset = 0;
  const std::string_view zone = text.substr(i);
  if (zone == "Z" || zone == "z") {
    offset = 0;
  } else {
    int oh = 0, om = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' || !Digits(zone, 1, 2, &oh) ||
        !Digits(zone, 4, 2, &om) || oh > 23 || om > 59)
      return bad;
    offset = (int64_t{oh} * 3600 + int64_t{om} * 60) * (zone[0] == '-' ? -1 : 1);
  }
  return *days * 86400 + int64_t{hh} * 3600 + int64_t{mm} * 60 + ss - offset;
}

int64_t DayNumber(int64_t unix_seconds) {
  return unix_seconds >= 0 ? unix_seconds / 86400 : -((-unix_seconds + 86399) / 86400);
}

}  // namespace origine
