// origine/api/trust_routes.h — the trust list's public routes
// (docs/formats/trust-list.md):
//   GET /api/v1/trust-list                 latest signed version
//   GET /api/v1/trust-list/versions        every version, newest first
//   GET /api/v1/trust-list/versions/{n}    version n, byte for byte as published
//   GET /api/v1/trust-list/root            the root certificate to pin
// All public (no session): they only publish public keys and certificates.
#pragma once

#include "api/route.h"
#include "pki/key_manager.h"
#include "trust/trust_list.h"

namespace origine::api {

// `keys` and `trust` must outlive the routes.
void AddTrustRoutes(const AddRoute& add, pki::KeyManager& keys, trust::TrustListSource& trust);

}  // namespace origine::api
