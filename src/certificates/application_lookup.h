// origine/certificates/application_lookup.h — what other modules may read of
// an application, in their own transaction (payments asks which company,
// regime, status and kind a fee is for). The certificates module owns the
// applications table; nobody else reads it.
//
// Thread-safety: stateless; the Tx belongs to the caller's thread.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "storage/db.h"

namespace origine::certificates {

struct ApplicationRef {
  int64_t id = 0;
  int64_t company_id = 0;
  std::string status;  // "draft", "awaiting_payment", ...
  std::string regime;  // application code, e.g. "ETLS", "NP" (certificates/regimes.h)
  std::string kind;    // "issue", "amendment", "duplicate"
  int64_t created_by = 0;
  int64_t created_at = 0;
};

// The application `application_id`, or kNotFound "application.not_found".
// No authorisation: callers check who may see it.
Result<ApplicationRef> FindApplication(storage::Tx& tx, int64_t application_id);

}  // namespace origine::certificates
