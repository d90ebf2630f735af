#include "api/api.h"

#include <boost/json.hpp>
#include <chrono>
#include <ctime>
#include <set>

#include "api/internal/json_io.h"
#include "api/payment_routes.h"
#include "api/registry_routes.h"
#include "api/trust_routes.h"
#include "audit/audit.h"
#include "certificates/application_input.h"
#include "core/log.h"
#include "http/problem.h"
#include "trust/base64.h"
#include "trust/trust_list.h"

namespace origine::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

constexpr const char* kSessionCookie = "origine_session";

enum class Access { kPublic, kSession };

struct Ctx {
  Request& req;
  std::optional<identity::Session> session;
  RequestMeta meta;
  const Principal& who() const { return session->principal; }
};

using Handler = std::function<Result<Response>(Ctx&)>;

using internal::Json;
using internal::JsonBody;

Result<int64_t> IdParam(const Request& req) { return internal::IdParam(req, "application"); }

// Optional {"comment": "..."} body of review actions (an empty body is allowed).
Result<std::string> CommentBody(const Request& req) {
  if (req.body.empty()) return std::string();
  ASSIGN_OR_RETURN(json::value v, JsonBody(req));
  if (!v.is_object()) return Error::Invalid("the body must be a JSON object");
  const auto& o = v.as_object();
  for (const auto& kv : o)
    if (kv.key() != "comment") return Error::Invalid("unknown field", {{std::string(kv.key()), "unknown field"}});
  auto it = o.find("comment");
  if (it == o.end() || it->value().is_null()) return std::string();
  if (!it->value().is_string()) return Error::Invalid("comment must be a string", {{"comment", "must be a string"}});
  return std::string(it->value().as_string());
}

json::object UserJson(const Principal& p) {
  json::object u{{"id", p.user_id}, {"email", p.email}, {"name", p.name}, {"role", RoleName(p.role)}};
  u["company"] =
      p.company_id ? json::value(json::object{{"id", *p.company_id}, {"name", p.company_name}}) : json::value(nullptr);
  return u;
}

bool IsLoopback(const std::string& ip) {
  return ip.rfind("127.", 0) == 0 || ip == "::1" || ip.rfind("::ffff:127.", 0) == 0;
}

// Optional {"<field>": "..."} body (an empty body or a null field gives "").
Result<std::string> OptionalStringBody(const Request& req, const std::string& field) {
  if (req.body.empty()) return std::string();
  ASSIGN_OR_RETURN(json::value v, JsonBody(req));
  if (!v.is_object()) return Error::Invalid("the body must be a JSON object");
  const auto& o = v.as_object();
  for (const auto& kv : o)
    if (kv.key() != field) return Error::Invalid("unknown field", {{std::string(kv.key()), "unknown field"}});
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::string();
  if (!it->value().is_string()) return Error::Invalid(field + " must be a string", {{field, "must be a string"}});
  return std::string(it->value().as_string());
}

std::string B64(std::span<const uint8_t> bytes) { return trust::Base64Encode(bytes); }

// A non-negative decimal query parameter (at most 18 digits).
Result<std::optional<int64_t>> IntQuery(const Request& req, const char* name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::optional<int64_t>();
  const std::string& s = it->second;
  if (s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
    return Error::Invalid(std::string(name) + " must be a non-negative integer",
                          {{name, "must be a non-negative integer"}});
  return std::optional<int64_t>(std::stoll(s));
}

Result<uint64_t> RequiredIntQuery(const Request& req, const char* name) {
  ASSIGN_OR_RETURN(std::optional<int64_t> v, IntQuery(req, name));
  if (!v) return Error::Invalid(std::string(name) + " is required", {{name, "is required"}});
  return static_cast<uint64_t>(*v);
}

// YYYY-MM-DD → Unix seconds at 00:00 UTC.
Result<std::optional<int64_t>> DateQuery(const Request& req, const char* name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::optional<int64_t>();
  const std::string& s = it->second;
  std::tm tm{};
  const char* end = s.size() == 10 ? strptime(s.c_str(), "%Y-%m-%d", &tm) : nullptr;
  if (end == nullptr || *end != '\0')
    return Error::Invalid(std::string(name) + " must be a date YYYY-MM-DD", {{name, "must be a date YYYY-MM-DD"}});
  return std::optional<int64_t>(static_cast<int64_t>(timegm(&tm)));
}

Result<audit::Filter> AuditFilter(const Request& req) {
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
  ASSIGN_OR_RETURN(f.from, DateQuery(req, "from"));
  ASSIGN_OR_RETURN(std::optional<int64_t> to, DateQuery(req, "to"));
  if (to) f.to = *to + 86400;  // the whole "to" day is included
  ASSIGN_OR_RETURN(f.before_id, IntQuery(req, "before_id"));
  ASSIGN_OR_RETURN(std::optional<int64_t> limit, IntQuery(req, "limit"));
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

json::array HashesJson(const std::vector<tlog::Hash>& hashes) {
  json::array a;
  for (const auto& h : hashes) a.push_back(json::value(B64(h)));
  return a;
}

}  // namespace

Api::Api(storage::Db& db, const Clock& clock, identity::IdentityService& identity,
         certificates::ApplicationService& applications, certificates::CertificateService& certificates,
         pki::KeyManager& keys, trust::TrustListSource& trust, const tlog::Log& log, const tlog::NoteSigner& log_signer,
         ApiOptions options, payments::PaymentService* payments, payments::Reconciler* reconciler)
    : db_(db),
      clock_(clock),
      log_(log),
      log_signer_(log_signer),
      identity_(identity),
      applications_(applications),
      certificates_(certificates),
      keys_(keys),
      trust_(trust),
      options_(std::move(options)),
      payments_(payments),
      reconciler_(reconciler),
      static_files_(options_.web_root) {
  AddRoutes();
}

void Api::AddRoutes() {
  // Wraps a handler with its access rule: session lookup, CSRF on state
  // changes, and the mapping of errors to problem details.
  // A refused permission is audited in its own transaction; a failure to
  // record it is logged (the 403 answer stands).
  auto record_denied = [this](const Ctx& ctx, const std::string& route, const std::string& reason) {
    std::optional<Principal> who;
    if (ctx.session) who = ctx.session->principal;
    json::object details{{"method", ctx.req.method}, {"path", ctx.req.path}, {"reason", reason}};
    Status st = [&]() -> Status {
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      RETURN_IF_ERROR(
          audit::Record(*tx, who, ctx.meta, clock_.NowUnix(),
                        {"access.denied", "route", ctx.req.method + " " + route, json::serialize(details)}));
      return tx->Commit();
    }();
    if (!st)
      log::Error("cannot audit a refused request", {{"request_id", ctx.req.request_id}, {"error", st.error().message}});
  };
  auto add = [this, record_denied](const char* method, const char* path, Access access, Handler handler) {
    const bool state_changing = std::string(method) != "GET";
    const std::string route = path;
    router_.Add(
        method, path, [this, access, state_changing, route, record_denied, handler = std::move(handler)](Request& req) {
          Ctx ctx{req, std::nullopt, {req.request_id, req.remote_ip, req.headers.Get("user-agent")}};
          const std::string token = http::CookieValue(req.headers, kSessionCookie);
          if (access == Access::kSession || !token.empty()) {
            auto s = identity_.Authenticate(token);
            if (s)
              ctx.session = std::move(*s);
            else if (access == Access::kSession)
              return http::Problem(s.error(), req);
          }
          if (access == Access::kSession && state_changing) {
            const std::string& sent = req.headers.Get("x-csrf-token");
            if (sent.empty() || sent != ctx.session->csrf_token) {
              record_denied(ctx, route, "missing or wrong X-CSRF-Token header");
              return http::Problem(403, "csrf.invalid"_code, "csrf", "missing or wrong X-CSRF-Token header", req);
            }
          }
          Result<Response> r = handler(ctx);
          if (r) return std::move(*r);
          const Error& e = r.error();
          if (e.kind == ErrorKind::kPermissionDenied) record_denied(ctx, route, e.message);
          if (e.code == "json.malformed") return http::Problem(e, req, "invalid-json");
          if (e.kind == ErrorKind::kInternal)
            log::Error("internal error", {{"request_id", req.request_id}, {"error", e.message}});
          return http::Problem(e, req);
        });
  };

  add("GET", "/healthz", Access::kPublic, [this](Ctx&) -> Result<Response> {
    if (!db_.Healthy()) return Error::Unavailable("the database is not ready");
    return Json(json::object{{"status", "ok"}});
  });
  add("GET", "/metrics", Access::kPublic, [this](Ctx& c) -> Result<Response> {
    if (!IsLoopback(c.req.remote_ip)) return Error::NotFound("not found");
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics_.Render();
    if (payments_) r.body += payments_->metrics().Render();
    return r;
  });
  add("GET", "/api/v1/openapi.json", Access::kPublic, [](Ctx&) -> Result<Response> {
    Response r;
    r.body = OpenApiJson();
    return r;
  });

  // --- sessions
  add("POST", "/api/v1/auth/login", Access::kPublic, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    std::vector<FieldError> bad;
    auto field = [&](const char* k) -> std::string {
      if (!body.is_object() || !body.as_object().contains(k) || !body.as_object().at(k).is_string()) {
        bad.push_back({k, "is required"});
        return "";
      }
      return std::string(body.as_object().at(k).as_string());
    };
    std::string email = field("email"), password = field("password");
    if (!bad.empty()) return Error::Invalid("email and password are required", bad);
    ASSIGN_OR_RETURN(identity::Session s, identity_.Login(email, password, c.meta));
    Response r = Json(json::object{{"user", UserJson(s.principal)}, {"csrf_token", s.csrf_token}});
    r.AddHeader("Set-Cookie", std::string(kSessionCookie) + "=" + s.token +
                                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                  std::to_string(identity::IdentityService::kSessionSeconds) +
                                  (options_.secure_cookies ? "; Secure" : ""));
    return r;
  });
  add("POST", "/api/v1/auth/logout", Access::kSession, [this](Ctx& c) -> Result<Response> {
    RETURN_IF_ERROR(identity_.Logout(http::CookieValue(c.req.headers, kSessionCookie), c.who(), c.meta));
    Response r;
    r.status = 204;
    r.content_type.clear();
    r.AddHeader("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return r;
  });
  add("GET", "/api/v1/auth/me", Access::kSession, [](Ctx& c) -> Result<Response> {
    return Json(json::object{{"user", UserJson(c.who())}, {"csrf_token", c.session->csrf_token}});
  });

  // --- regimes, origin calculator, registries, reference data (registry_routes.cc)
  AddRegistryRoutes(
      [&add](const char* m, const char* p, bool session, RouteHandler h) {
        add(m, p, session ? Access::kSession : Access::kPublic, [h = std::move(h)](Ctx& c) {
          RouteCtx rc{c.req, c.session ? &c.session->principal : nullptr, c.meta};
          return h(rc);
        });
      },
      db_, clock_, applications_);
  // --- payments, ledger, reconciliation (payment_routes.cc)
  AddPaymentRoutes(
      [&add](const char* m, const char* p, bool session, RouteHandler h) {
        add(m, p, session ? Access::kSession : Access::kPublic, [h = std::move(h)](Ctx& c) {
          RouteCtx rc{c.req, c.session ? &c.session->principal : nullptr, c.meta};
          return h(rc);
        });
      },
      payments_, reconciler_);

  // --- trust list: latest, versions, root (trust_routes.cc)
  AddTrustRoutes(
      [&add](const char* m, const char* p, bool session, RouteHandler h) {
        add(m, p, session ? Access::kSession : Access::kPublic, [h = std::move(h)](Ctx& c) {
          RouteCtx rc{c.req, c.session ? &c.session->principal : nullptr, c.meta};
          return h(rc);
        });
      },
      keys_, trust_);

  // --- applications
  add("GET", "/api/v1/applications", Access::kSession, [this](Ctx& c) -> Result<Response> {
    std::optional<std::string> status;
    if (auto it = c.req.query.find("status"); it != c.req.query.end()) {
      static const std::set<std::string> kStatuses = {"draft",    "awaiting_payment", "submitted",
                                                      "returned", "approved",         "issued"};
      if (!kStatuses.count(it->second))
        return Error::Invalid("unknown status",
                              {{"status", "must be draft, awaiting_payment, submitted, returned, approved or issued"}});
      status = it->second;
    }
    // Default 500: the web pages that read one page keep working.
    ASSIGN_OR_RETURN(PageRequest page, internal::PageQuery(c.req, {500, 500}));
    ASSIGN_OR_RETURN(json::object list, applications_.List(c.who(), status, page));
    return Json(list);
  });
  add("POST", "/api/v1/applications", Access::kSession, [this](Ctx& c) -> Result<Response> {
    if (c.who().role != Role::kExporter) return Error::Denied("only exporters create applications");
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    ASSIGN_OR_RETURN(json::object app, applications_.Create(c.who(), body, c.meta));
    Response r = Json(app, 201);
    r.AddHeader("Location", "/api/v1/applications/" + std::to_string(app["id"].as_int64()));
    return r;
  });
  add("GET", "/api/v1/applications/{id}", Access::kSession, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req));
    ASSIGN_OR_RETURN(json::object app, applications_.Get(c.who(), id));
    return Json(app);
  });
  add("PUT", "/api/v1/applications/{id}", Access::kSession, [this](Ctx& c) -> Result<Response> {
    if (c.who().role != Role::kExporter) return Error::Denied("only exporters edit applications");
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req));
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    ASSIGN_OR_RETURN(json::object app, applications_.Update(c.who(), id, body, c.meta));
    return Json(app);
  });
  add("POST", "/api/v1/applications/{id}/submit", Access::kSession, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req));
    ASSIGN_OR_RETURN(json::object app, applications_.Submit(c.who(), id, c.meta));
    return Json(app);
  });
  add("POST", "/api/v1/applications/{id}/approve", Access::kSession, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req));
    ASSIGN_OR_RETURN(std::string comment, CommentBody(c.req));
    ASSIGN_OR_RETURN(json::object app, applications_.Approve(c.who(), id, comment, c.meta));
    return Json(app);
  });
  add("POST", "/api/v1/applications/{id}/return", Access::kSession, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req));
    ASSIGN_OR_RETURN(std::string comment, CommentBody(c.req));
    ASSIGN_OR_RETURN(json::object app, applications_.Return(c.who(), id, comment, c.meta));
    return Json(app);
  });
  add("POST", "/api/v1/applications/{id}/sign", Access::kSession, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req));
    ASSIGN_OR_RETURN(json::object app, applications_.Sign(c.who(), id, c.meta));
    return Json(app);
  });

  // --- certificates
  add("GET", "/api/v1/certificates", Access::kSession, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(PageRequest page, internal::PageQuery(c.req, {500, 500}));
    ASSIGN_OR_RETURN(json::object list, certificates_.List(c.who(), page));
    return Json(list);
  });
  add("GET", "/api/v1/certificates/{number}", Access::kSession, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::object cert, certificates_.Get(c.who(), c.req.path_params.at("number")));
    return Json(cert);
  });
  add("POST", "/api/v1/certificates/{number}/revoke", Access::kSession, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(std::string reason, OptionalStringBody(c.req, "reason"));
    ASSIGN_OR_RETURN(json::object cert,
                     applications_.RevokeCertificate(c.who(), c.req.path_params.at("number"), reason, c.meta));
    return Json(cert);
  });
  add("POST", "/api/v1/certificates/{number}/amend", Access::kSession, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(std::string kind, OptionalStringBody(c.req, "kind"));
    ASSIGN_OR_RETURN(json::object app, applications_.StartAmendment(c.who(), c.req.path_params.at("number"),
                                                                    kind.empty() ? "amendment" : kind, c.meta));
    return Json(app, 201);
  });
  add("GET", "/api/v1/certificates/{number}/pdf", Access::kSession, [this](Ctx& c) -> Result<Response> {
    const std::string& number = c.req.path_params.at("number");
    ASSIGN_OR_RETURN(std::string pdf, certificates_.Pdf(c.who(), number));
    Response r;
    r.content_type = "application/pdf";
    r.body = std::move(pdf);
    std::string safe;
    for (char ch : number)
      if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-') safe += ch;
    r.AddHeader("Content-Disposition", "attachment; filename=\"certificat-" + safe + ".pdf\"");
    r.AddHeader("Cache-Control", "private, no-store");
    return r;
  });
  add("POST", "/api/v1/verify", Access::kPublic, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    if (!body.is_object()) return Error::Invalid("the body must be a JSON object");
    const auto& o = body.as_object();
    for (const auto& kv : o)
      if (kv.key() != "qr" && kv.key() != "number")
        return Error::Invalid("unknown field", {{std::string(kv.key()), "unknown field"}});
    const bool has_qr = o.contains("qr"), has_number = o.contains("number");
    if (has_qr == has_number)
      return Error::Invalid("send either qr or number", {{has_qr ? "number" : "qr", "send exactly one of qr, number"}});
    const char* key = has_qr ? "qr" : "number";
    if (!o.at(key).is_string())
      return Error::Invalid(std::string(key) + " must be a string", {{key, "must be a string"}});
    std::string value(o.at(key).as_string());
    if (value.size() > (has_qr ? 8192u : 64u))
      return Error::Invalid(std::string(key) + " is too long", {{key, "too long"}});
    certificates::Verification v = has_qr ? certificates_.VerifyQr(value) : certificates_.VerifyNumber(value);
    json::object out = certificates::VerificationToJson(v);
    if (v.claims) {
      // A certificate of this platform: its issue leaf, the inclusion proof
      // and the signed checkpoint it is proved against (one snapshot).
      ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
      ASSIGN_OR_RETURN(auto indices, log_.FindByCertificate(*tx, v.claims->number));
      for (uint64_t index : indices) {
        ASSIGN_OR_RETURN(tlog::LogEntry entry, log_.Entry(*tx, index));
        auto rec = tlog::DecodeLeafRecord(entry.data);
        if (!rec || rec->event != tlog::Event::kIssue) continue;
        ASSIGN_OR_RETURN(tlog::Checkpoint head, log_.Head(*tx));
        ASSIGN_OR_RETURN(auto proof, log_.Inclusion(*tx, index, head.size));
        ASSIGN_OR_RETURN(std::string checkpoint, log_.SignedCheckpoint(*tx, log_signer_));
        out["log"] = {{"index", index},
                      {"tree_size", head.size},
                      {"leaf", B64(entry.data)},
                      {"leaf_hash", B64(entry.leaf_hash)},
                      {"inclusion_proof", HashesJson(proof)},
                      {"checkpoint", checkpoint}};
        break;
      }
    }
    return Json(out);
  });

  // --- transparency log (public)
  add("GET", "/log/checkpoint", Access::kPublic, [this](Ctx&) -> Result<Response> {
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(std::string note, log_.SignedCheckpoint(*tx, log_signer_));
    Response r;
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::move(note);
    r.AddHeader("Cache-Control", "no-store");
    return r;
  });
  add("GET", "/log/tile/{path...}", Access::kPublic, [this](Ctx& c) -> Result<Response> {
    auto tile = tlog::ParseTilePath("tile/" + c.req.path_params.at("path"));
    if (!tile) return Error::NotFound("no such tile");
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(std::string bytes, log_.ReadTile(*tx, *tile));
    Response r;
    r.content_type = "application/octet-stream";
    r.body = std::move(bytes);
    r.AddHeader("Cache-Control", tile->full() ? "public, max-age=31536000, immutable" : "no-store");
    return r;
  });
  add("GET", "/api/v1/log/key", Access::kPublic, [this](Ctx&) -> Result<Response> {
    return Json(json::object{{"origin", log_.origin()}, {"vkey", log_signer_.VerifierKey()}});
  });
  add("GET", "/api/v1/log/proof/inclusion", Access::kPublic, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(uint64_t index, RequiredIntQuery(c.req, "index"));
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(uint64_t current, log_.Size(*tx));
    ASSIGN_OR_RETURN(std::optional<int64_t> size_q, IntQuery(c.req, "size"));
    const uint64_t size = size_q ? static_cast<uint64_t>(*size_q) : current;
    if (size > current || index >= size)
      return Error::Invalid("need index < size <= the tree size (" + std::to_string(current) + ")",
                            {{"index", "must be below size"}, {"size", "at most the tree size"}});
    ASSIGN_OR_RETURN(tlog::LogEntry entry, log_.Entry(*tx, index));
    ASSIGN_OR_RETURN(auto proof, log_.Inclusion(*tx, index, size));
    ASSIGN_OR_RETURN(tlog::Hash root, log_.RootAt(*tx, size));
    return Json(json::object{{"index", index},
                             {"tree_size", size},
                             {"leaf", B64(entry.data)},
                             {"leaf_hash", B64(entry.leaf_hash)},
                             {"root_hash", B64(root)},
                             {"inclusion_proof", HashesJson(proof)}});
  });
  add("GET", "/api/v1/log/proof/consistency", Access::kPublic, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(uint64_t from, RequiredIntQuery(c.req, "from"));
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(uint64_t current, log_.Size(*tx));
    ASSIGN_OR_RETURN(std::optional<int64_t> to_q, IntQuery(c.req, "to"));
    const uint64_t to = to_q ? static_cast<uint64_t>(*to_q) : current;
    if (from == 0 || from > to || to > current)
      return Error::Invalid("need 0 < from <= to <= the tree size (" + std::to_string(current) + ")",
                            {{"from", "must be positive and at most to"}, {"to", "at most the tree size"}});
    ASSIGN_OR_RETURN(auto proof, log_.Consistency(*tx, from, to));
    ASSIGN_OR_RETURN(tlog::Hash root1, log_.RootAt(*tx, from));
    ASSIGN_OR_RETURN(tlog::Hash root2, log_.RootAt(*tx, to));
    return Json(json::object{{"from", from},
                             {"to", to},
                             {"from_root_hash", B64(root1)},
                             {"to_root_hash", B64(root2)},
                             {"consistency_proof", HashesJson(proof)}});
  });

  // --- audit trail (auditor and admin)
  add("GET", "/api/v1/audit/events", Access::kSession, [this](Ctx& c) -> Result<Response> {
    if (!MayReadAudit(c.who())) return Error::Denied("only auditors and administrators read the audit trail");
    ASSIGN_OR_RETURN(audit::Filter f, AuditFilter(c.req));
    ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
    ASSIGN_OR_RETURN(auto events, audit::Search(*tx, f));
    json::array items;
    for (const auto& e : events) items.push_back(AuditEventJson(e));
    json::value next =
        events.size() == static_cast<size_t>(f.limit) ? json::value(events.back().id) : json::value(nullptr);
    return Json(json::object{{"items", std::move(items)}, {"next_before_id", next}});
  });
  add("GET", "/api/v1/audit/events.csv", Access::kSession, [this](Ctx& c) -> Result<Response> {
    if (!MayReadAudit(c.who())) return Error::Denied("only auditors and administrators export the audit trail");
    ASSIGN_OR_RETURN(audit::Filter f, AuditFilter(c.req));
    constexpr size_t kMaxRows = 100000;
    const bool limited = c.req.query.count("limit") > 0;
    std::vector<audit::StoredEvent> all;
    {
      ASSIGN_OR_RETURN(auto tx, db_.Begin(false));
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
    ASSIGN_OR_RETURN(auto wtx, db_.Begin());
    RETURN_IF_ERROR(audit::Record(*wtx, c.who(), c.meta, clock_.NowUnix(),
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

Response Api::Handle(Request& req) {
  const auto start = std::chrono::steady_clock::now();
  std::string route = "(unmatched)";
  Response res;
  if (!http::ParseTarget(req.target, &req.path, &req.query)) {
    req.path = "/";
    res = http::Problem(400, "http.bad_request"_code, "bad-request", "the request target is malformed", req);
  } else {
    auto match = router_.Find(req);
    if (match.route) {
      route = match.route->path_template;
      res = match.route->handler(req);
    } else if (!match.allowed.empty()) {
      res = http::Problem(405, "http.method_not_allowed"_code, "method-not-allowed",
                          "use " + match.allowed.front() + " on this resource", req);
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      res.AddHeader("Allow", allow);
    } else if ((req.method == "GET" || req.method == "HEAD") && req.path.rfind("/api/", 0) != 0) {
      route = "(static)";
      if (auto file = static_files_.Serve(req.path))
        res = std::move(*file);
      else
        res = http::Problem(404, "http.not_found"_code, "not-found", "no such page", req);
    } else {
      res = http::Problem(404, "http.not_found"_code, "not-found", "no such resource", req);
    }
  }
  if (res.content_type.rfind("text/html", 0) == 0)
    res.AddHeader("Content-Security-Policy",
                  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Observe(route, req.method, res.status, seconds);
  log::Line(res.status >= 500 ? "error" : "info", "request",
            {{"request_id", req.request_id},
             {"method", req.method},
             {"path", req.path},
             {"route", route},
             {"remote", req.remote_ip}},
            {{"status", res.status}, {"duration_ms", seconds * 1000}});
  return res;
}

}  // namespace origine::api
