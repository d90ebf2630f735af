// Signing and numbering: the approved application becomes a certificate in
// one transaction (number, document, COSE signature, QR, log leaf, audit).
#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>

#include "audit/audit.h"
#include "certificates/application_service.h"
#include "certificates/application_store.h"
#include "certificates/certificate_store.h"
#include "certificates/document.h"
#include "certificates/internal/access.h"
#include "certificates/internal/history.h"
#include "certificates/internal/views.h"
#include "core/encoding.h"
#include "identity/directory.h"
#include "trust/base45.h"
#include "trust/cose.h"
#include "trust/deflate.h"

namespace origine::certificates {
namespace json = boost::json;

namespace {

// "ML-ETLS-2026-000042".
std::string CertificateNumber(const std::string& issuer, const std::string& regime, int64_t year, int64_t serial) {
  char number[64];
  std::snprintf(number, sizeof number, "%s-%s-%04lld-%06lld", issuer.c_str(), regime.c_str(),
                static_cast<long long>(year), static_cast<long long>(serial));
  return number;
}

}  // namespace

Result<json::object> ApplicationService::Sign(const Principal& who, int64_t id, const RequestMeta& meta) {
  RETURN_IF_ERROR(CheckActor(who.role, ApplicationAction::kSign));
  const int64_t now = clock_.NowUnix();
  const std::string today = FormatUtc(now, true);
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(ApplicationRecord app, internal::LoadVisibleApplication(*tx, who, id));
  RETURN_IF_ERROR(CheckState(app.status, ApplicationAction::kSign));
  if (app.approved_by == who.user_id)
    return Error::Denied("application.four_eyes"_code,
                         "four eyes: the person who approved an application cannot also sign it");
  std::optional<RegimeInfo> regime = FindRegime(regimes_, app.regime, today);
  if (!regime)
    return Error::Conflict("certificate.regime_not_in_force"_code,
                           "the regime " + app.regime + " is not in force today")
        .With("regime", app.regime);
  int64_t last_day = 0;
  if (!ParseDate(origin::ValidUntil(*regime->regime, today), &last_day))
    return Error::Internal("no validity for regime " + app.regime);

  // Gapless: the counter moves in this transaction and rolls back with it.
  const int64_t year = std::stoll(today.substr(0, 4));
  ASSIGN_OR_RETURN(int64_t serial, certificate_store::NextSerial(*tx, issuer_.country, app.regime, year));
  const std::string number = CertificateNumber(issuer_.country, app.regime, year, serial);

  ASSIGN_OR_RETURN(identity::CompanyRecord company, identity::FindCompany(*tx, app.company_id));
  ASSIGN_OR_RETURN(json::object data, internal::ApplicationData(app));
  DocumentInput in{number,
                   *regime,
                   issuer_.country,
                   issuer_.name,
                   now,
                   last_day + 86399,
                   {company.name, company.nif, company.rccm, company.address},
                   std::move(data),
                   who.name,
                   app.id};
  const std::string document = BuildDocument(in);
  const std::string document_sha256 = encoding::Sha256Hex(document);
  // The claims carry the log index, and the leaf carries the hash of the
  // signed claims: the index is the current tree size, read under this write
  // transaction (which serialises appenders), and Append must return it.
  ASSIGN_OR_RETURN(uint64_t log_index, log_.Size(*tx));
  trust::Claims claims = ClaimsFromDocument(in, document_sha256);
  claims.log_index = static_cast<int64_t>(log_index);
  std::vector<uint8_t> payload = trust::EncodeClaims(claims);
  ASSIGN_OR_RETURN(pki::ActiveSigner signer, signers_.Active(*tx, now));
  if (std::find(signer.types.begin(), signer.types.end(), app.regime) == signer.types.end())
    return Error::Conflict("certificate.signer_regime"_code,
                           "the active document signer may not sign " + app.regime +
                               " certificates: rotate it with this type (origine keys rotate --types)")
        .With("regime", app.regime);
  if (in.expires_at > signer.not_after)
    return Error::Conflict("certificate.signer_expires"_code,
                           "the active document signer expires on " + FormatUtc(signer.not_after, true) +
                               ", before this certificate would: rotate it (origine keys rotate)")
        .With("date", FormatUtc(signer.not_after, true));
  ASSIGN_OR_RETURN(std::vector<uint8_t> cose, trust::SignSign1(payload, *signer.key, signer.kid));
  const std::string qr = "CO1:" + trust::Base45Encode(trust::ZlibCompress(cose));
  ASSIGN_OR_RETURN(uint64_t appended,
                   log_.Append(*tx, {tlog::Event::kIssue, number, tlog::Sha256(cose), in.issued_at}));
  if (appended != log_index)
    return Error::Unavailable("certificate.log_moved"_code, "the transparency log moved during signing; try again");

  const std::string kid = encoding::Base64(signer.kid);
  RETURN_IF_ERROR(
      certificate_store::Insert(*tx, {number, app.id, app.company_id, app.regime, in.issued_at, in.expires_at, document,
                                      document_sha256, cose, qr, kid, who.user_id, static_cast<int64_t>(log_index)}));
  ASSIGN_OR_RETURN(bool moved, application_store::MarkIssued(*tx, id, number, now));
  RETURN_IF_ERROR(internal::CheckMoved(moved, id));
  RETURN_IF_ERROR(internal::RecordEvent(
      *tx, who, meta, now, id, std::string(ActionName(ApplicationAction::kSign)), "",
      json::serialize(json::object{
          {"status", {{"before", StatusName(app.status)}, {"after", StatusName(ApplicationStatus::kIssued)}}},
          {"certificate_number", number},
          {"document_sha256", document_sha256}})));
  RETURN_IF_ERROR(audit::Record(
      *tx, who, meta, now,
      {"certificate.issue", "certificate", number,
       json::serialize(json::object{{"application_id", app.id}, {"kid", kid}, {"log_index", log_index}})}));
  if (!app.predecessor.empty()) {
    // An amendment or duplicate replaces its predecessor, in this transaction.
    ASSIGN_OR_RETURN(bool replaced, certificate_store::MarkReplaced(*tx, app.predecessor, number, now));
    if (!replaced)
      return Error::Conflict("certificate.replaced"_code, "certificate " + app.predecessor + " was already replaced")
          .With("number", app.predecessor);
    ASSIGN_OR_RETURN(uint64_t amend_index,
                     log_.Append(*tx, {tlog::Event::kAmend, app.predecessor, tlog::Sha256(cose), now}));
    RETURN_IF_ERROR(audit::Record(*tx, who, meta, now,
                                  {"certificate.replace", "certificate", app.predecessor,
                                   json::serialize(json::object{{"successor", {{"before", nullptr}, {"after", number}}},
                                                                {"kind", app.kind},
                                                                {"log_index", amend_index}})}));
  }
  ASSIGN_OR_RETURN(app, internal::LoadVisibleApplication(*tx, who, id));
  ASSIGN_OR_RETURN(json::object out, internal::ApplicationJson(*tx, app, {*regimes_, Today(), gate_}));
  RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace origine::certificates
