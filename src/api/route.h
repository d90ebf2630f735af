// origine/api/route.h — how every route group registers its routes.
//
// Each group (auth_routes.cc, application_routes.cc, registry_routes.cc, ...)
// exposes one `AddXRoutes(const AddRoute& add, <the services it calls>)` and
// calls `add(method, path, handler)` for each of its routes. Api wires `add` to
// the middleware (api/middleware.h), so that the authorization rule, session,
// CSRF, refused-request audit and problem-details rules are the same for every
// route. Who may call a route is not written here: it is the route's row in
// the authorization table (api/authz_table.cc); a route without a row stops
// the Api from starting.
//
// A handler is thin: decode (api/internal/json_io.h, api/internal/params.h),
// call a service, encode. It never checks a role (the table did); the
// services scope by company and keep the domain rules. It returns an Error
// (with its code) rather than building a problem itself; the middleware maps it.
#pragma once

#include <functional>
#include <string>

#include "core/context.h"
#include "core/result.h"
#include "http/message.h"
#include "identity/identity_service.h"

namespace origine::api {

// What a handler receives.
struct RouteCtx {
  http::Request& req;
  const Principal* who;              // null on a public route without a session; else allowed by the rule
  RequestMeta meta;                  // request id, IP, user agent (for audit events)
  const identity::Session* session;  // null exactly when `who` is
};
using RouteHandler = std::function<Result<http::Response>(RouteCtx&)>;

// add(method, path template (http/router.h), handler).
using AddRoute = std::function<void(const char* method, const char* path, RouteHandler handler)>;

}  // namespace origine::api
