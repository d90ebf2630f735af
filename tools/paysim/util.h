// paysim/util.h — small helpers shared by the simulator's translation units:
// JSON answers, form encoding, HTML escaping, amounts, dates. Pure; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.h"

namespace origine::paysim {

// The body as a JSON object, or nullopt when it is not one.
std::optional<boost::json::object> ParseObject(const std::string& body);
http::Response Json(int status, const boost::json::value& v);
// application/x-www-form-urlencoded: decoding ('+' is a space) and encoding.
std::map<std::string, std::string> ParseForm(const std::string& body);
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);
std::string HtmlEscape(std::string_view text);
std::string Base64(std::string_view data);
// A string member of `o`, or "" when absent or not a string.
std::string Str(const boost::json::object& o, const char* key);
// "2026-11-27T08:00:00Z", "2026-11-27 08:00:00", "20261127080000", "2026-11-27".
std::string Iso(int64_t t);
std::string DateTime(int64_t t);
std::string Compact(int64_t t);
std::string Day(int64_t t);
// A positive whole amount written as digits only ("5000"), else nullopt.
std::optional<int64_t> AmountFromString(const std::string& s);
// A positive JSON integer, else nullopt (strings and fractions refused).
std::optional<int64_t> AmountFromJson(const boost::json::value* v);
bool IsHttpUrl(const std::string& s);
bool IsUuid(const std::string& s);
// The token of "Authorization: Bearer <token>", or "".
std::string BearerToken(const http::Request& req);
// Constant-time comparison.
bool SafeEqual(std::string_view a, std::string_view b);
// amount * basis_points / 10000, rounded half up.
int64_t Fee(int64_t amount, int64_t basis_points);
// "5 000" (narrow no-break space groups).
std::string FormatXof(int64_t amount);
// Mali phone number: 8 digits, optionally prefixed by +223 or 223; returns the 8 digits or "".
std::string NormaliseMsisdn(const std::string& s);

}  // namespace origine::paysim
