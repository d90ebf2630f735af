#include "audit/audit_store.h"

namespace origine::audit::store {
namespace {

using storage::Value;

constexpr std::string_view kClaimNextId =
    "UPDATE audit_chain SET last_id = last_id + 1 WHERE id = 1 RETURNING last_id, head";
constexpr std::string_view kSelectHead = "SELECT last_id, head FROM audit_chain WHERE id = 1";
constexpr std::string_view kUpdateHead = "UPDATE audit_chain SET head = ? WHERE id = 1";
constexpr std::string_view kInsertEvent =
    "INSERT INTO audit_events (id, at, actor_id, actor_role, company_id, action, object_type, object_id, details, "
    "request_id, ip, user_agent, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectEventHash = "SELECT hash FROM audit_events WHERE id = ?";

// The search: a fixed head, one clause per filter that is set, a fixed tail;
// every value is a parameter.
constexpr std::string_view kSelectEventsWhere =
    "SELECT id, at, actor_id, actor_role, company_id, action, object_type, object_id, details, request_id, ip, "
    "user_agent, prev_hash, hash FROM audit_events WHERE 1 = 1 ";
constexpr std::string_view kAndActorId = "AND actor_id = ? ";
constexpr std::string_view kAndObjectType = "AND object_type = ? ";
constexpr std::string_view kAndObjectId = "AND object_id = ? ";
constexpr std::string_view kAndAction = "AND action = ? ";
constexpr std::string_view kAndAtFrom = "AND at >= ? ";
constexpr std::string_view kAndAtBefore = "AND at < ? ";
constexpr std::string_view kAndIdBefore = "AND id < ? ";
constexpr std::string_view kNewestFirstLimit = "ORDER BY id DESC LIMIT ?";
constexpr std::string_view kChainFrom =
    "SELECT id, at, actor_id, actor_role, company_id, action, object_type, object_id, details, request_id, ip, "
    "user_agent, prev_hash, hash FROM audit_events WHERE id >= ? ORDER BY id LIMIT ?";

StoredEvent FromRow(const storage::Row& r) {
  StoredEvent e;
  e.id = r.Int(0);
  e.at = r.Int(1);
  if (!r.IsNull(2)) e.actor_id = r.Int(2);
  e.actor_role = r.Text(3);
  if (!r.IsNull(4)) e.company_id = r.Int(4);
  e.action = r.Text(5);
  e.object_type = r.Text(6);
  e.object_id = r.Text(7);
  e.details_json = r.Text(8);
  e.request_id = r.Text(9);
  e.ip = r.Text(10);
  e.user_agent = r.Text(11);
  e.prev_hash = r.Text(12);
  e.hash = r.Text(13);
  return e;
}

std::optional<ChainHead> HeadFrom(const std::vector<storage::Row>& rows) {
  if (rows.empty()) return std::nullopt;
  ChainHead h;
  h.last_id = rows[0].Int(0);
  if (!rows[0].IsNull(1)) h.head = rows[0].Text(1);
  return h;
}

}  // namespace

Result<std::optional<ChainHead>> ClaimNextId(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kClaimNextId));
  return HeadFrom(rows);
}

Result<std::optional<ChainHead>> SelectHead(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectHead));
  return HeadFrom(rows);
}

Status UpdateHead(storage::Tx& tx, const std::string& hash) {
  RETURN_IF_ERROR(tx.Exec(kUpdateHead, {hash}));
  return {};
}

Status InsertEvent(storage::Tx& tx, const StoredEvent& e) {
  Value actor_id = nullptr, role = nullptr, company = nullptr;
  if (e.actor_id) actor_id = *e.actor_id;
  if (!e.actor_role.empty()) role = e.actor_role;
  if (e.company_id) company = *e.company_id;
  RETURN_IF_ERROR(tx.Exec(kInsertEvent, {e.id, e.at, actor_id, role, company, e.action, e.object_type, e.object_id,
                                         e.details_json, e.request_id, e.ip, e.user_agent, e.prev_hash, e.hash}));
  return {};
}

Result<std::vector<StoredEvent>> SelectEvents(storage::Tx& tx, const Filter& f) {
  std::string sql(kSelectEventsWhere);
  storage::Params params;
  auto add = [&](std::string_view clause, Value v) {
    sql += clause;
    params.push_back(std::move(v));
  };
  if (f.actor_id) add(kAndActorId, *f.actor_id);
  if (!f.object_type.empty()) add(kAndObjectType, f.object_type);
  if (!f.object_id.empty()) add(kAndObjectId, f.object_id);
  if (!f.action.empty()) add(kAndAction, f.action);
  if (f.from) add(kAndAtFrom, *f.from);
  if (f.to) add(kAndAtBefore, *f.to);
  if (f.before_id) add(kAndIdBefore, *f.before_id);
  add(kNewestFirstLimit, int64_t{f.limit});
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<StoredEvent> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<std::vector<ChainRow>> SelectChainFrom(storage::Tx& tx, int64_t first_id, int64_t limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kChainFrom, {first_id, limit}));
  std::vector<ChainRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({FromRow(r), r.IsNull(3)});
  return out;
}

Result<std::optional<std::string>> SelectEventHash(storage::Tx& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectEventHash, {id}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

}  // namespace origine::audit::store
