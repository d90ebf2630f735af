// origine/trust/base64.h — standard Base64 (RFC 4648 §4, with padding) and
// base64url (§5, without padding).
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

// Base64url without padding (RFC 4648 §5, as in JWS). Never fails.
std::string Base64UrlEncode(std::span<const uint8_t> data);

// Strict base64url without padding: no '=', '+', '/' or whitespace, no
// impossible length, non-zero unused bits rejected. Fails with kInvalidArgument.
Result<Bytes> Base64UrlDecode(std::string_view text);

}  // namespace origine::trust
