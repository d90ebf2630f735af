// origine/identity/password.h — password hashing with Argon2id (libsodium).
// Thread-safe. Hashing costs ~64 MiB and ~0.1 s by design (OPSLIMIT/MEMLIMIT
// "interactive"); the hash string carries its own parameters and salt.
#pragma once

#include <string>

#include "core/result.h"

namespace origine::identity {

// Returns the encoded Argon2id hash ("$argon2id$v=19$..."); kInvalidArgument for
// passwords shorter than 8 or longer than 256 bytes, kInternal if out of memory.
Result<std::string> HashPassword(const std::string& password);

// True when `password` matches `encoded_hash`. Runs in constant time for a given hash.
bool VerifyPassword(const std::string& encoded_hash, const std::string& password);

// Random URL-safe token with `bytes` bytes of entropy (base64url, no padding).
std::string RandomToken(size_t bytes = 32);

// Hex SHA-256 of `text` (sessions store the hash of their token, never the token).
std::string Sha256Hex(const std::string& text);

}  // namespace origine::identity
