// origine/trust/base64.h — standard Base64 (RFC 4648 §4, with padding).
//
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "trust/bytes.h"

namespace origine::trust {

// Standard alphabet, '=' padding. Never fails.
std::string Base64Encode(std::span<const uint8_t> data);

// Strict decoding of the standard alphabet with mandatory padding: no
// whitespace, no URL-safe characters, non-zero unused bits rejected.
// Fails with kInvalidArgument.
Result<Bytes> Base64Decode(std::string_view text);

}  // namespace origine::trust
