// origine/payments/providers/common.h — helpers shared by the adapters
// (private to src/payments).
#pragma once

#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "payments/provider.h"

namespace origine::payments::internal {

// Parses a JSON object body; nullopt when it is not one.
std::optional<boost::json::object> ParseObject(const std::string& body);
// A string member ("" when absent or not a string).
std::string Str(const boost::json::object& o, const char* key);
// An integer amount given as a JSON integer or a decimal string of digits
// (an optional ".0"/".00" tail accepted); nullopt otherwise.
std::optional<int64_t> Amount(const boost::json::value* v);
const boost::json::value* Member(const boost::json::object& o, const char* key);

std::string UrlEncode(const std::string& s);
// application/x-www-form-urlencoded; later keys win.
std::map<std::string, std::string> ParseForm(const std::string& body);

// Maps a transport result: no response or 5xx or 408/429 → kUnclear.
bool IsUnclearStatus(int status);
// "path (HTTP 503)" for errors; never a body.
std::string Describe(const std::string& url, int status);

// Bearer token cache for client-credentials flows.
struct TokenCache {
  std::mutex mu;
  std::string token;
  int64_t expires_at = 0;
};

// A client-credentials access token from `cache`, or fetched with `request`
// (its answer: {access_token, expires_in?}; `default_ttl` seconds when absent)
// and cached until 30 s before expiry. Errors name `what` and the URL path
// only (kUnavailable). Holds cache.mu during the fetch.
Result<std::string> CachedToken(TokenCache& cache, HttpClient& http, const HttpRequest& request,
                                const std::string& what, int64_t default_ttl);

// Parses "2026-11-27T08:00:00Z" (fractional seconds and offsets +HH:MM accepted).
std::optional<int64_t> ParseTimestamp(const std::string& s);
// Splits CSV text (comma-separated, RFC 4180 quotes) into rows of fields.
// Statement rows by header name: each alias list names one column; a line
// missing a required column or with a bad amount is kInvalidArgument "line N: ...".
struct CsvColumns {
  std::vector<std::string> txn, reference, amount, fee, at, status, reversal;
};
Result<std::vector<StatementLine>> ParseStatementCsv(const std::string& text, const CsvColumns& cols,
                                                     const std::vector<std::string>& ok_statuses, char sep = ',');
std::vector<std::vector<std::string>> ParseCsv(const std::string& text, char sep = ',');

}  // namespace origine::payments::internal
