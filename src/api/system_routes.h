// origine/api/system_routes.h — the operational routes, all public:
//   GET /healthz               200 {"status":"ok"}, 503 when the database is not ready
//   GET /metrics               Prometheus text (HTTP and payments); loopback callers only, 404 otherwise
//   GET /api/v1/openapi.json   the OpenAPI 3.1 document
#pragma once

#include <string>

#include "api/route.h"
#include "http/metrics.h"
#include "payments/service.h"
#include "storage/db.h"

namespace origine::api {

// Every reference must outlive the routes; `payments` may be null (no payment metrics).
void AddSystemRoutes(const AddRoute& add, storage::Db& db, const http::Metrics& metrics,
                     payments::PaymentService* payments, const std::string& openapi_json);

}  // namespace origine::api
