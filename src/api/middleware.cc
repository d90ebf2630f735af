#include "api/middleware.h"

#include <boost/json.hpp>
#include <optional>

#include "audit/audit.h"
#include "core/log.h"
#include "http/problem.h"

namespace origine::api {
namespace json = boost::json;

void Middleware::RecordDenied(const http::Request& req, const Principal* who, const RequestMeta& meta,
                              const std::string& route, const std::string& reason) const {
  std::optional<Principal> actor;
  if (who) actor = *who;
  json::object details{{"method", req.method}, {"path", req.path}, {"reason", reason}};
  Status st = [&]() -> Status {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    RETURN_IF_ERROR(audit::Record(*tx, actor, meta, clock_.NowUnix(),
                                  {"access.denied", "route", req.method + " " + route, json::serialize(details)}));
    return tx->Commit();
  }();
  if (!st)
    log::Error("cannot audit a refused request", {{"request_id", req.request_id}, {"error", st.error().message}});
}

http::Handler Middleware::Wrap(const std::string& method, const std::string& path, const Rule& rule,
                               RouteHandler handler) const {
  const bool needs_session = rule.audience != Audience::kPublic;
  const bool state_changing = method != "GET";
  return [this, rule, needs_session, state_changing, route = path, handler = std::move(handler)](http::Request& req) {
    std::optional<identity::Session> session;
    const RequestMeta meta{req.request_id, req.remote_ip, req.headers.Get("user-agent")};
    const std::string token = http::CookieValue(req.headers, kSessionCookie);
    if (needs_session || !token.empty()) {
      auto s = identity_.Authenticate(token);
      if (s)
        session = std::move(*s);
      else if (needs_session)
        return http::Problem(s.error(), req);
    }
    const Principal* who = session ? &session->principal : nullptr;
    if (needs_session && state_changing) {
      const std::string& sent = req.headers.Get("x-csrf-token");
      if (sent.empty() || sent != session->csrf_token) {
        RecordDenied(req, who, meta, route, "missing or wrong X-CSRF-Token header");
        return http::Problem(403, "csrf.invalid"_code, "csrf", "missing or wrong X-CSRF-Token header", req);
      }
    }
    if (Decide(rule, who) == Decision::kForbidden) {
      const std::string role = RoleName(who->role);
      const std::string reason = "the role " + role + " may not " + req.method + " " + route;
      RecordDenied(req, who, meta, route, reason);
      return http::Problem(Error::Denied("auth.forbidden"_code, reason).With("role", role), req);
    }
    Status stepped_up;
    if (rule.step_up != StepUp::kNone && step_up_) stepped_up = step_up_(rule.step_up, *session, req);
    RouteCtx ctx{req, who, meta, session ? &*session : nullptr};
    Result<http::Response> r = stepped_up ? handler(ctx) : Result<http::Response>(stepped_up.error());
    if (r) return std::move(*r);
    const Error& e = r.error();
    if (e.kind == ErrorKind::kPermissionDenied) RecordDenied(req, who, meta, route, e.message);
    if (e.code == "json.malformed") return http::Problem(e, req, "invalid-json");
    if (e.kind == ErrorKind::kInternal)
      log::Error("internal error", {{"request_id", req.request_id}, {"error", e.message}});
    return http::Problem(e, req);
  };
}

}  // namespace origine::api
