#include "core/clock.h"

#include <cstdio>
#include <ctime>

namespace origine {

std::string FormatUtc(int64_t unix_seconds, bool date_only) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, date_only ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool ParseDate(const std::string& text, int64_t* unix_seconds) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  std::tm tm{};
  tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(text.substr(8, 2));
  if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31) return false;
  const int wanted_day = tm.tm_mday;
  std::time_t t = timegm(&tm);  // normalises tm in place: 02-30 becomes 03-02
  std::tm back{};
  gmtime_r(&t, &back);
  if (back.tm_mday != wanted_day) return false;
  *unix_seconds = t;
  return true;
}

}  // namespace origine
