// origine/trust/verify.h — offline verification of a CO1: QR text against a
// trust list.
//
// Pipeline (each stage's failure is named in VerifyOutcome::reason):
//   trim → "CO1:" prefix → length cap → strict Base45 → zlib (output cap) →
//   COSE_Sign1 parse → alg ES256 in the protected header → kid →
//   signature with every trust entry whose kid matches (kids may collide) →
//   claims decoding (only after a good signature) → signer revocation →
//   time checks.
// The fast path takes a TrustStore (keys parsed once per trust-list version);
// the overload taking a vector parses the list on every call.
// Thread-safety: safe to call concurrently (the store is immutable).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trust/claims.h"
#include "trust/trust_list.h"
#include "trust/trust_store.h"

namespace origine::trust {

// Longest QR text accepted, after trimming (a version-40 QR holds 4296
// alphanumeric characters).
inline constexpr size_t kMaxQrTextLength = 4296;
// Largest decompressed COSE message accepted.
inline constexpr size_t kMaxCoseSize = 16384;
// Tolerated clock skew for issued_at in the future.
inline constexpr int64_t kClockSkewSeconds = 300;

enum class VerifyStatus { kValid, kMalformed, kUnknownSigner, kBadSignature, kExpired, kNotYetValid, kRevoked };

// "valid", "malformed", "unknown_signer", "bad_signature", "expired",
// "not_yet_valid", "revoked".
std::string_view ToString(VerifyStatus status);

struct VerifyOutcome {
  VerifyStatus status = VerifyStatus::kMalformed;
  std::string reason;            // English: which stage failed and why ("" when valid)
  std::optional<Claims> claims;  // set once the signature is good and the claims decode
  Bytes kid;                     // the kid from the message, once parsed
  // Set (with status kRevoked) when the signer that verified the signature
  // was removed from the trust list: everything it signed is revoked.
  std::optional<SignerRevocation> signer_revocation;
};

// Never fails as such: every outcome, including garbage input, is a
// VerifyOutcome. A good signature by a revoked signer gives kRevoked, before
// any time rule. Time rules (now_unix in seconds):
//   expired        now > expires_at; or expires_at > signer certificate
//                  not_after; or now > certificate not_after
//   not_yet_valid  now < issued_at - kClockSkewSeconds; or now < certificate
//                  not_before
VerifyOutcome VerifyQrText(std::string_view text, const TrustStore& trust, int64_t now_unix);
// Convenience: builds a TrustStore from `trust` for this one call.
VerifyOutcome VerifyQrText(std::string_view text, const std::vector<TrustEntry>& trust, int64_t now_unix);

}  // namespace origine::trust
