// origine/core/context.h — who is acting, from where: passed to every service
// call that changes state, so the audit event can name the actor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace origine {

enum class Role { kExporter, kAgent, kSignatory, kAdmin, kAuditor };

// "exporter", "agent", "signatory", "admin", "auditor".
const char* RoleName(Role role);
// Every role, in the order of the enum (a new role is added here too).
const std::vector<Role>& AllRoles();
// Parses a role name; false for anything else.
bool ParseRole(const std::string& name, Role* role);

// The authenticated user on whose behalf a call runs.
struct Principal {
  int64_t user_id = 0;
  std::string email;
  std::string name;
  Role role = Role::kExporter;
  std::optional<int64_t> company_id;  // set exactly for exporters
  std::string company_name;
};

// Where a request came from; copied into audit events.
struct RequestMeta {
  std::string request_id;
  std::string ip;
  std::string user_agent;
};

}  // namespace origine
