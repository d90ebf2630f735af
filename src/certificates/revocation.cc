// Revocation of an issued certificate: recorded, logged ("revoke" leaf) and
// audited in one transaction.
#include <boost/json.hpp>

#include "audit/audit.h"
#include "certificates/application_service.h"
#include "certificates/certificate_store.h"
#include "certificates/internal/access.h"
#include "certificates/internal/views.h"

namespace origine::certificates {
namespace json = boost::json;

namespace {

constexpr size_t kMaxReasonLength = 500;

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

Error AlreadyRevoked(const std::string& number) {
  return Error::Conflict("certificate.revoked"_code, "certificate " + number + " is already revoked")
      .With("number", number);
}

}  // namespace

Result<json::object> ApplicationService::RevokeCertificate(const Principal& who, const std::string& number,
                                                           const std::string& reason_in, const RequestMeta& meta) {
  const std::string reason = Trim(reason_in);
  if (reason.empty())
    return Error::Invalid("reason.required"_code, "say why the certificate is revoked",
                          {{"reason", "reason.required"_code, "is required"}});
  if (reason.size() > kMaxReasonLength)
    return Error::Invalid("reason.too_long"_code, "the reason is too long",
                          {{"reason", "reason.too_long"_code, "must have at most 500 characters",
                            ErrorParams{{"max", std::to_string(kMaxReasonLength)}}}});
  const int64_t now = clock_.NowUnix();
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(CertificateRecord cert, internal::LoadVisibleCertificate(*tx, who, number));
  if (cert.revoked_at) return AlreadyRevoked(number);
  ASSIGN_OR_RETURN(bool revoked, certificate_store::Revoke(*tx, number, now, who.user_id, reason));
  if (!revoked) return AlreadyRevoked(number);
  ASSIGN_OR_RETURN(std::vector<uint8_t> cose, certificate_store::Cose(*tx, number));
  ASSIGN_OR_RETURN(uint64_t log_index, log_.Append(*tx, {tlog::Event::kRevoke, number, tlog::Sha256(cose), now}));
  RETURN_IF_ERROR(
      audit::Record(*tx, who, meta, now,
                    {"certificate.revoke", "certificate", number,
                     json::serialize(json::object{
                         {"status", {{"before", cert.successor ? "replaced" : "issued"}, {"after", "revoked"}}},
                         {"reason", reason},
                         {"log_index", log_index}})}));
  ASSIGN_OR_RETURN(CertificateRecord after, internal::LoadVisibleCertificate(*tx, who, number));
  internal::CompanyNames companies;
  ASSIGN_OR_RETURN(std::string company_name, companies.Of(*tx, after.company_id));
  json::object out = internal::CertificateJson(after, company_name);
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace origine::certificates
