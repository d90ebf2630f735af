#include "app/schema.h"

#include "audit/audit.h"
#include "certificates/service.h"
#include "identity/identity_service.h"
#include "payments/payments.h"
#include "pki/key_manager.h"
#include "registry/registry.h"
#include "tlog/log.h"

namespace origine::app {

std::vector<storage::Migration> AllMigrations() {
  std::vector<storage::Migration> all;
  for (const auto* list : {&audit::AuditMigrations(), &tlog::TlogMigrations(), &registry::RegistryMigrations(),
                           &identity::IdentityMigrations(), &pki::PkiMigrations(),
                           &certificates::CertificateMigrations(), &payments::PaymentsMigrations()})
    all.insert(all.end(), list->begin(), list->end());
  return all;
}

}  // namespace origine::app
