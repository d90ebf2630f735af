// origine/api/route.h — how every route group registers its routes.
//
// Each group (auth_routes.cc, application_routes.cc, registry_routes.cc, ...)
// exposes one `AddXRoutes(const AddRoute& add, <the services it calls>)` and
// calls `add(method, path, access, handler)` for each of its routes. Api wires
// `add` to the middleware (api/middleware.h), so that the session, CSRF,
// refused-request audit and problem-details rules are the same for every route.
//
// A handler is thin: decode (api/internal/json_io.h, api/internal/params.h),
// check the role, call a service, encode. It returns an Error (with its code)
// rather than building a problem itself; the middleware maps it.
#pragma once

#include <functional>
#include <string>

#include "core/context.h"
#include "core/result.h"
#include "http/message.h"
#include "identity/identity_service.h"

namespace origine::api {

// The access rule of a route. kSession: a valid session cookie is required
// (401 otherwise) and, on every method but GET, the X-CSRF-Token header
// (403). kPublic: anyone; a session cookie sent along is still resolved
// (`who` is then set). Roles are checked by the handler.
enum class Access { kPublic, kSession };

// What a handler receives.
struct RouteCtx {
  http::Request& req;
  const Principal* who;              // null on a public route without a session
  RequestMeta meta;                  // request id, IP, user agent (for audit events)
  const identity::Session* session;  // null exactly when `who` is
};
using RouteHandler = std::function<Result<http::Response>(RouteCtx&)>;

// add(method, path template (http/router.h), access rule, handler).
using AddRoute = std::function<void(const char* method, const char* path, Access access, RouteHandler handler)>;

}  // namespace origine::api
