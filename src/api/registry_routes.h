// origine/api/registry_routes.h — the routes of the registry issue: regimes,
// origin calculator, company profile, products, approvals, HS nomenclature,
// countries and currencies (docs/formats/api.md, openapi.json).
//
// Authorization rules (each route checks the role; another company's object is 404):
//   public   GET regimes, hs, countries, currencies
//   session  evaluate (exporter), company (exporter: own), companies (staff),
//            companies/{id}/status (admin), products (exporter: own; staff read),
//            products/{id}/approvals (exporter), approvals (staff), approvals/{id}/decide
//            (agent, admin)
#pragma once

#include "api/route.h"
#include "certificates/service.h"
#include "core/clock.h"
#include "storage/db.h"

namespace origine::api {

// `db`, `clock` and `applications` must outlive the routes.
void AddRegistryRoutes(const AddRoute& add, storage::Db& db, const Clock& clock,
                       certificates::ApplicationService& applications);

}  // namespace origine::api
