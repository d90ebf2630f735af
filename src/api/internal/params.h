// origine/api/internal/params.h — path and query parameters, shared by the
// API's route files. Private to src/api. A bad query parameter is
// kInvalidArgument (422) naming the parameter as the field (paging: 400);
// a bad path identifier is kNotFound with the caller's code.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/paging.h"
#include "core/result.h"
#include "http/message.h"

namespace origine::api::internal {

// The path parameter `param` ({id}, {user_id}, ...) as a positive integer of
// at most 15 digits; otherwise kNotFound `not_found` "no <what> <text>", with
// the param "id".
Result<int64_t> IdParam(const http::Request& req, ErrorId not_found, const char* what, const char* param = "id");

// A query parameter as sent; "" when absent.
std::string Query(const http::Request& req, const char* name);

// A query parameter that must be one of `allowed` when present (an empty
// value only if "" is allowed); nullopt when absent. Otherwise
// kInvalidArgument `code`, the field message `message` and the param
// "allowed" (the non-empty values, comma-separated).
Result<std::optional<std::string>> OneOfQuery(const http::Request& req, const char* name,
                                              std::initializer_list<std::string_view> allowed, ErrorId code,
                                              const std::string& message);

// A non-negative decimal parameter (at most 18 digits); nullopt when absent
// or empty; "field.integer" otherwise.
Result<std::optional<int64_t>> IntQuery(const http::Request& req, const char* name);
// The same, required ("field.required").
Result<uint64_t> RequiredIntQuery(const http::Request& req, const char* name);

// A real calendar date YYYY-MM-DD (core/date.h: 2026-02-30 is refused), as
// sent; "" when absent or empty; "date.format" otherwise.
Result<std::string> DateTextQuery(const http::Request& req, const char* name);
// The same → Unix seconds at 00:00 UTC; nullopt when absent or empty.
Result<std::optional<int64_t>> DateQuery(const http::Request& req, const char* name);

// The paging query parameters `limit` and `cursor` of a listing (core/paging.h);
// kBadRequest (400) "paging.limit" or "paging.cursor" when unusable.
Result<PageRequest> PageQuery(const http::Request& req, const PageLimits& limits);

}  // namespace origine::api::internal
