#include "audit/audit.h"

#include <sodium.h>

#include <ctime>
#include <span>

#include "tlog/log.h"

namespace origine::audit {
namespace {

using storage::Value;

const std::string kGenesis(64, '0');

std::string HexSha256(const std::string& bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

void Field(std::string& out, const char* name, const std::string& value) {
  out += name;
  out += '=';
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

void Field(std::string& out, const char* name, const std::optional<int64_t>& value) {
  if (!value) {
    out += name;
    out += "=-\n";
  } else {
    Field(out, name, std::to_string(*value));
  }
}

void NullableText(std::string& out, const char* name, const std::string& value, bool is_null) {
  if (is_null) {
    out += name;
    out += "=-\n";
  } else {
    Field(out, name, value);
  }
}

constexpr const char* kSelectEvents =
    "SELECT e.id, e.at, e.actor_id, e.actor_role, e.company_id, e.action, e.object_type, e.object_id, e.details, "
    "e.request_id, e.ip, e.user_agent, e.prev_hash, e.hash, u.email FROM audit_events e "
    "LEFT JOIN users u ON u.id = e.actor_id ";

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
  e.actor_email = r.Text(14);
  return e;
}

// Request metadata and the role are stored as NULL when absent/empty-anonymous;
// the canonical form must reproduce exactly what is stored, so the writer
// stores "" (never NULL) for the text columns it always sets.
std::string Canonical(const StoredEvent& e, bool role_null) {
  std::string out = "origine-audit-v1\n";
  Field(out, "id", std::optional<int64_t>(e.id));
  Field(out, "at", std::optional<int64_t>(e.at));
  Field(out, "actor_id", e.actor_id);
  NullableText(out, "actor_role", e.actor_role, role_null);
  Field(out, "company_id", e.company_id);
  Field(out, "action", e.action);
  Field(out, "object_type", e.object_type);
  Field(out, "object_id", e.object_id);
  Field(out, "details", e.details_json);
  Field(out, "request_id", e.request_id);
  Field(out, "ip", e.ip);
  Field(out, "user_agent", e.user_agent);
  Field(out, "prev_hash", e.prev_hash);
  return out;
}

// Hashes the events with id < `until` that have no hash yet, in id order,
// continuing from the chain before them; returns the resulting head.
Result<std::string> SealBefore(storage::Tx& tx, int64_t until) {
  std::string head = kGenesis;
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kSelectEvents) + "WHERE e.id < ? ORDER BY e.id", {until}));
  for (const auto& r : rows) {
    StoredEvent e = FromRow(r);
    if (!r.IsNull(13)) {
      head = e.hash;
      continue;
    }
    e.prev_hash = head;
    e.hash = EventHash(e);
    RETURN_IF_ERROR(
        tx.Exec("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", {e.prev_hash, e.hash, e.id}));
    head = e.hash;
  }
  return head;
}

std::string Hex(std::span<const uint8_t> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

Result<uint64_t> AppendAnchor(storage::Tx& tx, int64_t id, const std::string& hash, int64_t now) {
  tlog::Hash h{};
  size_t len = 0;
  if (hash.size() != 64 || sodium_hex2bin(h.data(), h.size(), hash.data(), hash.size(), nullptr, &len, nullptr) != 0 ||
      len != h.size())
    return Error::Internal("audit chain head is not a hex SHA-256");
  tlog::Log log("");  // appending needs no origin
  return log.Append(tx, {tlog::Event::kAuditAnchor, "audit-" + std::to_string(id), h, now});
}

}  // namespace

std::string CanonicalEvent(const StoredEvent& event) { return Canonical(event, event.actor_role.empty()); }

std::string EventHash(const StoredEvent& event) { return HexSha256(CanonicalEvent(event)); }

Status Record(storage::Tx& tx, const std::optional<Principal>& actor, const RequestMeta& meta, int64_t now,
              const Event& event) {
  // Claim the next id first: this row update serialises writers of the chain.
  ASSIGN_OR_RETURN(auto head_rows,
                   tx.Query("UPDATE audit_chain SET last_id = last_id + 1 WHERE id = 1 RETURNING last_id, head"));
  if (head_rows.empty()) return Error::Internal("audit_chain is missing (migration 2 not applied)");
  StoredEvent e;
  e.id = head_rows[0].Int(0);
  if (head_rows[0].IsNull(1)) {
    // First event of the chain, or events from before the chain existed.
    if (e.id > 1) {
      ASSIGN_OR_RETURN(e.prev_hash, SealBefore(tx, e.id));
    } else {
      e.prev_hash = kGenesis;
    }
  } else {
    e.prev_hash = head_rows[0].Text(1);
  }
  e.at = now;
  if (actor) {
    e.actor_id = actor->user_id;
    e.actor_role = RoleName(actor->role);
    e.company_id = actor->company_id;
  }
  e.action = event.action;
  e.object_type = event.object_type;
  e.object_id = event.object_id;
  e.details_json = event.details_json;
  e.request_id = meta.request_id;
  e.ip = meta.ip;
  e.user_agent = meta.user_agent.substr(0, 300);
  e.hash = EventHash(e);
  Value actor_id = nullptr, role = nullptr, company = nullptr;
  if (e.actor_id) actor_id = *e.actor_id;
  if (!e.actor_role.empty()) role = e.actor_role;
  if (e.company_id) company = *e.company_id;
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO audit_events (id, at, actor_id, actor_role, company_id, action, object_type, object_id, "
              "details, request_id, ip, user_agent, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {e.id, now, actor_id, role, company, e.action, e.object_type, e.object_id, e.details_json, e.request_id,
               e.ip, e.user_agent, e.prev_hash, e.hash}));
  RETURN_IF_ERROR(tx.Exec("UPDATE audit_chain SET head = ? WHERE id = 1", {e.hash}));
  if (e.id % kAnchorInterval == 0) RETURN_IF_ERROR(AppendAnchor(tx, e.id, e.hash, now));
  return {};
}

Result<std::vector<StoredEvent>> Search(storage::Tx& tx, const Filter& f) {
  if (f.limit < 1 || f.limit > 1000) return Error::Invalid("limit must be between 1 and 1000", {{"limit", "1..1000"}});
  std::string sql = std::string(kSelectEvents) + "WHERE 1 = 1 ";
  storage::Params params;
  if (f.actor_id) {
    sql += "AND e.actor_id = ? ";
    params.push_back(*f.actor_id);
  }
  if (!f.actor.empty()) {
    sql += "AND u.email = ? ";
    params.push_back(f.actor);
  }
  if (!f.object_type.empty()) {
    sql += "AND e.object_type = ? ";
    params.push_back(f.object_type);
  }
  if (!f.object_id.empty()) {
    sql += "AND e.object_id = ? ";
    params.push_back(f.object_id);
  }
  if (!f.action.empty()) {
    sql += "AND e.action = ? ";
    params.push_back(f.action);
  }
  if (f.from) {
    sql += "AND e.at >= ? ";
    params.push_back(*f.from);
  }
  if (f.to) {
    sql += "AND e.at < ? ";
    params.push_back(*f.to);
  }
  if (f.before_id) {
    sql += "AND e.id < ? ";
    params.push_back(*f.before_id);
  }
  sql += "ORDER BY e.id DESC LIMIT ?";
  params.push_back(int64_t{f.limit});
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<StoredEvent> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

namespace {

std::string CsvField(const std::string& v) {
  // Neutralise spreadsheet formulas (CSV injection), then quote per RFC 4180.
  std::string s = v;
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    s.insert(s.begin(), '\'');
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string Utc(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

std::string ToCsv(const std::vector<StoredEvent>& events) {
  std::string out =
      "id,at,actor_id,actor_email,actor_role,company_id,action,object_type,object_id,details,request_id,ip,"
      "user_agent,prev_hash,hash\r\n";
  for (const auto& e : events) {
    const std::string cols[] = {std::to_string(e.id),
                                Utc(e.at),
                                e.actor_id ? std::to_string(*e.actor_id) : "",
                                e.actor_email,
                                e.actor_role,
                                e.company_id ? std::to_string(*e.company_id) : "",
                                e.action,
                                e.object_type,
                                e.object_id,
                                e.details_json,
                                e.request_id,
                                e.ip,
                                e.user_agent,
                                e.prev_hash,
                                e.hash};
    bool first = true;
    for (const auto& c : cols) {
      if (!first) out += ',';
      first = false;
      out += CsvField(c);
    }
    out += "\r\n";
  }
  return out;
}

Result<ChainReport> VerifyChain(storage::Tx& tx) {
  ChainReport rep;
  auto broken = [&rep](int64_t id, std::string problem) {
    rep.intact = false;
    rep.broken_id = id;
    rep.problem = std::move(problem);
    return rep;
  };
  std::string prev = kGenesis;
  int64_t expected_id = 1;
  constexpr int64_t kPage = 1000;
  while (true) {
    ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kSelectEvents) + "WHERE e.id >= ? ORDER BY e.id LIMIT ?",
                                         {expected_id, kPage}));
    for (const auto& r : rows) {
      StoredEvent e = FromRow(r);
      if (e.id != expected_id)
        return broken(expected_id, "event " + std::to_string(expected_id) + " is missing (deleted?); the next is " +
                                       std::to_string(e.id));
      if (r.IsNull(13) || r.IsNull(12)) return broken(e.id, "event " + std::to_string(e.id) + " has no chain hash");
      if (e.prev_hash != prev)
        return broken(e.id, "event " + std::to_string(e.id) + ": prev_hash " + e.prev_hash +
                                " differs from the hash of event " + std::to_string(e.id - 1) + " (" + prev + ")");
      // The role column is NULL exactly for anonymous events (Record writes no empty role).
      const std::string computed = HexSha256(Canonical(e, r.IsNull(3)));
      if (computed != e.hash)
        return broken(e.id, "event " + std::to_string(e.id) + " (" + e.action + " " + e.object_type + " " +
                                e.object_id + "): its content does not match its hash (stored " + e.hash +
                                ", recomputed " + computed + "); a field was changed");
      prev = e.hash;
      ++expected_id;
      ++rep.events;
    }
    if (static_cast<int64_t>(rows.size()) < kPage) break;
  }
  ASSIGN_OR_RETURN(auto head, tx.Query("SELECT last_id, head FROM audit_chain WHERE id = 1"));
  if (head.empty()) return Error::Internal("audit_chain is missing (migration 2 not applied)");
  const int64_t last_id = head[0].Int(0);
  if (last_id != rep.events)
    return broken(rep.events + 1, "the chain head names event " + std::to_string(last_id) + " but the trail ends at " +
                                      std::to_string(rep.events) + " (events deleted at the end?)");
  if (rep.events > 0 && head[0].Text(1) != prev)
    return broken(rep.events, "the chain head " + head[0].Text(1) + " differs from the hash of the last event");

  // Anchors in the transparency log.
  tlog::Log log("");
  ASSIGN_OR_RETURN(auto anchors, log.FindByEvent(tx, tlog::Event::kAuditAnchor));
  for (uint64_t idx : anchors) {
    ASSIGN_OR_RETURN(tlog::LogEntry entry, log.Entry(tx, idx));
    if (tlog::LeafHash(entry.data) != entry.leaf_hash)
      return broken(0, "log leaf " + std::to_string(idx) + " does not match its stored hash");
    ASSIGN_OR_RETURN(tlog::LeafRecord rec, tlog::DecodeLeafRecord(entry.data));
    const std::string& name = rec.certificate_id;
    int64_t id = 0;
    if (name.rfind("audit-", 0) != 0 || name.size() > 25 ||
        name.find_first_not_of("0123456789", 6) != std::string::npos || name.size() == 6)
      return broken(0, "log leaf " + std::to_string(idx) + " is not a valid audit anchor");
    id = std::stoll(name.substr(6));
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT hash FROM audit_events WHERE id = ?", {id}));
    const std::string anchored = Hex(rec.cose_sha256);
    if (rows.empty())
      return broken(id,
                    "event " + std::to_string(id) + ", anchored in log leaf " + std::to_string(idx) + ", is missing");
    if (rows[0].Text(0) != anchored)
      return broken(id, "event " + std::to_string(id) + ": its hash differs from the one anchored in log leaf " +
                            std::to_string(idx) + " (" + anchored + "); the trail was rewritten");
    ++rep.anchors;
  }
  return rep;
}

Result<std::optional<uint64_t>> Anchor(storage::Tx& tx, int64_t now) {
  ASSIGN_OR_RETURN(auto head, tx.Query("SELECT last_id, head FROM audit_chain WHERE id = 1"));
  if (head.empty()) return Error::Internal("audit_chain is missing (migration 2 not applied)");
  if (head[0].IsNull(1) || head[0].Int(0) == 0) return std::optional<uint64_t>();
  const int64_t id = head[0].Int(0);
  const std::string name = "audit-" + std::to_string(id);
  tlog::Log log("");
  ASSIGN_OR_RETURN(auto existing, log.FindByCertificate(tx, name));
  if (!existing.empty()) return std::optional<uint64_t>();
  ASSIGN_OR_RETURN(uint64_t idx, AppendAnchor(tx, id, head[0].Text(1), now));
  return std::optional<uint64_t>(idx);
}

Status SealLegacyEvents(storage::Tx& tx) {
  ASSIGN_OR_RETURN(auto head, tx.Query("SELECT last_id, head FROM audit_chain WHERE id = 1"));
  if (head.empty()) return Error::Internal("audit_chain is missing (migration 2 not applied)");
  if (!head[0].IsNull(1) || head[0].Int(0) == 0) return {};
  const int64_t last = head[0].Int(0);
  ASSIGN_OR_RETURN(std::string h, SealBefore(tx, last + 1));
  RETURN_IF_ERROR(tx.Exec("UPDATE audit_chain SET head = ? WHERE id = 1", {h}));
  return {};
}

}  // namespace origine::audit
