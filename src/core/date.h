// origine/core/date.h — calendar dates and UTC timestamps as text, strictly.
//
// Every date that comes from outside (query parameters, statements, regime
// data) goes through ParseDate, which refuses impossible dates ("2026-02-30",
// "2025-02-29") instead of rolling them over into the next month.
//
//   Result<int64_t> day = ParseDate("2026-12-07");   // midnight UTC, Unix seconds
//   std::string text = FormatUtc(*day, true);         // "2026-12-07"
//
// Thread-safety: pure functions. Failure: kInvalidArgument, code "date.format".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace origine {

// "2026-11-27T05:39:30Z" for a Unix time; "2026-11-27" with date_only.
std::string FormatUtc(int64_t unix_seconds, bool date_only = false);

// "YYYY-MM-DD" of a real calendar day → midnight UTC in Unix seconds.
Result<int64_t> ParseDate(std::string_view text);
// The same, as a plain test (for validators that collect several errors).
bool IsValidDate(std::string_view text);
// Legacy form of ParseDate: false on failure, *unix_seconds untouched.
bool ParseDate(const std::string& text, int64_t* unix_seconds);

// "YYYY-MM-DDTHH:MM:SSZ" or with an offset "+HH:MM"/"-HH:MM" (RFC 3339, no
// fraction or an ignored one) → Unix seconds. Impossible dates and times fail.
Result<int64_t> ParseTimestamp(std::string_view text);

// Days since 1970-01-01 of a Unix time (floor), and back.
int64_t DayNumber(int64_t unix_seconds);

}  // namespace origine
