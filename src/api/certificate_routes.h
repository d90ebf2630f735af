// origine/api/certificate_routes.h — issued certificates (who: the
// authorization table, api/authz_table.cc; the services scope by company:
// another company's certificate is 404):
//   GET  /api/v1/certificates                   list (paging by cursor; default and maximum 500)
//   GET  /api/v1/certificates/{number}
//   POST /api/v1/certificates/{number}/revoke   {reason} (signatory, admin)
//   POST /api/v1/certificates/{number}/amend    {kind?: amendment|duplicate} → 201, the new
//                                               application (exporter: own; agent)
//   GET  /api/v1/certificates/{number}/pdf      the PDF (attachment, no-store)
// Public verification is in verify_routes.h.
#pragma once

#include "api/route.h"
#include "certificates/service.h"

namespace origine::api {

// Both services must outlive the routes.
void AddCertificateRoutes(const AddRoute& add, certificates::ApplicationService& applications,
                          certificates::CertificateService& certificates);

}  // namespace origine::api
