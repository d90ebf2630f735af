// origine/api/application_routes.h — applications for a certificate (who:
// the authorization table, api/authz_table.cc; the service scopes by company:
// another company's application is 404; the workflow checks states and four eyes):
//   GET  /api/v1/applications                 list (?status=, paging by cursor; default and maximum 500)
//   POST /api/v1/applications                 create a draft (exporter) → 201 + Location
//   GET  /api/v1/applications/{id}
//   PUT  /api/v1/applications/{id}            edit a draft (exporter)
//   POST /api/v1/applications/{id}/submit     (exporter)
//   POST /api/v1/applications/{id}/approve    {comment?} (agent)
//   POST /api/v1/applications/{id}/return     {comment?} (agent)
//   POST /api/v1/applications/{id}/sign       (signatory who did not approve)
// The origin calculator and payments of an application are in
// registry_routes.h and payment_routes.h.
#pragma once

#include "api/route.h"
#include "certificates/service.h"

namespace origine::api {

// `applications` must outlive the routes.
void AddApplicationRoutes(const AddRoute& add, certificates::ApplicationService& applications);

}  // namespace origine::api
