#include "certificates/application_lookup.h"

#include "certificates/application_store.h"

namespace origine::certificates {

Result<ApplicationRef> FindApplication(storage::Tx& tx, int64_t application_id) {
  ASSIGN_OR_RETURN(std::optional<ApplicationRecord> app, application_store::Find(tx, application_id));
  if (!app)
    return Error::NotFound("application.not_found"_code, "no application " + std::to_string(application_id))
        .With("id", std::to_string(application_id));
  return ApplicationRef{app->id,         app->company_id, std::string(StatusName(app->status)), app->regime, app->kind,
                        app->created_by, app->created_at};
}

}  // namespace origine::certificates
