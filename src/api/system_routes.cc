#include "api/system_routes.h"

#include <boost/json.hpp>

#include "api/internal/json_io.h"

namespace origine::api {
namespace json = boost::json;
using http::Response;

namespace {

bool IsLoopback(const std::string& ip) {
  return ip.rfind("127.", 0) == 0 || ip == "::1" || ip.rfind("::ffff:127.", 0) == 0;
}

}  // namespace

void AddSystemRoutes(const AddRoute& add, storage::Db& db, const http::Metrics& metrics,
                     payments::PaymentService* payments, const std::string& openapi_json) {
  add("GET", "/healthz", [&db](RouteCtx&) -> Result<Response> {
    if (!db.Healthy()) return Error::Unavailable("health.database"_code, "the database is not ready");
    return internal::Json(json::object{{"status", "ok"}});
  });
  add("GET", "/metrics", [&metrics, payments](RouteCtx& c) -> Result<Response> {
    if (!IsLoopback(c.req.remote_ip)) return Error::NotFound("http.not_found"_code, "not found");
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.Render();
    if (payments) r.body += payments->metrics().Render();
    return r;
  });
  add("GET", "/api/v1/openapi.json", [&openapi_json](RouteCtx&) -> Result<Response> {
    Response r;
    r.body = openapi_json;
    return r;
  });
}

}  // namespace origine::api
