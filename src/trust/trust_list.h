// origine/trust/trust_list.h — the JSON trust list of document-signer
// certificates, shaped like the EU DCC trust lists:
//   {"version":1,"certificates":[{"kid":"<base64>","certificate":"<base64 DER>"}]}
// (standard Base64 with padding).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trust/bytes.h"

namespace origine::trust {

// A document signer removed from the trust list: it stays listed so that
// verification can say "revoked" (with the date and reason) rather than
// "unknown signer". Everything it signed is revoked.
struct SignerRevocation {
  int64_t revoked_at = 0;  // unix seconds
  std::string reason;      // free text shown to verifiers, e.g. "key compromise"
  bool operator==(const SignerRevocation&) const = default;
};

struct TrustEntry {
  Bytes kid;              // KidOf(certificate_der)
  Bytes certificate_der;  // X.509 document-signer certificate
  std::optional<SignerRevocation> revocation;  // set when the signer was removed
};

// Serializes `entries` in order. Never fails.
std::string TrustListToJson(const std::vector<TrustEntry>& entries);

// Parses a trust list. Fails with kInvalidArgument (message names the entry
// and field) on invalid JSON, a version other than 1, a missing or non-string
// field, bad Base64, a certificate that does not parse, or a kid that is not
// KidOf(certificate). Unknown fields are ignored. Never throws.
Result<std::vector<TrustEntry>> TrustListFromJson(std::string_view json);

}  // namespace origine::trust
