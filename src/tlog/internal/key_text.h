// origine/tlog/internal/key_text.h — pieces of the C2SP key strings shared by
// the note format (vkeys, signatures: note.cc) and the log's signer (skeys:
// note_signer.cc). Internal to the tlog module.
#pragma once

#include <sodium.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/encoding.h"
#include "core/result.h"

namespace origine::tlog::internal {

inline constexpr std::string_view kSkeyPrefix = "PRIVATE+KEY+";

inline void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

inline uint32_t ReadBE32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// The key ID as 8 lower-case hex digits.
inline std::string Hex8(uint32_t id) {
  const uint8_t b[4] = {uint8_t(id >> 24), uint8_t(id >> 16), uint8_t(id >> 8), uint8_t(id)};
  return encoding::Hex(b);
}

inline Result<uint32_t> ParseHex8(std::string_view s) {
  if (s.size() != 8) return Error::Invalid("note.key"_code, "key ID must be 8 hex digits");
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return Error::Invalid("note.key"_code, "key ID must be lowercase hex");
  auto bytes = encoding::FromHex(s);
  if (!bytes) return bytes.error();
  return ReadBE32(bytes->data());
}

// Splits "name+hex+base64" at the first two '+' (base64 may itself hold '+').
inline bool Split3(std::string_view s, std::string_view& a, std::string_view& b, std::string_view& c) {
  size_t p1 = s.find('+');
  if (p1 == std::string_view::npos) return false;
  size_t p2 = s.find('+', p1 + 1);
  if (p2 == std::string_view::npos) return false;
  a = s.substr(0, p1);
  b = s.substr(p1 + 1, p2 - p1 - 1);
  c = s.substr(p2 + 1);
  return true;
}

}  // namespace origine::tlog::internal
