#include "core/context.h"

namespace origine {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kExporter:
      return "exporter";
    case Role::kAgent:
      return "agent";
    case Role::kSignatory:
      return "signatory";
    case Role::kAdmin:
      return "admin";
    case Role::kAuditor:
      return "auditor";
  }
  return "unknown";
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = {Role::kExporter, Role::kAgent, Role::kSignatory, Role::kAdmin, Role::kAuditor};
  return kAll;
}

bool ParseRole(const std::string& name, Role* role) {
  for (Role r : AllRoles()) {
    if (name == RoleName(r)) {
      *role = r;
      return true;
    }
  }
  return false;
}

}  // namespace origine
