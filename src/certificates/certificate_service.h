// origine/certificates/certificate_service.h — issued certificates: listing,
// reading, their PDF, and their verification online (QR text or number).
// Issuing, amending and revoking are workflow steps (application_service.h).
//
// Thread-safety: safe to share; each call runs its own transaction; the
// trust store is swapped atomically.
#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "certificates/application_service.h"
#include "certificates/verification.h"
#include "core/clock.h"
#include "core/context.h"
#include "core/paging.h"
#include "core/result.h"
#include "storage/db.h"
#include "trust/trust_list.h"
#include "trust/trust_store.h"

namespace origine::certificates {

class CertificateService {
 public:
  // `trust` (the current trust list, re-read when a new version is
  // published) must outlive the service.
  CertificateService(storage::Db& db, const Clock& clock, trust::TrustListSource& trust, IssuerConfig issuer)
      : db_(db), clock_(clock), source_(trust), issuer_(std::move(issuer)) {}

  // One page, newest first (keyset on issued_at, number; core/paging.h):
  // {items, next_cursor}. Exporters see their company's only. A bad cursor: kBadRequest.
  Result<boost::json::object> List(const Principal& who, const PageRequest& page);
  // kNotFound "certificate.not_found" for an unknown number or another company's.
  Result<boost::json::object> Get(const Principal& who, const std::string& number);
  // PDF bytes of the certificate (rendered on demand from the stored document).
  Result<std::string> Pdf(const Principal& who, const std::string& number);

  // Operator access (CLI): no principal, everything visible.
  Result<std::vector<std::string>> AllNumbers();
  Result<std::string> QrText(const std::string& number);
  Result<std::string> PdfForOperator(const std::string& number);

  // Public verification of a QR text, or of a certificate number (online):
  // the offline checks against the current trust store, then, for a
  // certificate of this platform, its revocation, its successor and the
  // SHA-256 of its stored full document recomputed against the QR's
  // document_hash. Decision order: docs/formats/verification.md. Never fails:
  // a storage error is reported as the offline outcome with
  // document_checked = false.
  Verification VerifyQr(const std::string& qr_text);
  // kNotFound when no certificate has `number`, else VerifyQr of its QR text.
  Verification VerifyNumber(const std::string& number);

  // The current trust list (a copy) and its parsed form, rebuilt once per
  // version published by the source. SetTrustList replaces it (tests) until
  // the source publishes another version. Atomic for concurrent verifications.
  std::vector<trust::TrustEntry> trust_list() const { return trust_store()->entries(); }
  std::shared_ptr<const trust::TrustStore> trust_store() const;
  void SetTrustList(std::vector<trust::TrustEntry> entries, std::string version = "");

 private:
  Result<std::string> RenderPdf(const std::string& number, const std::optional<Principal>& who);

  storage::Db& db_;
  const Clock& clock_;
  trust::TrustListSource& source_;
  mutable std::mutex trust_mu_;
  mutable std::shared_ptr<const trust::TrustStore> trust_;        // guarded by trust_mu_
  mutable std::shared_ptr<const trust::TrustListSnapshot> seen_;  // the snapshot trust_ stands for
  IssuerConfig issuer_;
};

}  // namespace origine::certificates
