#include "certificates/internal/access.h"

namespace origine::certificates::internal {
namespace {

Error NoApplication(int64_t id) {
  return Error::NotFound("application.not_found"_code, "no application " + std::to_string(id))
      .With("id", std::to_string(id));
}

Error NoCertificate(const std::string& number) {
  return Error::NotFound("certificate.not_found"_code, "no certificate " + number).With("number", number);
}

}  // namespace

bool IsStaff(const Principal& who) { return who.role != Role::kExporter; }

bool CanSee(const Principal& who, int64_t company_id) {
  return IsStaff(who) || (who.company_id && *who.company_id == company_id);
}

Result<ApplicationRecord> LoadVisibleApplication(storage::Tx& tx, const Principal& who, int64_t id) {
  ASSIGN_OR_RETURN(std::optional<ApplicationRecord> app, application_store::Find(tx, id));
  if (!app || !CanSee(who, app->company_id)) return NoApplication(id);
  return std::move(*app);
}

Result<CertificateRecord> LoadVisibleCertificate(storage::Tx& tx, const std::optional<Principal>& who,
                                                 const std::string& number) {
  ASSIGN_OR_RETURN(std::optional<CertificateRecord> cert, certificate_store::Find(tx, number));
  if (!cert || (who && !CanSee(*who, cert->company_id))) return NoCertificate(number);
  return std::move(*cert);
}

}  // namespace origine::certificates::internal
