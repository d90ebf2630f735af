#include "api/auth_routes.h"

#include <boost/json.hpp>

#include "api/internal/errors.h"
#include "api/internal/json_io.h"
#include "api/middleware.h"

namespace origine::api {
namespace json = boost::json;
using http::Response;

namespace {

json::object UserJson(const Principal& p) {
  json::object u{{"id", p.user_id}, {"email", p.email}, {"name", p.name}, {"role", RoleName(p.role)}};
  u["company"] =
      p.company_id ? json::value(json::object{{"id", *p.company_id}, {"name", p.company_name}}) : json::value(nullptr);
  return u;
}

}  // namespace

void AddAuthRoutes(const AddRoute& add, identity::IdentityService& identity, bool secure_cookies) {
  add("POST", "/api/v1/auth/login", [&identity, secure_cookies](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::value body, internal::JsonBody(c.req));
    std::vector<FieldError> bad;
    auto field = [&](const char* k) -> std::string {
      if (!body.is_object() || !body.as_object().contains(k) || !body.as_object().at(k).is_string()) {
        bad.push_back(internal::Field("field.required"_code, k, "is required"));
        return "";
      }
      return std::string(body.as_object().at(k).as_string());
    };
    std::string email = field("email"), password = field("password");
    if (!bad.empty()) return Error::Invalid("field.required"_code, "email and password are required", bad);
    ASSIGN_OR_RETURN(identity::Session s, identity.Login(email, password, c.meta));
    Response r = internal::Json(json::object{{"user", UserJson(s.principal)}, {"csrf_token", s.csrf_token}});
    r.AddHeader("Set-Cookie",
                std::string(kSessionCookie) + "=" + s.token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                    std::to_string(identity::IdentityService::kSessionSeconds) + (secure_cookies ? "; Secure" : ""));
    return r;
  });
  add("POST", "/api/v1/auth/logout", [&identity](RouteCtx& c) -> Result<Response> {
    RETURN_IF_ERROR(identity.Logout(http::CookieValue(c.req.headers, kSessionCookie), *c.who, c.meta));
    Response r;
    r.status = 204;
    r.content_type.clear();
    r.AddHeader("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return r;
  });
  add("GET", "/api/v1/auth/me", [](RouteCtx& c) -> Result<Response> {
    return internal::Json(json::object{{"user", UserJson(*c.who)}, {"csrf_token", c.session->csrf_token}});
  });
}

}  // namespace origine::api
