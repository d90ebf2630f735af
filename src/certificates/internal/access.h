// origine/certificates/internal/access.h — who sees which application and
// certificate: staff see everything, an exporter its company's only; anything
// else answers "not found", so ids do not leak. Private to src/certificates.
#pragma once

#include <optional>
#include <string>

#include "certificates/application_store.h"
#include "certificates/certificate_store.h"
#include "core/context.h"
#include "core/result.h"
#include "storage/db.h"

namespace origine::certificates::internal {

bool IsStaff(const Principal& who);
// May `who` see objects of `company_id`?
bool CanSee(const Principal& who, int64_t company_id);

// The application `id` if `who` may see it, else "application.not_found".
Result<ApplicationRecord> LoadVisibleApplication(storage::Tx& tx, const Principal& who, int64_t id);
// The certificate `number` if `who` may see it (no principal: the operator sees
// everything), else "certificate.not_found".
Result<CertificateRecord> LoadVisibleCertificate(storage::Tx& tx, const std::optional<Principal>& who,
                                                 const std::string& number);

}  // namespace origine::certificates::internal
