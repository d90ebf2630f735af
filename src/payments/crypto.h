// origine/payments/crypto.h — the cryptographic helpers of callbacks that the
// shared kits lack: HMAC-SHA256 (hex), constant-time comparison, random UUIDv4
// references. Base64, hex and SHA-256 are core/encoding.h.
// Thread-safety: pure (libsodium's random generator is thread-safe).
#pragma once

#include <string>
#include <string_view>

namespace origine::payments {

// Lower-case hex of HMAC-SHA256(key, message).
std::string HmacSha256Hex(std::string_view key, std::string_view message);
// Equal lengths and bytes, in time independent of where they differ.
bool ConstantTimeEqual(std::string_view a, std::string_view b);
// A random RFC 9562 version-4 UUID, lower case.
std::string NewUuid();

}  // namespace origine::payments
