// origine/identity/password.h — password hashing with Argon2id (libsodium)
// and the random tokens of sessions.
// Thread-safe. Hashing costs ~64 MiB and ~0.1 s by design (OPSLIMIT/MEMLIMIT
// "interactive"); the hash string carries its own parameters and salt.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"

namespace origine::identity {

inline constexpr size_t kMinPasswordBytes = 8;
inline constexpr size_t kMaxPasswordBytes = 256;

// Returns the encoded Argon2id hash ("$argon2id$v=19$..."); kInvalidArgument
// "password.length" (params min, max) for passwords shorter than 8 or longer
// than 256 bytes, kInternal if out of memory.
Result<std::string> HashPassword(const std::string& password);

// True when `password` matches `encoded_hash`. Runs in constant time for a given hash.
bool VerifyPassword(const std::string& encoded_hash, const std::string& password);

// Random URL-safe token with `bytes` bytes of entropy (base64url, no padding).
std::string RandomToken(size_t bytes = 32);

// The password.length field error for `field` (shared by every form with a password).
FieldError PasswordLengthError(const std::string& field, const std::string& message);

}  // namespace origine::identity
