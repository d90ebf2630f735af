// origine/api/registry_routes.h — the routes of the registry issue: regimes,
// origin calculator, company profile, products, approvals, HS nomenclature,
// countries and currencies (docs/formats/api.md, openapi.json).
//
// Api::AddRoutes passes its route adder, wrapped so that the session, CSRF and
// problem-details middleware is the same for every route. Authorization rules
// (each route checks the role; another company's object is 404):
//   public   GET regimes, hs, countries, currencies
//   session  evaluate (exporter), company (exporter: own), companies (staff),
//            companies/{id}/status (admin), products (exporter: own; staff read),
//            products/{id}/approvals (exporter), approvals (staff), approvals/{id}/decide
//            (agent, admin)
#pragma once

#include <functional>
#include <string>

#include "certificates/service.h"
#include "core/clock.h"
#include "core/context.h"
#include "core/result.h"
#include "http/message.h"
#include "storage/db.h"

namespace origine::api {

struct RouteCtx {
  http::Request& req;
  const Principal* who;  // null on a public route without a session
  RequestMeta meta;
};
using RouteHandler = std::function<Result<http::Response>(RouteCtx&)>;
// add(method, path, session_required, handler)
using AddRoute = std::function<void(const char*, const char*, bool, RouteHandler)>;

// `db`, `clock` and `applications` must outlive the routes.
void AddRegistryRoutes(const AddRoute& add, storage::Db& db, const Clock& clock,
                       certificates::ApplicationService& applications);

}  // namespace origine::api
