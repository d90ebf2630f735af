// origine/api/api.h — the HTTP API: routes, their authorization rules, and the
// middleware every request goes through (target parsing, session, CSRF, JSON
// decoding, problem details, metrics, access log).
//
// Handlers are thin: decode, call a service, encode. Services hold the rules.
// A request refused with 403 (role or CSRF) writes an "access.denied" audit
// event in its own transaction (the request changed nothing else).
//
// Transparency log (public): GET /log/checkpoint (signed note over the
// current head, signed per request), GET /log/tile/{path...} (C2SP
// tlog-tiles; full tiles immutable, partial ones no-store), and under
// /api/v1/log/ the verifier key and inclusion/consistency proofs.
// Thread-safety: Handle() may be called concurrently once constructed.
#pragma once

#include <memory>
#include <string>

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
};

class Api {
 public:
  // Every reference must outlive the Api.
  Api(storage::Db& db, const Clock& clock, identity::IdentityService& identity,
      certificates::ApplicationService& applications, certificates::CertificateService& certificates,
      pki::KeyManager& keys, trust::TrustListSource& trust, const tlog::Log& log, const tlog::NoteSigner& log_signer,
      ApiOptions options, payments::PaymentService* payments = nullptr, payments::Reconciler* reconciler = nullptr);

  // Answers one request. Never throws for bad input; sets no request id
  // itself (the server did).
  http::Response Handle(http::Request& req);

  const http::Router& router() const { return router_; }
  // The OpenAPI 3.1 document served at /api/v1/openapi.json.
  static const std::string& OpenApiJson();

 private:
  void AddRoutes();

  storage::Db& db_;
  const Clock& clock_;
  const tlog::Log& log_;
  const tlog::NoteSigner& log_signer_;
  identity::IdentityService& identity_;
  certificates::ApplicationService& applications_;
  certificates::CertificateService& certificates_;
  pki::KeyManager& keys_;
  trust::TrustListSource& trust_;
  ApiOptions options_;
  payments::PaymentService* payments_;
  payments::Reconciler* reconciler_;
  http::Router router_;
  http::Metrics metrics_;
  http::StaticFiles static_files_;
};

}  // namespace origine::api
