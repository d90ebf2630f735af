#include "api/api.h"

#include <chrono>

#include "api/application_routes.h"
#include "api/audit_routes.h"
#include "api/auth_routes.h"
#include "api/certificate_routes.h"
#include "api/log_routes.h"
#include "api/payment_routes.h"
#include "api/registry_routes.h"
#include "api/system_routes.h"
#include "api/trust_routes.h"
#include "api/verify_routes.h"
#include "core/log.h"
#include "http/problem.h"

namespace origine::api {
using http::Request;
using http::Response;

Api::Api(storage::Db& db, const Clock& clock, identity::IdentityService& identity,
         certificates::ApplicationService& applications, certificates::CertificateService& certificates,
         pki::KeyManager& keys, trust::TrustListSource& trust, const tlog::Log& log, const tlog::NoteSigner& log_signer,
         const ApiOptions& options, payments::PaymentService* payments, payments::Reconciler* reconciler)
    : middleware_(db, clock, identity, options.step_up), static_files_(options.web_root) {
  // Every route takes its rule from the table, exactly once.
  RuleBinder rules(RouteRules());
  const AddRoute add = [this, &rules](const char* method, const char* path, RouteHandler handler) {
    router_.Add(method, path, middleware_.Wrap(method, path, rules.Bind(method, path), std::move(handler)));
  };
  // The order is the router's matching order (the first matching template wins).
  AddSystemRoutes(add, db, metrics_, payments, OpenApiJson());
  AddAuthRoutes(add, identity, options.secure_cookies);
  AddRegistryRoutes(add, db, clock, applications);
  AddPaymentRoutes(add, clock, payments, reconciler);
  AddTrustRoutes(add, keys, trust);
  AddApplicationRoutes(add, applications);
  AddCertificateRoutes(add, applications, certificates);
  AddVerifyRoutes(add, db, certificates, log, log_signer);
  AddLogRoutes(add, db, log, log_signer);
  AddAuditRoutes(add, db, clock);
  rules.Finish();
}

Response Api::Handle(Request& req) {
  const auto start = std::chrono::steady_clock::now();
  std::string route = "(unmatched)";
  Response res;
  if (!http::ParseTarget(req.target, &req.path, &req.query)) {
    req.path = "/";
    res = http::Problem(400, "http.bad_request"_code, "bad-request", "the request target is malformed", req);
  } else {
    auto match = router_.Find(req);
    if (match.route) {
      route = match.route->path_template;
      res = match.route->handler(req);
    } else if (!match.allowed.empty()) {
      res = http::Problem(405, "http.method_not_allowed"_code, "method-not-allowed",
                          "use " + match.allowed.front() + " on this resource", req);
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      res.AddHeader("Allow", allow);
    } else if ((req.method == "GET" || req.method == "HEAD") && req.path.rfind("/api/", 0) != 0) {
      route = "(static)";
      if (auto file = static_files_.Serve(req.path))
        res = std::move(*file);
      else
        res = http::Problem(404, "http.not_found"_code, "not-found", "no such page", req);
    } else {
      res = http::Problem(404, "http.not_found"_code, "not-found", "no such resource", req);
    }
  }
  if (res.content_type.rfind("text/html", 0) == 0)
    res.AddHeader("Content-Security-Policy",
                  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Observe(route, req.method, res.status, seconds);
  log::Line(res.status >= 500 ? "error" : "info", "request",
            {{"request_id", req.request_id},
             {"method", req.method},
             {"path", req.path},
             {"route", route},
             {"remote", req.remote_ip}},
            {{"status", res.status}, {"duration_ms", seconds * 1000}});
  return res;
}

}  // namespace origine::api
