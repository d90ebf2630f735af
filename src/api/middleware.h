// origine/api/middleware.h — what every API route goes through around its
// handler (api/route.h), in this order:
//   1. session: the "origine_session" cookie is resolved (identity); a route
//      whose rule is not Public answers 401 without a valid one;
//   2. CSRF: a route whose rule is not Public needs, on any method but GET,
//      the session's X-CSRF-Token header, else 403 /problems/csrf (code
//      csrf.invalid);
//   3. the route's authorization rule (api/authz.h, ONE table): a role the
//      rule does not grant gets 403 /problems/forbidden (code auth.forbidden,
//      param role); company scoping stays with the services (404);
//   4. step-up: a rule with StepUp::kTotp runs the StepUpCheck (the second
//      factor's freshness; its error is the answer);
//   5. the handler's Error becomes problem+json (http/problem.h); a malformed
//      JSON body (json.malformed) is typed /problems/invalid-json; an internal
//      error is logged with the request id (its message is never shown);
//   6. a refused request (403: CSRF, rule, or a domain refusal of the
//      service) writes an "access.denied" audit event in its own
//      transaction; a failure to record it is logged and the 403 stands.
// Thread-safety: the wrapped handlers may run concurrently.
#pragma once

#include <functional>
#include <string>

#include "api/authz.h"
#include "api/route.h"
#include "core/clock.h"
#include "http/router.h"
#include "identity/identity_service.h"
#include "storage/db.h"

namespace origine::api {

// The session cookie's name (auth_routes.cc sets and clears it).
inline constexpr const char* kSessionCookie = "origine_session";

// The step-up check of a route whose rule asks for a fresh second factor:
// OK when the session's last second factor is fresh enough or the request
// carries a good one (the sign request's JSON body {"totp"}); else the error
// to answer (a 401 whose code says a fresh code is needed).
// TODO(issue 12 item 5, branch mfa): app/platform.cc passes identity's
// RequireFreshSecondFactor here (ApiOptions::step_up). Until then no check is
// configured and StepUp::kTotp routes run without one.
using StepUpCheck = std::function<Status(StepUp, const identity::Session&, const http::Request&)>;

class Middleware {
 public:
  // Every reference must outlive the Middleware and the handlers it wraps.
  // `step_up` may be empty (no second factor enforced: see StepUpCheck).
  Middleware(storage::Db& db, const Clock& clock, identity::IdentityService& identity, StepUpCheck step_up = {})
      : db_(db), clock_(clock), identity_(identity), step_up_(std::move(step_up)) {}

  // The router handler of route (method, path) under `rule`.
  http::Handler Wrap(const std::string& method, const std::string& path, const Rule& rule, RouteHandler handler) const;

 private:
  void RecordDenied(const http::Request& req, const Principal* who, const RequestMeta& meta, const std::string& route,
                    const std::string& reason) const;

  storage::Db& db_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  StepUpCheck step_up_;
};

}  // namespace origine::api
