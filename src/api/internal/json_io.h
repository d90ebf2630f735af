// origine/api/internal/json_io.h — decoding and encoding shared by the API's
// route files (*_routes.cc). Private to src/api.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>

#include "core/paging.h"
#include "core/result.h"
#include "http/message.h"

namespace origine::api::internal {

// A JSON response; `cache` is the Cache-Control value.
http::Response Json(const boost::json::value& v, int status = 200, const char* cache = "no-store");

// Decodes a JSON body (depth at most 32). kUnsupportedMedia without a JSON
// content type; kInvalidArgument tagged "invalid-json" (answered 400) when malformed.
Result<boost::json::value> JsonBody(const http::Request& req);

// An optional {"<field>": "..."} body: an empty body, an absent or a null
// field give "". kInvalidArgument for another field or a non-string value.
Result<std::string> OptionalStringBody(const http::Request& req, const std::string& field);

// The {id} path parameter as a positive integer; kNotFound naming `what` otherwise.
Result<int64_t> IdParam(const http::Request& req, const char* what);

// The paging query parameters `limit` and `cursor` of a listing (core/paging.h);
// kBadRequest (400) naming the field when unusable.
Result<PageRequest> PageQuery(const http::Request& req, const PageLimits& limits);

}  // namespace origine::api::internal
