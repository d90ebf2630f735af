// origine/trust/base45.h — Base45 (RFC 9285), the QR alphanumeric-friendly text
// encoding used by the CO1: payload.
//
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "trust/bytes.h"

namespace origine::trust {

// Encodes `data` (every 2 bytes become 3 characters, a last odd byte 2).
// Never fails.
std::string Base45Encode(std::span<const uint8_t> data);

// Strict RFC 9285 decoder. Fails with kInvalidArgument on a character outside
// the 45-character alphabet (lowercase included), a length ≡ 1 (mod 3), a
// 3-character group above 65535 or a final 2-character group above 255.
Result<Bytes> Base45Decode(std::string_view text);

}  // namespace origine::trust
