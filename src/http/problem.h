// origine/http/problem.h — the one place where errors become HTTP answers
// (RFC 9457 application/problem+json).
#pragma once

#include <string>

#include "core/result.h"
#include "http/message.h"

namespace origine::http {

// HTTP status for an error kind.
int StatusFor(ErrorKind kind);

// A problem document for `error`, with instance = request path and the request
// id: type (/problems/<slug>), title, status, detail (English), code (stable,
// machine-readable; clients translate by it), params, and errors[] items of
// {field, code, message, params}. An internal error shows neither its message
// nor its fields. `slug` overrides the default type (e.g. "csrf", "invalid-json").
Response Problem(const Error& error, const Request& req, const std::string& slug = "");

// Shorthand for a problem with an explicit status, code and slug (slug empty:
// the default type of the status). Any 4xx status shows its detail and code,
// also one without an ErrorKind (405); a 5xx one is internal (neither shown).
Response Problem(int status, ErrorId code, const std::string& slug, const std::string& detail, const Request& req);

}  // namespace origine::http
