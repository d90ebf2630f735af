// origine/http/problem.h — the one place where errors become HTTP answers
// (RFC 9457 application/problem+json).
#pragma once

#include <string>

#include "core/result.h"
#include "http/message.h"

namespace origine::http {

// HTTP status for an error code.
int StatusFor(ErrorCode code);

// A problem document for `error`, with instance = request path and the request id.
// `slug` overrides the default type (e.g. "csrf", "invalid-json").
Response Problem(const Error& error, const Request& req, const std::string& slug = "");

// Shorthand for a problem with an explicit status and slug.
Response Problem(int status, const std::string& slug, const std::string& detail, const Request& req);

}  // namespace origine::http
