// origine/certificates/service.h — applications, their workflow, and issued
// certificates.
//
// Workflow: draft → submitted → approved → issued, with submitted → returned
// → submitted for corrections. Who may do what:
//   exporter  create, update (draft|returned), submit — own company only;
//             start an amendment or duplicate of an issued certificate
//   agent     approve or return a submitted application; start an
//             amendment or duplicate on an exporter's behalf
//   signatory sign an approved application it did not approve (four eyes);
//             revoke a certificate
//   admin     read everything; revoke a certificate
// An application has a kind: "issue", or "amendment"/"duplicate" of an
// issued certificate (its predecessor). Signing an amendment or duplicate
// marks the predecessor replaced, with the new number as its successor.
// An exporter asking for another company's object gets kNotFound, never
// kPermissionDenied, so ids do not leak. Every transition writes an
// application event and an audit event in the same transaction.
//
// Payment: with a PaymentGate (the payments module), submit moves an
// application that owes a fee to "awaiting_payment"; the payments module moves
// it on to "submitted" with MarkPaid, in the transaction that records the
// provider's confirmed success. Without a gate (unit tests of this module),
// nothing is owed and applications report payment status "not_required".
//
// Thread-safety: safe to share; each call runs its own transaction.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "certificates/verification.h"
#include "core/clock.h"
#include "core/context.h"
#include "core/paging.h"
#include "core/result.h"
#include "pki/key_manager.h"
#include "storage/db.h"
#include "tlog/log.h"
#include "trust/trust_list.h"
#include "trust/trust_store.h"
#include "trust/verify.h"

namespace origine::certificates {

struct IssuerConfig {
  std::string country = "ML";  // first part of certificate numbers, issuer of QR claims
  std::string name = "Agence pour la promotion des exportations du Mali (APEX-Mali)";
};

// What the workflow asks of the payments module. Called inside the caller's
// transaction; implementations only read.
class PaymentGate {
 public:
  virtual ~PaymentGate() = default;
  // The amount (whole XOF) still to pay before the application may be
  // reviewed: 0 when it is paid already or when its regime charges no fee.
  virtual Result<int64_t> AmountDue(storage::Tx& tx, int64_t application_id, const std::string& regime,
                                    int64_t now) = 0;
  // The "payment" member of the application JSON.
  virtual Result<boost::json::object> View(storage::Tx& tx, int64_t application_id, const std::string& status) = 0;
};

// awaiting_payment -> submitted, in the caller's transaction (compare-and-set:
// kConflict when the application is not awaiting payment), with an
// application event "payment" attributed to `payer` (the user who paid) and
// an audit event "application.payment" by the system naming `reference`.
Status MarkPaid(storage::Tx& tx, int64_t application_id, int64_t payer_user_id, const std::string& reference,
                int64_t now);

class ApplicationService {
 public:
  // `signers` and `log` must outlive the service; the signer active at the
  // time of each signing (read in its transaction) signs the certificate and
  // `log` receives its "issue" leaf.
  ApplicationService(storage::Db& db, const Clock& clock, pki::SignerSource& signers, const tlog::Log& log,
                     IssuerConfig issuer)
      : db_(db), clock_(clock), signers_(signers), log_(log), issuer_(std::move(issuer)) {}

  Result<boost::json::object> Create(const Principal& who, const boost::json::value& input, const RequestMeta& meta);
  Result<boost::json::object> Update(const Principal& who, int64_t id, const boost::json::value& input,
                                     const RequestMeta& meta);
  // The origin calculator on an unsaved application (exporter only; no state
  // change): {regime, origin: [verdict per line], submittable, refusals}.
  Result<boost::json::object> Evaluate(const Principal& who, const boost::json::value& input);
  Result<boost::json::object> Get(const Principal& who, int64_t id);
  // One page, most recently updated first (keyset on updated_at, id; core/paging.h):
  // {items, next_cursor}. Exporters see their company's only; `status` filters
  // when set. A bad cursor: kBadRequest. An application updated while a client
  // pages moves to the top: a walk in progress may miss it (start again to see it).
  Result<boost::json::object> List(const Principal& who, const std::optional<std::string>& status,
                                   const PageRequest& page);
  Result<boost::json::object> Submit(const Principal& who, int64_t id, const RequestMeta& meta);
  Result<boost::json::object> Approve(const Principal& who, int64_t id, const std::string& comment,
                                      const RequestMeta& meta);
  Result<boost::json::object> Return(const Principal& who, int64_t id, const std::string& comment,
                                     const RequestMeta& meta);
  // Assigns the next gapless number, signs the QR payload (whose claims carry
  // the certificate's transparency-log index), appends the "issue" leaf
  // {number, SHA-256 of the COSE message, time} to the log and stores the
  // certificate with its log index, all in one transaction: a certificate is
  // never reported issued before its leaf is committed.
  // When the application is an amendment or duplicate, also marks its
  // predecessor replaced (successor = the new number) and appends an "amend"
  // leaf {predecessor number, SHA-256 of the new COSE message, time}, in the
  // same transaction.
  // Fails with kUnavailable when there is no usable active signer, kConflict
  // when the active signer may not sign this regime or expires before the
  // certificate.
  Result<boost::json::object> Sign(const Principal& who, int64_t id, const RequestMeta& meta);

  // Starts a corrected application ("amendment") or a "duplicate" from the
  // issued certificate `number`: a draft with the predecessor's application
  // data, owned by the certificate's company, which then goes through the
  // normal workflow. Exporter (own company's certificates; another
  // company's is kNotFound) or agent; other roles kPermissionDenied. Fails
  // with kInvalidArgument for another kind, kConflict when the certificate is
  // revoked, already replaced, or has an amendment or duplicate in progress.
  Result<boost::json::object> StartAmendment(const Principal& who, const std::string& number, const std::string& kind,
                                             const RequestMeta& meta);

  // Revokes the certificate `number` (admin or signatory; others
  // kPermissionDenied before any lookup): records the date, the reason
  // (required, 1..500 characters, else kInvalidArgument) and who, appends a
  // "revoke" leaf {number, SHA-256 of its COSE message, time} and an audit
  // event in one transaction. kNotFound for an unknown number, kConflict when
  // already revoked. Returns the certificate as CertificateService::Get does.
  Result<boost::json::object> RevokeCertificate(const Principal& who, const std::string& number,
                                                const std::string& reason, const RequestMeta& meta);

  // Installs the payments module (before serving; not thread-safe). `gate`
  // must outlive the service.
  void SetPaymentGate(PaymentGate* gate) { gate_ = gate; }

 private:
  Result<boost::json::object> Transition(const Principal& who, int64_t id, const char* action,
                                         const std::string& comment, const RequestMeta& meta);

  storage::Db& db_;
  const Clock& clock_;
  pki::SignerSource& signers_;
  const tlog::Log& log_;
  IssuerConfig issuer_;
  PaymentGate* gate_ = nullptr;
};

class CertificateService {
 public:
  // `trust` (the current trust list, re-read when a new version is
  // published) must outlive the service.
  CertificateService(storage::Db& db, const Clock& clock, trust::TrustListSource& trust, IssuerConfig issuer)
      : db_(db), clock_(clock), source_(trust), issuer_(std::move(issuer)) {}

  // One page, newest first (keyset on issued_at, number; core/paging.h):
  // {items, next_cursor}. Exporters see their company's only. A bad cursor: kBadRequest.
  Result<boost::json::object> List(const Principal& who, const PageRequest& page);
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

// Migrations of this module (versions 400-419): application kind and
// predecessor, certificate revocation and successor.
const std::vector<storage::Migration>& CertificateMigrations();

}  // namespace origine::certificates
