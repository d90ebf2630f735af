#include "identity/records.h"

namespace origine::identity {

const char* CompanyStatusName(CompanyStatus status) {
  switch (status) {
    case CompanyStatus::kPending:
      return "pending";
    case CompanyStatus::kActive:
      return "active";
    case CompanyStatus::kSuspended:
      return "suspended";
  }
  return "";
}

std::optional<CompanyStatus> ParseCompanyStatus(std::string_view name) {
  for (CompanyStatus s : kAllCompanyStatuses)
    if (name == CompanyStatusName(s)) return s;
  return std::nullopt;
}

}  // namespace origine::identity
