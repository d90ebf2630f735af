// origine/trust/qr.h — builds the text of a CO1: QR code:
//   "CO1:" + Base45(zlib(COSE_Sign1(EncodeClaims(claims))))
// (docs/formats/qr-payload.md). The text uses only the QR alphanumeric set.
//
// Thread-safety: pure; only reads the key.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "trust/claims.h"
#include "trust/keys.h"

namespace origine::trust {

inline constexpr std::string_view kQrPrefix = "CO1:";

// Signs `claims` with `key` under `kid` (KidOf the key's certificate) and
// returns the QR text. Fails only if signing fails (kInternal), or with
// kInvalidArgument if `kid` is empty.
Result<std::string> MakeQrText(const Claims& claims, const Signer& key, std::span<const uint8_t> kid);

}  // namespace origine::trust
