// origine/trust/cose.h — COSE_Sign1 (RFC 9052 §4.2) with ES256.
//
// Thread-safety: pure functions; SignSign1 only reads the key.
#pragma once

#include <cstdint>
#include <span>

#include "trust/bytes.h"
#include "trust/keys.h"

namespace origine::trust {

inline constexpr int64_t kCoseAlgEs256 = -7;
inline constexpr uint64_t kCoseSign1Tag = 18;
inline constexpr uint64_t kCwtTag = 61;

// Signs `payload` as a tagged COSE_Sign1 18([protected, {}, payload, sig]) with
// protected header {1: -7, 4: kid} in canonical form (a2 01 26 04 4x kid...),
// empty unprotected header and empty external AAD. Fails if signing fails.
Result<Bytes> SignSign1(std::span<const uint8_t> payload, const Signer& key, std::span<const uint8_t> kid);

struct Sign1 {
  Bytes protected_bstr;  // the protected header exactly as received (signed over)
  int64_t alg = 0;       // from the protected header only; 0 when absent there
  Bytes kid;             // protected kid, else unprotected kid, else empty
  Bytes payload;
  Bytes signature;
};

// Parses a COSE_Sign1, tagged 18, untagged, or wrapped in CWT tag 61 (as in
// the EU DCC). Fails with kInvalidArgument when the CBOR is not well-formed,
// has indefinite lengths or another tag, is not a 4-element array of the
// right types, when the payload is detached (nil), when the protected header
// is not a map or has duplicate labels, or when alg/kid have the wrong type.
// Does not verify anything.
Result<Sign1> ParseSign1(std::span<const uint8_t> cose);

// Sig_structure = ["Signature1", protected, external_aad, payload] in CBOR:
// the bytes that the signature covers. Never fails.
Bytes SigStructure(std::span<const uint8_t> protected_bstr, std::span<const uint8_t> external_aad,
                   std::span<const uint8_t> payload);

// True when `msg.alg` is ES256 (in the protected header) and its signature
// verifies over SigStructure(msg.protected_bstr, external_aad, msg.payload)
// with the P-256 key `spki_der`.
bool VerifySign1Es256(const Sign1& msg, std::span<const uint8_t> spki_der, std::span<const uint8_t> external_aad = {});

}  // namespace origine::trust
