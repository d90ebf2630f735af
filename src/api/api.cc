#include "api/api.h"

#include <boost/json.hpp>

#include <chrono>
#include <set>

#include "certificates/application_input.h"
#include "http/log.h"
#include "http/problem.h"
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

Response Json(const json::value& v, int status = 200) {
  Response r;
  r.status = status;
  r.body = json::serialize(v);
  r.AddHeader("Cache-Control", "no-store");
  return r;
}

// Decodes a JSON body. 415 without a JSON content type, 400 when malformed.
Result<json::value> JsonBody(const Request& req) {
  const std::string& ct = req.headers.Get("content-type");
  if (ct.rfind("application/json", 0) != 0)
    return Error{ErrorCode::kUnsupportedMedia, "send the body as application/json", {}};
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 32;
  json::value v = json::parse(req.body, ec, {}, opts);
  if (ec) return Error{ErrorCode::kInvalidArgument, "the body is not valid JSON: " + ec.message(), {{"", "invalid-json"}}};
  return v;
}

Result<int64_t> IdParam(const Request& req) {
  const std::string& s = req.path_params.at("id");
  if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound("no application " + s);
  return std::stoll(s);
}

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
  u["company"] = p.company_id ? json::value(json::object{{"id", *p.company_id}, {"name", p.company_name}})
                              : json::value(nullptr);
  return u;
}

bool IsLoopback(const std::string& ip) {
  return ip.rfind("127.", 0) == 0 || ip == "::1" || ip.rfind("::ffff:127.", 0) == 0;
}

const char* MessageFr(const certificates::Verification& v) {
  if (v.not_found) return "Aucun certificat ne porte ce numéro.";
  switch (v.status) {
    case trust::VerifyStatus::kValid: return "Certificat valide : la signature de l'autorité émettrice est vérifiée.";
    case trust::VerifyStatus::kMalformed: return "Code illisible : ce texte n'est pas un code de certificat d'origine.";
    case trust::VerifyStatus::kUnknownSigner:
      return "Signataire inconnu : la clé de signature ne figure pas dans la liste de confiance.";
    case trust::VerifyStatus::kBadSignature: return "Signature invalide : le contenu a été modifié ou falsifié.";
    case trust::VerifyStatus::kExpired: return "Certificat expiré : sa période de validité est dépassée.";
    case trust::VerifyStatus::kNotYetValid: return "Certificat pas encore valide : sa date d'émission est future.";
  }
  return "";
}

const char* MessageEn(const certificates::Verification& v) {
  if (v.not_found) return "No certificate has this number.";
  switch (v.status) {
    case trust::VerifyStatus::kValid: return "Valid certificate: the issuing authority's signature is verified.";
    case trust::VerifyStatus::kMalformed: return "Unreadable: this text is not a certificate-of-origin code.";
    case trust::VerifyStatus::kUnknownSigner: return "Unknown signer: the signing key is not in the trust list.";
    case trust::VerifyStatus::kBadSignature: return "Bad signature: the content was altered or forged.";
    case trust::VerifyStatus::kExpired: return "Expired certificate.";
    case trust::VerifyStatus::kNotYetValid: return "Certificate not yet valid.";
  }
  return "";
}

json::object VerificationJson(const certificates::Verification& v) {
  json::object o;
  o["valid"] = !v.not_found && v.status == trust::VerifyStatus::kValid;
  o["status"] = v.not_found ? "not_found" : std::string(trust::ToString(v.status));
  o["message_fr"] = MessageFr(v);
  o["message_en"] = MessageEn(v);
  o["reason"] = v.reason;
  if (v.claims) {
    const trust::Claims& c = *v.claims;
    json::array goods;
    for (const auto& g : c.goods)
      goods.push_back({{"hs_code", g.hs_code}, {"quantity", g.quantity}, {"unit", g.unit}, {"net_weight_kg", g.net_weight_kg}});
    o["certificate"] = {{"number", c.number},
                        {"regime", c.regime},
                        {"issuer_country", c.issuer_country},
                        {"exporter", {{"name", c.exporter_name}, {"nif", c.exporter_nif}}},
                        {"consignee", {{"name", c.consignee_name}, {"country", c.consignee_country}}},
                        {"origin_country", c.origin_country},
                        {"destination_country", c.destination_country},
                        {"issued_at", FormatUtc(c.issued_at)},
                        {"expires_at", FormatUtc(c.expires_at)},
                        {"invoice_reference", c.invoice_reference},
                        {"goods", std::move(goods)}};
  }
  return o;
}

}  // namespace

Api::Api(storage::Db& db, identity::IdentityService& identity, certificates::ApplicationService& applications,
         certificates::CertificateService& certificates, ApiOptions options)
    : db_(db),
      identity_(identity),
      applications_(applications),
      certificates_(certificates),
      options_(std::move(options)),
      static_files_(options_.web_root) {
  AddRoutes();
}

void Api::AddRoutes() {
  // Wraps a handler with its access rule: session lookup, CSRF on state
  // changes, and the mapping of errors to problem details.
  auto add = [this](const char* method, const char* path, Access access, Handler handler) {
    const bool state_changing = std::string(method) != "GET";
    router_.Add(method, path, [this, access, state_changing, handler = std::move(handler)](Request& req) {
      Ctx ctx{req, std::nullopt, {req.request_id, req.remote_ip, req.headers.Get("user-agent")}};
      const std::string token = http::CookieValue(req.headers, kSessionCookie);
      if (access == Access::kSession || !token.empty()) {
        auto s = identity_.Authenticate(token);
        if (s) ctx.session = std::move(*s);
        else if (access == Access::kSession) return http::Problem(s.error(), req);
      }
      if (access == Access::kSession && state_changing) {
        const std::string& sent = req.headers.Get("x-csrf-token");
        if (sent.empty() || sent != ctx.session->csrf_token)
          return http::Problem(403, "csrf", "missing or wrong X-CSRF-Token header", req);
      }
      Result<Response> r = handler(ctx);
      if (r) return std::move(*r);
      const Error& e = r.error();
      if (e.code == ErrorCode::kInvalidArgument && e.fields.size() == 1 && e.fields[0].message == "invalid-json")
        return http::Problem(400, "invalid-json", e.message, req);
      if (e.code == ErrorCode::kInternal)
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
    r.AddHeader("Set-Cookie", std::string(kSessionCookie) + "=" + s.token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
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

  // --- reference data
  add("GET", "/api/v1/regimes", Access::kPublic, [](Ctx&) -> Result<Response> {
    json::array items;
    for (const auto& r : certificates::Regimes())
      items.push_back({{"code", r.code}, {"label_fr", r.label_fr}, {"label_en", r.label_en},
                       {"validity_days", r.validity_days}});
    return Json(json::object{{"items", std::move(items)}});
  });

  // --- applications
  add("GET", "/api/v1/applications", Access::kSession, [this](Ctx& c) -> Result<Response> {
    std::optional<std::string> status;
    if (auto it = c.req.query.find("status"); it != c.req.query.end()) {
      static const std::set<std::string> kStatuses = {"draft", "submitted", "returned", "approved", "issued"};
      if (!kStatuses.count(it->second))
        return Error::Invalid("unknown status", {{"status", "must be draft, submitted, returned, approved or issued"}});
      status = it->second;
    }
    ASSIGN_OR_RETURN(json::array items, applications_.List(c.who(), status));
    return Json(json::object{{"items", std::move(items)}});
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
    ASSIGN_OR_RETURN(json::array items, certificates_.List(c.who()));
    return Json(json::object{{"items", std::move(items)}});
  });
  add("GET", "/api/v1/certificates/{number}", Access::kSession, [this](Ctx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::object cert, certificates_.Get(c.who(), c.req.path_params.at("number")));
    return Json(cert);
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
  add("GET", "/api/v1/trust-list", Access::kPublic, [this](Ctx&) -> Result<Response> {
    Response r;
    r.body = trust::TrustListToJson(certificates_.trust_list());
    r.AddHeader("Cache-Control", "public, max-age=300");
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
    if (!o.at(key).is_string()) return Error::Invalid(std::string(key) + " must be a string", {{key, "must be a string"}});
    std::string value(o.at(key).as_string());
    if (value.size() > (has_qr ? 8192u : 64u))
      return Error::Invalid(std::string(key) + " is too long", {{key, "too long"}});
    certificates::Verification v = has_qr ? certificates_.VerifyQr(value) : certificates_.VerifyNumber(value);
    return Json(VerificationJson(v));
  });
}

Response Api::Handle(Request& req) {
  const auto start = std::chrono::steady_clock::now();
  std::string route = "(unmatched)";
  Response res;
  if (!http::ParseTarget(req.target, &req.path, &req.query)) {
    req.path = "/";
    res = http::Problem(400, "bad-request", "the request target is malformed", req);
  } else {
    auto match = router_.Find(req);
    if (match.route) {
      route = match.route->path_template;
      res = match.route->handler(req);
    } else if (!match.allowed.empty()) {
      res = http::Problem(405, "method-not-allowed", "use " + match.allowed.front() + " on this resource", req);
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      res.AddHeader("Allow", allow);
    } else if ((req.method == "GET" || req.method == "HEAD") && req.path.rfind("/api/", 0) != 0) {
      route = "(static)";
      if (auto file = static_files_.Serve(req.path)) res = std::move(*file);
      else res = http::Problem(404, "not-found", "no such page", req);
    } else {
      res = http::Problem(404, "not-found", "no such resource", req);
    }
  }
  if (res.content_type.rfind("text/html", 0) == 0)
    res.AddHeader("Content-Security-Policy",
                  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Observe(route, req.method, res.status, seconds);
  log::Line(res.status >= 500 ? "error" : "info", "request",
            {{"request_id", req.request_id}, {"method", req.method}, {"path", req.path}, {"route", route},
             {"remote", req.remote_ip}},
            {{"status", res.status}, {"duration_ms", seconds * 1000}});
  return res;
}

}  // namespace origine::api
