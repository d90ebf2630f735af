// origine/api/log_routes.h — the transparency log, all public:
//   GET /log/checkpoint                 signed note over the current head (signed per request, no-store)
//   GET /log/tile/{path...}             C2SP tlog-tiles; full tiles immutable, partial ones no-store
//   GET /api/v1/log/key                 {origin, vkey}: the verifier key of the checkpoints
//   GET /api/v1/log/proof/inclusion     ?index=&size= (size defaults to the tree size)
//   GET /api/v1/log/proof/consistency   ?from=&to= (to defaults to the tree size)
#pragma once

#include "api/route.h"
#include "storage/db.h"
#include "tlog/log.h"
#include "tlog/note.h"

namespace origine::api {

// Every reference must outlive the routes.
void AddLogRoutes(const AddRoute& add, storage::Db& db, const tlog::Log& log, const tlog::NoteSigner& log_signer);

}  // namespace origine::api
