// origine/api/registry_routes.h — the routes of the registry issue: regimes,
// origin calculator, company profile, products, approvals, HS nomenclature,
// countries and currencies (docs/formats/api.md, openapi.json).
//
// Who may call each route: its row in the authorization table
// (api/authz_table.cc). Another company's object is 404 (the services scope).
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
