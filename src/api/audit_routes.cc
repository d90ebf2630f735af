#include "api/audit_routes.h"

#include <boost/json.hpp>

#include "api/internal/errors.h"
#include "api/internal/json_io.h"
#include "api/internal/params.h"
#include "audit/audit.h"
#include "identity/directory.h"

namespace origine::api {
namespace json = boost::json;
using http::Response;

namespace {

// The audit query of a request: the filter, and the actor's e-mail when the
// request names the actor by e-mail (identity resolves it; audit knows ids only).
struct AuditQuery {
  audit::Filter filter;
  std::string actor_email;
};

Result<AuditQuery> AuditFilter(const http::Request& req) {
  AuditQuery q;
  audit::Filter& f = q.filter;
  auto text = [&](const char* name, std::string* out) -> Status {
    auto it = req.query.find(name);
    if (it == req.query.end()) return {};
    if (it->second.size() > 200)
      return internal::InvalidField("field.too_long"_code, name, "too long", std::string(name) + " is too long",
                                    {{"max", "200"}});
    *out = it->second;
    return {};
  };
  std::string actor;
  RETURN_IF_ERROR(text("actor", &actor));
  if (!actor.empty() && actor.find_first_not_of("0123456789") == std::string::npos && actor.size() <= 18)
    f.actor_id = std::stoll(actor);
  else
    q.actor_email = actor;
  RETURN_IF_ERROR(text("object_type", &f.object_type));
  RETURN_IF_ERROR(text("object_id", &f.object_id));
  RETURN_IF_ERROR(text("action", &f.action));
  ASSIGN_OR_RETURN(f.from, internal::DateQuery(req, "from"));
  ASSIGN_OR_RETURN(std::optional<int64_t> to, internal::DateQuery(req, "to"));
  if (to) f.to = *to + 86400;  // the whole "to" day is included
  ASSIGN_OR_RETURN(f.before_id, internal::IntQuery(req, "before_id"));
  ASSIGN_OR_RETURN(std::optional<int64_t> limit, internal::IntQuery(req, "limit"));
  if (limit) {
    if (*limit < 1 || *limit > 1000)
      return internal::InvalidField("audit.limit"_code, "limit", "1..1000", "limit must be between 1 and 1000",
                                    {{"min", "1"}, {"max", "1000"}});
    f.limit = static_cast<int>(*limit);
  }
  return q;
}

// Sets filter.actor_id from the actor's e-mail; false when no user has it
// (the query then matches nothing).
Result<bool> ResolveActor(storage::Tx& tx, AuditQuery& q) {
  if (q.actor_email.empty()) return true;
  ASSIGN_OR_RETURN(std::optional<int64_t> id, identity::FindUserIdByEmail(tx, q.actor_email));
  if (!id) return false;
  q.filter.actor_id = *id;
  return true;
}

// The e-mail of each actor of `events`, by user id.
Result<std::map<int64_t, std::string>> ActorEmails(storage::Tx& tx, const std::vector<audit::StoredEvent>& events) {
  std::vector<int64_t> ids;
  for (const auto& e : events)
    if (e.actor_id) ids.push_back(*e.actor_id);
  ASSIGN_OR_RETURN(auto names, identity::FindUserNames(tx, ids));
  std::map<int64_t, std::string> out;
  for (const auto& [id, n] : names) out[id] = n.email;
  return out;
}

json::object FilterJson(const AuditQuery& q) {
  const audit::Filter& f = q.filter;
  json::object o;
  if (f.actor_id) o["actor_id"] = *f.actor_id;
  if (!q.actor_email.empty()) o["actor"] = q.actor_email;
  if (!f.object_type.empty()) o["object_type"] = f.object_type;
  if (!f.object_id.empty()) o["object_id"] = f.object_id;
  if (!f.action.empty()) o["action"] = f.action;
  if (f.from) o["from"] = FormatUtc(*f.from);
  if (f.to) o["to"] = FormatUtc(*f.to);
  if (f.before_id) o["before_id"] = *f.before_id;
  return o;
}

json::object AuditEventJson(const audit::StoredEvent& e, const std::map<int64_t, std::string>& emails) {
  json::object o{{"id", e.id}, {"at", FormatUtc(e.at)}};
  std::string email;
  if (e.actor_id)
    if (auto it = emails.find(*e.actor_id); it != emails.end()) email = it->second;
  o["actor"] =
      e.actor_id
          ? json::value(json::object{{"id", *e.actor_id},
                                     {"email", email},
                                     {"role", e.actor_role},
                                     {"company_id", e.company_id ? json::value(*e.company_id) : json::value(nullptr)}})
          : json::value(nullptr);
  o["action"] = e.action;
  o["object"] = {{"type", e.object_type}, {"id", e.object_id}};
  boost::system::error_code ec;
  json::value details = json::parse(e.details_json, ec);
  o["details"] = ec ? json::value(e.details_json) : details;
  o["request_id"] = e.request_id;
  o["ip"] = e.ip;
  o["user_agent"] = e.user_agent;
  o["prev_hash"] = e.prev_hash;
  o["hash"] = e.hash;
  return o;
}

}  // namespace

void AddAuditRoutes(const AddRoute& add, storage::Db& db, const Clock& clock) {
  add("GET", "/api/v1/audit/events", [&db](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(AuditQuery q, AuditFilter(c.req));
    const audit::Filter& f = q.filter;
    ASSIGN_OR_RETURN(auto tx, db.Begin(false));
    ASSIGN_OR_RETURN(bool known_actor, ResolveActor(*tx, q));
    std::vector<audit::StoredEvent> events;
    if (known_actor) {
      ASSIGN_OR_RETURN(events, audit::Search(*tx, f));
    }
    ASSIGN_OR_RETURN(auto emails, ActorEmails(*tx, events));
    json::array items;
    for (const auto& e : events) items.push_back(AuditEventJson(e, emails));
    json::value next =
        events.size() == static_cast<size_t>(f.limit) ? json::value(events.back().id) : json::value(nullptr);
    return internal::Json(json::object{{"items", std::move(items)}, {"next_before_id", next}});
  });
  add("GET", "/api/v1/audit/events.csv", [&db, &clock](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(AuditQuery q, AuditFilter(c.req));
    // The export's audit event records the query as asked (before the actor's e-mail is resolved).
    json::object details = FilterJson(q);
    constexpr size_t kMaxRows = 100000;
    const bool limited = c.req.query.count("limit") > 0;
    std::vector<audit::StoredEvent> all;
    std::map<int64_t, std::string> emails;
    {
      ASSIGN_OR_RETURN(auto tx, db.Begin(false));
      ASSIGN_OR_RETURN(bool known_actor, ResolveActor(*tx, q));
      audit::Filter page = q.filter;
      if (!limited) page.limit = 1000;
      while (known_actor && all.size() < kMaxRows) {
        ASSIGN_OR_RETURN(auto events, audit::Search(*tx, page));
        all.insert(all.end(), events.begin(), events.end());
        if (limited || events.size() < static_cast<size_t>(page.limit)) break;
        page.before_id = events.back().id;
      }
      ASSIGN_OR_RETURN(emails, ActorEmails(*tx, all));
    }
    // The export is itself audited (a data export), before the data leaves.
    details["rows"] = all.size();
    ASSIGN_OR_RETURN(auto wtx, db.Begin());
    RETURN_IF_ERROR(audit::Record(*wtx, *c.who, c.meta, clock.NowUnix(),
                                  {"audit.export", "audit_events", "csv", json::serialize(details)}));
    RETURN_IF_ERROR(wtx->Commit());
    Response r;
    r.content_type = "text/csv; charset=utf-8; header=present";
    r.body = audit::ToCsv(all, emails);
    r.AddHeader("Content-Disposition", "attachment; filename=\"audit-events.csv\"");
    r.AddHeader("Cache-Control", "private, no-store");
    return r;
  });
}

}  // namespace origine::api
