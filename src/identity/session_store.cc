#include "identity/session_store.h"

#include "identity/user_store.h"

namespace origine::identity::session_store {
namespace {

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)";
// Columns 0..5 as user_store::PrincipalFromRow reads them.
constexpr std::string_view kSelectValidSession =
    "SELECT u.id, u.email, u.name, u.role, u.company_id, COALESCE(c.name, ''), s.csrf_token, u.active, s.expires_at "
    "FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN companies c ON c.id = u.company_id "
    "WHERE s.token_hash = ? AND s.expires_at > ?";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = ?";
constexpr std::string_view kDeleteExpiredSessions = "DELETE FROM sessions WHERE expires_at < ?";
constexpr std::string_view kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = ?";

}  // namespace

Status Insert(storage::Tx& tx, const NewSession& s) {
  RETURN_IF_ERROR(tx.Exec(kInsertSession, {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at}));
  return {};
}

Result<std::optional<ValidSession>> SelectValid(storage::Tx& tx, const std::string& token_hash, int64_t now) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectValidSession, {token_hash, now}));
  if (rows.empty()) return std::optional<ValidSession>();
  const storage::Row& r = rows[0];
  return std::optional<ValidSession>(ValidSession{user_store::PrincipalFromRow(r), r.Text(6), r.Int(7) != 0, r.Int(8)});
}

Status Delete(storage::Tx& tx, const std::string& token_hash) {
  RETURN_IF_ERROR(tx.Exec(kDeleteSession, {token_hash}));
  return {};
}

Status DeleteExpired(storage::Tx& tx, int64_t now) {
  RETURN_IF_ERROR(tx.Exec(kDeleteExpiredSessions, {now}));
  return {};
}

Result<int64_t> DeleteForUser(storage::Tx& tx, int64_t user_id) { return tx.Exec(kDeleteUserSessions, {user_id}); }

}  // namespace origine::identity::session_store
