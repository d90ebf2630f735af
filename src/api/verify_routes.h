// origine/api/verify_routes.h — public verification of a certificate:
//   POST /api/v1/verify   {qr} or {number} → the verification object
//                         (docs/formats/verification.md); for a certificate of
//                         this platform also "log": its issue leaf, the inclusion
//                         proof and the signed checkpoint it is proved against.
// Always 200 for a readable request, whatever the outcome; 422 for a bad body.
#pragma once

#include "api/route.h"
#include "certificates/service.h"
#include "storage/db.h"
#include "tlog/log.h"
#include "tlog/note.h"

namespace origine::api {

// Every reference must outlive the routes.
void AddVerifyRoutes(const AddRoute& add, storage::Db& db, certificates::CertificateService& certificates,
                     const tlog::Log& log, const tlog::NoteSigner& log_signer);

}  // namespace origine::api
