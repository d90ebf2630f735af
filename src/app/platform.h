// origine/app/platform.h — wires the real implementations together for one
// data directory: SQLite database, key store, services. Used by `serve` and
// by every operator command, so they all see the same state.
#pragma once

#include <memory>

#include "app/config.h"
#include "certificates/service.h"
#include "core/clock.h"
#include "identity/identity_service.h"
#include "storage/db.h"
#include "trust/key_store.h"

namespace origine::app {

struct Platform {
  Config config;
  SystemClock clock;
  std::unique_ptr<storage::Db> db;
  std::unique_ptr<trust::FileKeyStore> keys;
  std::unique_ptr<trust::ActiveSigner> signer;
  std::unique_ptr<identity::IdentityService> identity;
  std::unique_ptr<certificates::ApplicationService> applications;
  std::unique_ptr<certificates::CertificateService> certificates;
};

// Creates the data directory (0700) if needed, opens and migrates the
// database, loads (or on first start creates) the development signing keys.
Result<std::unique_ptr<Platform>> OpenPlatform(const Config& config);

// Seeds the demo companies, accounts and a few certificates. Idempotent.
Status SeedDemo(Platform& platform);

}  // namespace origine::app
