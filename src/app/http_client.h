// origine/app/http_client.h — a minimal synchronous HTTP GET for operator
// commands (`origine log monitor`), over libcurl.
//
// Follows no redirects; bounded by a 30 s timeout and a 64 MiB body.
// Thread-safety: each call is independent. Failure: kNotFound for HTTP 404,
// kUnavailable for network errors and other non-2xx statuses (the message
// names the URL and the status, never a body).
#pragma once

#include <string>

#include "core/result.h"

namespace origine::app {

Result<std::string> HttpGet(const std::string& url);

}  // namespace origine::app
