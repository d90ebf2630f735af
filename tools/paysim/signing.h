// paysim/signing.h — the providers' callback authentication formats and the
// simulator's seeded derivations (../shared/docs/payments.md).
//
//   Wave:     Wave-Signature: t=<ts>,v1=hex(HMAC-SHA256(secret, ts + raw_body))
//   CinetPay: x-token: hex(HMAC-SHA256(secret, concat of the 16 cpm_* values in order))
//
// Pure functions over OpenSSL; thread-safe; no failure modes (HMAC over any
// bytes with any key is defined).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace origine::paysim {

// Lower-case hex of HMAC-SHA256(key, message).
std::string HmacSha256Hex(std::string_view key, std::string_view message);
// Lower-case hex of SHA-256(data).
std::string Sha256Hex(std::string_view data);

// The value of the Wave-Signature header for a webhook body sent at `timestamp`.
std::string WaveSignatureHeader(std::string_view secret, int64_t timestamp, std::string_view raw_body);

// The 16 CinetPay notification fields, in signing order.
extern const std::array<const char*, 16> kCinetPayFields;
// x-token over `fields` (missing ones count as empty strings).
std::string CinetPayToken(std::string_view secret, const std::map<std::string, std::string>& fields);

// Deterministic bytes for (seed, label, n): SHA-256 over the seed (8 bytes,
// little-endian), the label, ':' and n in decimal. Every id, token, OTP and
// random fault of the simulator comes from here.
std::array<uint8_t, 32> Derive(uint64_t seed, std::string_view label, uint64_t n);
// The first 8 bytes of Derive as a little-endian integer.
uint64_t DeriveU64(uint64_t seed, std::string_view label, uint64_t n);
// `len` characters of `alphabet` drawn from Derive (len <= 32).
std::string DeriveText(uint64_t seed, std::string_view label, uint64_t n, std::string_view alphabet, size_t len);

}  // namespace origine::paysim
