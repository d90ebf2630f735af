// origine/api/middleware.h — what every API route goes through around its
// handler (api/route.h):
//   1. session: the "origine_session" cookie is resolved (identity); a
//      kSession route without a valid one answers 401;
//   2. CSRF: a kSession route on any method but GET needs the session's
//      X-CSRF-Token header, else 403 /problems/csrf (code csrf.invalid);
//   3. the handler's Error becomes problem+json (http/problem.h); a malformed
//      JSON body (json.malformed) is typed /problems/invalid-json; an internal
//      error is logged with the request id (its message is never shown);
//   4. a refused request (403: CSRF or role) writes an "access.denied" audit
//      event in its own transaction; a failure to record it is logged and the
//      403 answer stands.
// Thread-safety: the wrapped handlers may run concurrently.
#pragma once

#include <string>

#include "api/route.h"
#include "core/clock.h"
#include "http/router.h"
#include "identity/identity_service.h"
#include "storage/db.h"

namespace origine::api {

// The session cookie's name (auth_routes.cc sets and clears it).
inline constexpr const char* kSessionCookie = "origine_session";

class Middleware {
 public:
  // Every reference must outlive the Middleware and the handlers it wraps.
  Middleware(storage::Db& db, const Clock& clock, identity::IdentityService& identity)
      : db_(db), clock_(clock), identity_(identity) {}

  // The router handler of route (method, path) with the access rule `access`.
  http::Handler Wrap(const std::string& method, const std::string& path, Access access, RouteHandler handler) const;

 private:
  void RecordDenied(const http::Request& req, const Principal* who, const RequestMeta& meta, const std::string& route,
                    const std::string& reason) const;

  storage::Db& db_;
  const Clock& clock_;
  identity::IdentityService& identity_;
};

}  // namespace origine::api
