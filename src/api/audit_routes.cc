#include "api/audit_routes.h"

#include <boost/json.hpp>

#include "api/internal/json_io.h"
#include "api/internal/query.h"
#include "audit/audit.h"

namespace origine::api {
namespace json = boost::json;
using http::Response;

namespace {

Result<audit::Filter> AuditFilter(const http::Request& req) {
  audit::Filter f;
  auto text = [&](const char* name, std::string* out) -> Status {
    auto it = req.query.find(name);
    if (it == req.query.end()) return {};
    if (it->second.size() > 200) return Error::Invalid(std::string(name) + " is too long", {{name, "too long"}});
    *out = it->second;
    return {};
  };
  std::string actor;
  RETURN_IF_ERROR(text("actor", &actor));
  if (!actor.empty() && actor.find_first_not_of("0123456789") == std::string::npos && actor.size() <= 18)
    f.actor_id = std::stoll(actor);
  else
    f.actor = actor;
  RETURN_IF_ERROR(text("object_type", &f.object_type));
  RETURN_IF_ERROR(text("object_id", &f.object_id));
  RETURN_IF_ERROR(text("action", &f.action));
  ASSIGN_OR_RETURN(f.from, internal::DateQuery(req, "from"));
  ASSIGN_OR_RETURN(std::optional<int64_t> to, internal::DateQuery(req, "to"));
  if (to) f.to = *to + 86400;  // the whole "to" day is included
  ASSIGN_OR_RETURN(f.before_id, internal::IntQuery(req, "before_id"));
  ASSIGN_OR_RETURN(std::optional<int64_t> limit, internal::IntQuery(req, "limit"));
  if (limit) {
    if (*limit < 1 || *limit > 1000) return Error::Invalid("limit must be between 1 and 1000", {{"limit", "1..1000"}});
    f.limit = static_cast<int>(*limit);
  }
  return f;
}

json::object FilterJson(const audit::Filter& f) {
  json::object o;
  if (f.actor_id) o["actor_id"] = *f.actor_id;
  if (!f.actor.empty()) o["actor"] = f.actor;
  if (!f.object_type.empty()) o["object_type"] = f.object_type;
  if (!f.object_id.empty()) o["object_id"] = f.object_id;
  if (!f.action.empty()) o["action"] = f.action;
  if (f.from) o["from"] = FormatUtc(*f.from);
  if (f.to) o["to"] = FormatUtc(*f.to);
  if (f.before_id) o["before_id"] = *f.before_id;
  return o;
}

json::object AuditEventJson(const audit::StoredEvent& e) {
  json::object o{{"id", e.id}, {"at", FormatUtc(e.at)}};
  o["actor"] =
      e.actor_id
          ? json::value(json::object{{"id", *e.actor_id},
                                     {"email", e.actor_email},
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

bool MayReadAudit(const Principal& p) { return p.role == Role::kAuditor || p.role == Role::kAdmin; }

}  // namespace

void AddAuditRoutes(const AddRoute& add, storage::Db& db, const Clock& clock) {
  add("GET", "/api/v1/audit/events", Access::kSession, [&db](RouteCtx& c) -> Result<Response> {
    if (!MayReadAudit(*c.who)) return Error::Denied("only auditors and administrators read the audit trail");
    ASSIGN_OR_RETURN(audit::Filter f, AuditFilter(c.req));
    ASSIGN_OR_RETURN(auto tx, db.Begin(false));
    ASSIGN_OR_RETURN(auto events, audit::Search(*tx, f));
    json::array items;
    for (const auto& e : events) items.push_back(AuditEventJson(e));
    json::value next =
        events.size() == static_cast<size_t>(f.limit) ? json::value(events.back().id) : json::value(nullptr);
    return internal::Json(json::object{{"items", std::move(items)}, {"next_before_id", next}});
  });
  add("GET", "/api/v1/audit/events.csv", Access::kSession, [&db, &clock](RouteCtx& c) -> Result<Response> {
    if (!MayReadAudit(*c.who)) return Error::Denied("only auditors and administrators export the audit trail");
    ASSIGN_OR_RETURN(audit::Filter f, AuditFilter(c.req));
    constexpr size_t kMaxRows = 100000;
    const bool limited = c.req.query.count("limit") > 0;
    std::vector<audit::StoredEvent> all;
    {
      ASSIGN_OR_RETURN(auto tx, db.Begin(false));
      audit::Filter page = f;
      if (!limited) page.limit = 1000;
      while (all.size() < kMaxRows) {
        ASSIGN_OR_RETURN(auto events, audit::Search(*tx, page));
        all.insert(all.end(), events.begin(), events.end());
        if (limited || events.size() < static_cast<size_t>(page.limit)) break;
        page.before_id = events.back().id;
      }
    }
    // The export is itself audited (a data export), before the data leaves.
    json::object details = FilterJson(f);
    details["rows"] = all.size();
    ASSIGN_OR_RETURN(auto wtx, db.Begin());
    RETURN_IF_ERROR(audit::Record(*wtx, *c.who, c.meta, clock.NowUnix(),
                                  {"audit.export", "audit_events", "csv", json::serialize(details)}));
    RETURN_IF_ERROR(wtx->Commit());
    Response r;
    r.content_type = "text/csv; charset=utf-8; header=present";
    r.body = audit::ToCsv(all);
    r.AddHeader("Content-Disposition", "attachment; filename=\"audit-events.csv\"");
    r.AddHeader("Cache-Control", "private, no-store");
    return r;
  });
}

}  // namespace origine::api
