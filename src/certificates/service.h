// origine/certificates/service.h — applications, their workflow, and issued
// certificates.
//
// Workflow: draft → submitted → approved → issued, with submitted → returned
// → submitted for corrections. Who may do what:
//   exporter  create, update (draft|returned), submit — own company only
//   agent     approve or return a submitted application
//   signatory sign an approved application it did not approve (four eyes)
//   admin     read everything
// An exporter asking for another company's object gets kNotFound, never
// kPermissionDenied, so ids do not leak. Every transition writes an
// application event and an audit event in the same transaction.
//
// Payment: a submitted application is where the payments module will insert
// "awaiting payment" (see docs/ARCHITECTURE.md); until then every
// application reports payment status "not_required".
//
// Thread-safety: safe to share; each call runs its own transaction.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/context.h"
#include "core/result.h"
#include "storage/db.h"
#include "tlog/log.h"
#include "trust/key_store.h"
#include "trust/verify.h"

namespace origine::certificates {

struct IssuerConfig {
  std::string country = "ML";  // first part of certificate numbers, issuer of QR claims
  std::string name = "Agence pour la promotion des exportations du Mali (APEX-Mali)";
};

class ApplicationService {
 public:
  // `signer` and `log` must outlive the service; `signer` signs every
  // certificate issued and `log` receives its "issue" leaf.
  ApplicationService(storage::Db& db, const Clock& clock, const trust::ActiveSigner& signer, const tlog::Log& log,
                     IssuerConfig issuer)
      : db_(db), clock_(clock), signer_(signer), log_(log), issuer_(std::move(issuer)) {}

  Result<boost::json::object> Create(const Principal& who, const boost::json::value& input, const RequestMeta& meta);
  Result<boost::json::object> Update(const Principal& who, int64_t id, const boost::json::value& input,
                                     const RequestMeta& meta);
  // The origin calculator on an unsaved application (exporter only; no state
  // change): {regime, origin: [verdict per line], submittable, refusals}.
  Result<boost::json::object> Evaluate(const Principal& who, const boost::json::value& input);
  Result<boost::json::object> Get(const Principal& who, int64_t id);
  // Newest first; `status` filters when set.
  Result<boost::json::array> List(const Principal& who, const std::optional<std::string>& status);
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
  Result<boost::json::object> Sign(const Principal& who, int64_t id, const RequestMeta& meta);

 private:
  Result<boost::json::object> Transition(const Principal& who, int64_t id, const char* action,
                                         const std::string& comment, const RequestMeta& meta);

  storage::Db& db_;
  const Clock& clock_;
  const trust::ActiveSigner& signer_;
  const tlog::Log& log_;
  IssuerConfig issuer_;
};

// What verification found, with the certificate's public data when readable.
struct Verification {
  trust::VerifyStatus status = trust::VerifyStatus::kMalformed;
  bool not_found = false;  // a number that no certificate has
  std::string reason;      // English, technical
  std::optional<trust::Claims> claims;
};

class CertificateService {
 public:
  CertificateService(storage::Db& db, const Clock& clock, std::vector<trust::TrustEntry> trust_list,
                     IssuerConfig issuer)
      : db_(db), clock_(clock), trust_(std::move(trust_list)), issuer_(std::move(issuer)) {}

  Result<boost::json::array> List(const Principal& who);
  Result<boost::json::object> Get(const Principal& who, const std::string& number);
  // PDF bytes of the certificate (rendered on demand from the stored document).
  Result<std::string> Pdf(const Principal& who, const std::string& number);

  // Operator access (CLI): no principal, everything visible.
  Result<std::vector<std::string>> AllNumbers();
  Result<std::string> QrText(const std::string& number);
  Result<std::string> PdfForOperator(const std::string& number);

  // Public verification of a QR text, or of a certificate number (online).
  Verification VerifyQr(const std::string& qr_text);
  Verification VerifyNumber(const std::string& number);

  const std::vector<trust::TrustEntry>& trust_list() const { return trust_; }

 private:
  Result<std::string> RenderPdf(const std::string& number, const std::optional<Principal>& who);

  storage::Db& db_;
  const Clock& clock_;
  std::vector<trust::TrustEntry> trust_;
  IssuerConfig issuer_;
};

}  // namespace origine::certificates
