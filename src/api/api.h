// origine/api/api.h — the HTTP API: wiring of the route groups and Handle(),
// the entry point of every request (target parsing, routing, 404/405, static
// files of the web app, Content-Security-Policy, metrics, access log).
//
// Where things are:
//   api/route.h          how a group registers routes (AddRoute, RouteCtx)
//   api/authz.h          the authorization rule of a route; the ONE table of
//                        every route's rule is api/authz_table.cc
//   api/middleware.h     session, CSRF, the route's rule, step-up,
//                        refused-request audit, Error → problem+json
//   api/*_routes.h       one file per route group, each documenting its routes and
//                        who may call them: system, auth, registry, payment, trust,
//                        application, certificate, verify, log, audit
//   api/internal/        decoding helpers shared by the route files (bodies,
//                        parameters, the coded errors of both)
// Handlers are thin: decode, call a service, encode. The table says who may
// call each route; services scope by company and hold the domain rules.
// Thread-safety: Handle() may be called concurrently once constructed.
#pragma once

#include <memory>
#include <string>

#include "api/middleware.h"
#include "certificates/service.h"
#include "core/clock.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"
#include "identity/identity_service.h"
#include "payments/reconcile.h"
#include "payments/service.h"
#include "pki/key_manager.h"
#include "storage/db.h"
#include "tlog/log.h"
#include "tlog/note.h"
#include "trust/trust_list.h"

namespace origine::api {

struct ApiOptions {
  bool secure_cookies = false;  // add "Secure" to the session cookie (behind TLS)
  std::string web_root;         // built web app; empty = no static files
  StepUpCheck step_up;          // second-factor freshness for StepUp rules; empty: not enforced (middleware.h)
};

class Api {
 public:
  // Every reference must outlive the Api. Throws std::logic_error (a bug, caught
  // by every test that builds an Api) when a route has no row in the
  // authorization table (api/authz_table.cc), a row matches no route, or a
  // route is registered twice.
  Api(storage::Db& db, const Clock& clock, identity::IdentityService& identity,
      certificates::ApplicationService& applications, certificates::CertificateService& certificates,
      pki::KeyManager& keys, trust::TrustListSource& trust, const tlog::Log& log, const tlog::NoteSigner& log_signer,
      const ApiOptions& options, payments::PaymentService* payments = nullptr,
      payments::Reconciler* reconciler = nullptr);

  // Answers one request. Never throws for bad input; sets no request id
  // itself (the server did).
  http::Response Handle(http::Request& req);

  const http::Router& router() const { return router_; }
  // The OpenAPI 3.1 document served at /api/v1/openapi.json.
  static const std::string& OpenApiJson();

 private:
  Middleware middleware_;
  http::Router router_;
  http::Metrics metrics_;
  http::StaticFiles static_files_;
};

}  // namespace origine::api
