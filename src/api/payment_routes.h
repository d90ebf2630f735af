// origine/api/payment_routes.h — the routes of the payments issue
// (docs/formats/payments.md, openapi.json). Authorization rules (each service
// checks the role; another company's object is 404):
//   public   GET fees; POST payments/callbacks/{provider} (authenticity per
//            provider instead of a session; no CSRF)
//   session  applications/{id}/payments (exporter: own, creates; staff read),
//            payments/{reference} (owner or staff), .../check (exporter),
//            .../receipt (owner or staff), payments (staff), .../refund and
//            .../refund/confirm (admin), ledger (admin, auditor),
//            reconciliations (import: admin; read: admin, auditor),
//            treasury (admin, auditor)
// Without a payments module (unit tests of the API) every route answers 503.
#pragma once

#include "api/route.h"
#include "core/clock.h"
#include "payments/reconcile.h"
#include "payments/service.h"

namespace origine::api {

// `payments` and `reconciler` may be null; otherwise they must outlive the
// routes, as must `clock` (the time a provider callback is received).
void AddPaymentRoutes(const AddRoute& add, const Clock& clock, payments::PaymentService* payments,
                      payments::Reconciler* reconciler);

}  // namespace origine::api
