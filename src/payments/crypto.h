// origine/payments/crypto.h — the small cryptographic helpers of callbacks:
// HMAC-SHA256 (hex), constant-time comparison, random UUIDv4 references.
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
// Hex SHA-256 of bytes.
std::string Sha256Hex(std::string_view bytes);
// Standard base64 (with padding).
std::string Base64(std::string_view bytes);

}  // namespace origine::payments
