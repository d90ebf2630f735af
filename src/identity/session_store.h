// origine/identity/session_store.h — every SQL statement on `sessions`
// (identity owns it, ADR 0058). A session row holds the SHA-256 of the
// client's token, never the token. Internal to the identity module.
//
// Thread-safety: stateless; the Tx belongs to the caller's thread. Failure:
// database errors pass through.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/context.h"
#include "core/result.h"
#include "storage/db.h"

namespace origine::identity::session_store {

struct NewSession {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0, expires_at = 0;
};
Status Insert(storage::Tx& tx, const NewSession& session);

// A session that has not expired at `now`, with its user (and the user's company name).
struct ValidSession {
  Principal principal;
  std::string csrf_token;
  bool user_active = false;
  int64_t expires_at = 0;
};
Result<std::optional<ValidSession>> SelectValid(storage::Tx& tx, const std::string& token_hash, int64_t now);

Status Delete(storage::Tx& tx, const std::string& token_hash);
// Deletes the sessions that expired before `now`.
Status DeleteExpired(storage::Tx& tx, int64_t now);
// Ends every session of a user; returns how many there were.
Result<int64_t> DeleteForUser(storage::Tx& tx, int64_t user_id);

}  // namespace origine::identity::session_store
