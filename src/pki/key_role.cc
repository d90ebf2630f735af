#include "pki/key_role.h"

namespace origine::pki {

std::optional<KeyRole> ParseKeyRole(std::string_view name) {
  for (KeyRole r : kKeyRoles)
    if (KeyRoleName(r) == name) return r;
  return std::nullopt;
}

std::optional<KeyStatus> ParseKeyStatus(std::string_view name) {
  for (KeyStatus s : {KeyStatus::kActive, KeyStatus::kRetired, KeyStatus::kRevoked})
    if (KeyStatusName(s) == name) return s;
  return std::nullopt;
}

}  // namespace origine::pki
