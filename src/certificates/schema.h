// origine/certificates/schema.h — the tables of this module (schema.cc):
// application_statuses, applications, application_events,
// certificate_sequences, certificates (docs/ARCHITECTURE.md, "Tables and owners").
#pragma once

#include <vector>

#include "storage/db.h"

namespace origine::certificates {

// Migration 70 (versions 71-79 are this module's for later changes).
const std::vector<storage::Migration>& CertificateMigrations();

}  // namespace origine::certificates
