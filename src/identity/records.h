// origine/identity/records.h — the plain values of the identity module:
// companies (with their status) and users as other parts of the module and
// other modules see them. No behaviour beyond naming the status values.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace origine::identity {

// A company's standing with the authority; the rows of the lookup table
// company_statuses (identity/schema.cc) are exactly these names.
enum class CompanyStatus { kPending, kActive, kSuspended };
inline constexpr std::array<CompanyStatus, 3> kAllCompanyStatuses = {CompanyStatus::kPending, CompanyStatus::kActive,
                                                                     CompanyStatus::kSuspended};

// "pending", "active", "suspended".
const char* CompanyStatusName(CompanyStatus status);
// The status of that name, or nullopt for anything else.
std::optional<CompanyStatus> ParseCompanyStatus(std::string_view name);

// What a company says about itself (the exporter edits it; the registry checks
// the NIF and RCCM formats before writing).
struct CompanyProfile {
  std::string name, nif, rccm, address, sector;
};

struct CompanyRecord {
  int64_t id = 0;
  std::string name, nif, rccm, address, sector;
  CompanyStatus status = CompanyStatus::kActive;
  int64_t created_at = 0;

  CompanyProfile profile() const { return {name, nif, rccm, address, sector}; }
};

// A person named in a history or a listing.
struct UserName {
  std::string name, email, role;
};

// A user of a company, as its managers see it (never the password hash).
struct CompanyUser {
  int64_t id = 0;
  std::string email, name;
  bool active = true;
  int64_t created_at = 0;
};

}  // namespace origine::identity
