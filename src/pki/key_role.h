// origine/pki/key_role.h — what a key of the issuing authority is for, and
// where it stands in its life.
//
// KeyRole grows (a list signer, a system signer are coming): its values are
// the rows of the lookup table pki_key_roles (pki/schema.cc), compared with
// kKeyRoles by a unit test; a new role is a new enumerator, a new name here and
// an INSERT in a migration. KeyStatus is a small closed set (a CHECK).
//
// Thread-safety: constants and pure functions.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace origine::pki {

enum class KeyRole {
  kRoot,    // the authority root: signs signer certificates and trust lists
  kSigner,  // a document signer: signs certificates of origin
};
inline constexpr std::array<KeyRole, 2> kKeyRoles = {KeyRole::kRoot, KeyRole::kSigner};

// "root", "signer" (as stored in pki_keys.role and shown by `origine keys list`).
constexpr std::string_view KeyRoleName(KeyRole role) {
  switch (role) {
    case KeyRole::kRoot:
      return "root";
    case KeyRole::kSigner:
      return "signer";
  }
  return "signer";
}

std::optional<KeyRole> ParseKeyRole(std::string_view name);

// The stored status. "expired" is not stored: it is computed when reading
// (past not_after and not revoked).
enum class KeyStatus {
  kActive,   // the root, or the one signer that signs new certificates
  kRetired,  // a former signer: still verifies until it expires
  kRevoked,  // removed: listed with {at, reason}, its private key destroyed
};

// "active", "retired", "revoked" (pki_keys.status).
constexpr std::string_view KeyStatusName(KeyStatus status) {
  switch (status) {
    case KeyStatus::kActive:
      return "active";
    case KeyStatus::kRetired:
      return "retired";
    case KeyStatus::kRevoked:
      return "revoked";
  }
  return "revoked";
}

std::optional<KeyStatus> ParseKeyStatus(std::string_view name);

}  // namespace origine::pki
