// origine/api/payment_routes.h — the routes of the payments issue
// (docs/formats/payments.md, openapi.json). Who may call each route: its row
// in the authorization table (api/authz_table.cc); another company's object is
// 404 (the service scopes). The provider callbacks are public: their
// authenticity is checked per provider instead of a session (no CSRF).
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
