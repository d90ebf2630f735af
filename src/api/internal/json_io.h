// origine/api/internal/json_io.h — JSON bodies in and out, shared by the
// API's route files (*_routes.cc). Private to src/api. Every failure carries
// its code (api/internal/errors.h).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/message.h"

namespace origine::api::internal {

// A JSON response; `cache` is the Cache-Control value.
http::Response Json(const boost::json::value& v, int status = 200, const char* cache = "no-store");

// Decodes a JSON body (depth at most 32). kUnsupportedMedia "json.content_type"
// without a JSON content type; kBadRequest "json.malformed" when malformed (the
// middleware types it /problems/invalid-json).
Result<boost::json::value> JsonBody(const http::Request& req);

// A JSON body that must be an object: "json.object" (422) for another JSON value.
Result<boost::json::object> ObjectBody(const http::Request& req);

// "field.unknown" naming the first member of `o` that is not in `allowed`.
Status OnlyFields(const boost::json::object& o, std::initializer_list<std::string_view> allowed);

// Member `name` of `o` as a string: "" when absent or null; "field.string" for another type.
Result<std::string> StringMember(const boost::json::object& o, const std::string& name);

// An object body whose members are all among `allowed` and strings (null
// members are left out): name → value.
Result<std::map<std::string, std::string>> StringFields(const http::Request& req,
                                                        std::initializer_list<std::string_view> allowed);

// An optional {"<field>": "..."} body: an empty body, an absent or a null
// field give "". "field.unknown" for another member, "field.string" for a
// non-string value.
Result<std::string> OptionalStringBody(const http::Request& req, const std::string& field);

}  // namespace origine::api::internal
