// origine/core/encoding.h — the one set of byte/text codecs of Origine:
// Base64 (RFC 4648 §4, padded), base64url (§5, unpadded, as in JWS), lower-case
// hex, and SHA-256 (raw and hex). Built on libsodium; every decoder is strict
// (no whitespace, no other alphabet, canonical: non-zero unused bits refused).
//
//   std::string b64 = encoding::Base64(bytes);
//   Result<encoding::Bytes> back = encoding::FromBase64(b64);
//   std::string digest = encoding::Sha256Hex("text");
//
// Thread-safety: pure functions. Failure: decoders return kInvalidArgument with
// the code "encoding.base64", "encoding.base64url" or "encoding.hex".
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace origine::encoding {

using Bytes = std::vector<uint8_t>;
using Sha256Digest = std::array<uint8_t, 32>;

// Views a string's characters as bytes (no copy).
inline std::span<const uint8_t> AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::string Base64(std::span<const uint8_t> data);
inline std::string Base64(std::string_view data) { return Base64(AsBytes(data)); }
Result<Bytes> FromBase64(std::string_view text);

std::string Base64Url(std::span<const uint8_t> data);
inline std::string Base64Url(std::string_view data) { return Base64Url(AsBytes(data)); }
Result<Bytes> FromBase64Url(std::string_view text);

std::string Hex(std::span<const uint8_t> data);  // lower case
inline std::string Hex(std::string_view data) { return Hex(AsBytes(data)); }
Result<Bytes> FromHex(std::string_view text);  // either case, even length

Sha256Digest Sha256(std::span<const uint8_t> data);
inline Sha256Digest Sha256(std::string_view data) { return Sha256(AsBytes(data)); }
std::string Sha256Hex(std::span<const uint8_t> data);
inline std::string Sha256Hex(std::string_view data) { return Sha256Hex(AsBytes(data)); }

}  // namespace origine::encoding
