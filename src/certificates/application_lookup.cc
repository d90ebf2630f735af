#include "certificates/application_lookup.h"

namespace origine::certificates {
namespace {

constexpr std::string_view kSelectApplicationRef =
    "SELECT id, company_id, status, regime, kind, created_by, created_at FROM applications WHERE id = ?";

}  // namespace

Result<ApplicationRef> FindApplication(storage::Tx& tx, int64_t application_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectApplicationRef, {application_id}));
  if (rows.empty())
    return Error::NotFound("application.not_found"_code, "no application " + std::to_string(application_id))
        .With("id", std::to_string(application_id));
  const storage::Row& r = rows[0];
  return ApplicationRef{r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6)};
}

}  // namespace origine::certificates
