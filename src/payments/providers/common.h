// origine/payments/providers/common.h — helpers shared by the adapters
// (private to src/payments): JSON members and amounts, form bodies and URL
// parts (Boost.URL), statement times and CSV statements (core/date.h,
// core/csv.h), cached access tokens.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
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
// The currency an answer reports, as StatusResult wants it: "XOF" when it is
// `ours` (the provider's code for the currency we asked in), else as reported.
std::string ReportedCurrency(const std::string& reported, const std::string& ours);

// Percent-encodes everything but the unreserved characters (RFC 3986): for a
// path segment or a query value.
std::string UrlEncode(std::string_view s);
// An application/x-www-form-urlencoded body of the fields, in order.
std::string FormBody(std::initializer_list<std::pair<std::string_view, std::string_view>> fields);
// Parses an application/x-www-form-urlencoded body ('+' is a space); later
// keys win. An unreadable body gives an empty map.
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
// and cached until 30 s before expiry (`clock`). Errors name `what` and the
// URL path only (kUnavailable "provider.unavailable"). Holds cache.mu during the fetch.
Result<std::string> CachedToken(TokenCache& cache, HttpClient& http, const Clock& clock, const HttpRequest& request,
                                const std::string& what, int64_t default_ttl);

// A time in a provider's answer or statement: RFC 3339 ("2026-11-27T08:00:00Z",
// fractions and offsets +HH:MM accepted) or "2026-11-27 08:00:00" without a
// zone (UTC). Impossible dates (2026-02-30) are refused: nullopt.
std::optional<int64_t> ParseTime(std::string_view s);

// Statement rows by header name: each alias list names one column. Lines are
// named by their line in the file ("line 3"): a missing required column is
// kInvalidArgument "statement.header", a short row "statement.too_few_fields",
// a bad transaction id, amount, fee or date "statement.no_transaction",
// "statement.amount", "statement.fee", "statement.date" (field "line N/<what>").
struct CsvColumns {
  std::vector<std::string> txn, reference, amount, fee, at, status, reversal;
};
Result<std::vector<StatementLine>> ParseStatementCsv(const std::string& text, const CsvColumns& cols,
                                                     const std::vector<std::string>& ok_statuses, char sep = ',');

// A bad line of a statement: kInvalidArgument `code`, message "<where>: <summary>",
// one field error "<where>/<field>" ("<where>" when `field` is empty) saying
// `detail`. `where` is "line 3" (param line = 3) or "items/0" (param item = 1).
Error BadStatementLine(ErrorId code, const std::string& where, const std::string& field, const std::string& summary,
                       const std::string& detail);

}  // namespace origine::payments::internal
