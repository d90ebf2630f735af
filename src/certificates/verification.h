// origine/certificates/verification.h — the outcome of verifying a
// certificate of origin, offline (QR text + trust list) or online (also the
// stored certificate: its revocation, its successor, its full document), and
// its JSON form: one object for POST /api/v1/verify and `origine verify
// --json` (docs/formats/verification.md).
//
// Thread-safety: pure functions over plain values.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "trust/verify.h"

namespace origine::certificates {

// Every outcome, each distinct (docs/formats/verification.md gives the order
// in which they are decided).
enum class Outcome {
  kValid,
  kRevoked,  // signer removed from the trust list, or the certificate revoked (online)
  kAmended,  // replaced by a corrected certificate or a duplicate (online)
  kExpired,
  kNotYetValid,
  kUnknownSigner,
  kBadSignature,
  kMalformed,
  kNotFound,          // a number no certificate has (online)
  kDocumentMismatch,  // stored document's SHA-256 differs from the QR's document_hash (online)
};

// "valid", "revoked", "amended", "expired", "not_yet_valid", "unknown_signer",
// "bad_signature", "malformed", "not_found", "document_mismatch".
std::string_view ToString(Outcome outcome);

struct Revocation {
  int64_t at = 0;  // unix seconds
  std::string reason;
  std::string scope;  // "signer" | "certificate"
};

struct Successor {
  std::string number;
  std::string kind;  // "amendment" | "duplicate"
};

struct Verification {
  Outcome status = Outcome::kMalformed;
  std::string reason;  // English, technical; "" when valid
  std::optional<trust::Claims> claims;
  std::optional<Revocation> revocation;
  std::optional<Successor> successor;
  bool document_checked = false;       // online, when the stored document was found
  bool document_hash_matches = false;  // meaningful only when document_checked
};

// The offline part: maps a trust::VerifyOutcome (a revoked signer becomes a
// revocation of scope "signer").
Verification FromOffline(trust::VerifyOutcome outcome);

// French and English sentences for a person (the /verify page, the CLI).
std::string_view MessageFr(Outcome outcome);
std::string_view MessageEn(Outcome outcome);

// {valid, status, message_fr, message_en, reason, certificate?, revocation?,
//  successor?, document} — `log` is added by the caller when it has a proof.
boost::json::object VerificationToJson(const Verification& v);

// The public claims of a certificate as JSON (the "certificate" member).
boost::json::object ClaimsToJson(const trust::Claims& c);

}  // namespace origine::certificates
