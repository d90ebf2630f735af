// Verification online: the offline checks of a QR text against the trust
// store, then what only this platform knows about the certificate.
#include "certificates/certificate_service.h"
#include "certificates/certificate_store.h"
#include "core/encoding.h"
#include "trust/verify.h"

namespace origine::certificates {

Verification CertificateService::VerifyQr(const std::string& qr_text) {
  const std::shared_ptr<const trust::TrustStore> store = trust_store();
  Verification v = FromOffline(trust::VerifyQrText(qr_text, *store, clock_.NowUnix()));
  if (!v.claims) return v;  // malformed, unknown signer or bad signature: nothing to look up
  auto tx = db_.Begin(false);
  if (!tx) return v;
  auto found = certificate_store::Find(**tx, v.claims->number);
  if (!found || !*found) return v;  // a genuine signature on a number this platform never stored
  const CertificateRecord& c = **found;
  // The full document, hashed again now: the stored bytes must be those whose
  // SHA-256 the signer put in the QR.
  v.document_checked = true;
  v.document_hash_matches = encoding::Sha256Hex(c.document) == encoding::Hex(v.claims->document_hash);
  if (c.successor) v.successor = Successor{*c.successor, c.successor_kind};
  if (c.revoked_at) {
    v.status = Outcome::kRevoked;
    v.revocation = Revocation{*c.revoked_at, c.revocation_reason, "certificate"};
    v.reason = "certificate revoked: " + c.revocation_reason;
  } else if (v.status == Outcome::kRevoked) {
    // Signer revoked (from the offline check): keep it.
  } else if (v.successor) {
    v.status = Outcome::kAmended;
    v.reason = "replaced by " + v.successor->number + " (" + v.successor->kind + ")";
  } else if (!v.document_hash_matches) {
    v.status = Outcome::kDocumentMismatch;
    v.reason = "the SHA-256 of the stored document differs from the QR's document_hash";
  }
  return v;
}

Verification CertificateService::VerifyNumber(const std::string& number) {
  auto qr = QrText(number);
  if (!qr) {
    Verification v;
    v.status = Outcome::kNotFound;
    v.reason = "no certificate has this number";
    return v;
  }
  return VerifyQr(*qr);
}

}  // namespace origine::certificates
