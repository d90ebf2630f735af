// Amendment and duplicate: a new application that will replace an issued
// certificate once signed (signing.cc marks the predecessor replaced).
#include <boost/json.hpp>

#include "certificates/application_service.h"
#include "certificates/application_store.h"
#include "certificates/certificate_store.h"
#include "certificates/internal/access.h"
#include "certificates/internal/history.h"
#include "certificates/internal/views.h"

namespace origine::certificates {
namespace json = boost::json;

Result<json::object> ApplicationService::StartAmendment(const Principal& who, const std::string& number,
                                                        const std::string& kind, const RequestMeta& meta) {
  if (kind != "amendment" && kind != "duplicate")
    return Error::Invalid("amendment.kind"_code, "the kind must be amendment or duplicate",
                          {{"kind", "amendment.kind"_code, "must be \"amendment\" or \"duplicate\""}});
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(CertificateRecord cert, internal::LoadVisibleCertificate(*tx, who, number));
  if (cert.revoked_at)
    return Error::Conflict("certificate.revoked"_code,
                           "certificate " + number + " is revoked: it cannot be amended; apply for a new certificate")
        .With("number", number);
  if (cert.successor)
    return Error::Conflict("certificate.replaced"_code,
                           "certificate " + number + " was already replaced by " + *cert.successor)
        .With("number", number)
        .With("successor", *cert.successor);
  ASSIGN_OR_RETURN(std::optional<int64_t> pending, application_store::FindSuccessorApplication(*tx, number));
  if (pending)
    return Error::Conflict("amendment.pending"_code,
                           "application " + std::to_string(*pending) + " already amends or duplicates " + number)
        .With("application", std::to_string(*pending))
        .With("number", number);
  ASSIGN_OR_RETURN(ApplicationRecord original, internal::LoadVisibleApplication(*tx, who, cert.application_id));
  ASSIGN_OR_RETURN(int64_t id, application_store::Insert(*tx, {.company_id = original.company_id,
                                                               .regime = original.regime,
                                                               .data = original.data,
                                                               .created_by = who.user_id,
                                                               .at = now,
                                                               .kind = kind,
                                                               .predecessor = number}));
  RETURN_IF_ERROR(internal::RecordEvent(
      *tx, who, meta, now, id, "create", "",
      json::serialize(json::object{{"status", {{"before", ""}, {"after", StatusName(ApplicationStatus::kDraft)}}},
                                   {"kind", kind},
                                   {"predecessor", number}})));
  ASSIGN_OR_RETURN(ApplicationRecord app, internal::LoadVisibleApplication(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, internal::ApplicationJson(*tx, app, {*regimes_, FormatUtc(now, true), gate_}));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace origine::certificates
