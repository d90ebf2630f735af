// origine/certificates/application_service.h — applications and their
// workflow (certificates/workflow.h), the signing of certificates, their
// amendment and revocation.
//
// Who may call what is the API's authorization table (src/api/authz_table.cc);
// this service keeps the domain rules: the workflow (workflow.h: states, and
// the one role that takes each action), four eyes (the signatory never the
// agent who approved), and company scoping: a principal of a company (an
// exporter) reaches that company's applications and certificates only, staff
// reach all.
// An application has a kind: "issue", or "amendment"/"duplicate" of an
// issued certificate (its predecessor). Signing an amendment or duplicate
// marks the predecessor replaced, with the new number as its successor.
// An exporter asking for another company's object gets kNotFound
// ("application.not_found", "certificate.not_found"), never
// kPermissionDenied, so ids do not leak. Every transition writes an
// application event and an audit event in the same transaction.
// Payment: see certificates/payment_gate.h.
//
// Thread-safety: safe to share; each call runs its own transaction.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "certificates/payment_gate.h"
#include "certificates/regimes.h"
#include "certificates/workflow.h"
#include "core/clock.h"
#include "core/context.h"
#include "core/paging.h"
#include "core/result.h"
#include "pki/key_manager.h"
#include "storage/db.h"
#include "tlog/log.h"

namespace origine::certificates {

struct IssuerConfig {
  std::string country = "ML";  // first part of certificate numbers, issuer of QR claims
  std::string name = "Agence pour la promotion des exportations du Mali (APEX-Mali)";
};

class ApplicationService {
 public:
  // `regimes` are those applications may name (never null). `signers` and
  // `log` must outlive the service; the signer active at the time of each
  // signing (read in its transaction) signs the certificate and `log`
  // receives its "issue" leaf.
  ApplicationService(storage::Db& db, const Clock& clock, RegimeSetPtr regimes, pki::SignerSource& signers,
                     const tlog::Log& log, IssuerConfig issuer);

  // The regimes this service was given (for the routes that list them).
  const RegimeSetPtr& regimes() const { return regimes_; }

  Result<boost::json::object> Create(const Principal& who, const boost::json::value& input, const RequestMeta& meta);
  Result<boost::json::object> Update(const Principal& who, int64_t id, const boost::json::value& input,
                                     const RequestMeta& meta);
  // The origin calculator on an unsaved application, with the products of
  // the principal's company (a principal without a company: kPermissionDenied
  // "application.forbidden"; no state change):
  // {regime, origin: [verdict per line], submittable, refusals}.
  Result<boost::json::object> Evaluate(const Principal& who, const boost::json::value& input);
  Result<boost::json::object> Get(const Principal& who, int64_t id);
  // One page, most recently updated first (keyset on updated_at, id; core/paging.h):
  // {items, next_cursor}. Exporters see their company's only; `status` (a
  // status name, workflow.h) filters when set. A bad cursor: kBadRequest. An
  // application updated while a client pages moves to the top: a walk in
  // progress may miss it (start again to see it).
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
  // certificate ("certificate.signer_regime", "certificate.signer_expires").
  Result<boost::json::object> Sign(const Principal& who, int64_t id, const RequestMeta& meta);

  // Starts a corrected application ("amendment") or a "duplicate" from the
  // issued certificate `number`: a draft with the predecessor's application
  // data, owned by the certificate's company, which then goes through the
  // normal workflow. An exporter asking for another company's certificate
  // gets kNotFound. Fails with kInvalidArgument for another kind
  // ("amendment.kind"), kConflict when the certificate is revoked
  // ("certificate.revoked"), already replaced ("certificate.replaced"), or has
  // an amendment or duplicate in progress ("amendment.pending").
  Result<boost::json::object> StartAmendment(const Principal& who, const std::string& number, const std::string& kind,
                                             const RequestMeta& meta);

  // Revokes the certificate `number`: records the
  // date, the reason (required, 1..500 characters, else kInvalidArgument
  // "reason.required" / "reason.too_long") and who, appends a "revoke" leaf
  // {number, SHA-256 of its COSE message, time} and an audit event in one
  // transaction. kNotFound for an unknown number, kConflict
  // "certificate.revoked" when already revoked. Returns the certificate as
  // CertificateService::Get does.
  Result<boost::json::object> RevokeCertificate(const Principal& who, const std::string& number,
                                                const std::string& reason, const RequestMeta& meta);

  // Installs the payments module (before serving; not thread-safe). `gate`
  // must outlive the service.
  void SetPaymentGate(PaymentGate* gate) { gate_ = gate; }

 private:
  // submit, approve, return.
  Result<boost::json::object> Transition(const Principal& who, int64_t id, ApplicationAction action,
                                         const std::string& comment, const RequestMeta& meta);
  std::string Today() const;

  storage::Db& db_;
  const Clock& clock_;
  RegimeSetPtr regimes_;
  pki::SignerSource& signers_;
  const tlog::Log& log_;
  IssuerConfig issuer_;
  PaymentGate* gate_ = nullptr;
};

}  // namespace origine::certificates
