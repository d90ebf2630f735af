#include "api/internal/json_io.h"

#include <boost/json.hpp>

namespace origine::api::internal {
namespace json = boost::json;

http::Response Json(const json::value& v, int status, const char* cache) {
  http::Response r;
  r.status = status;
  r.body = json::serialize(v);
  r.AddHeader("Cache-Control", cache);
  return r;
}

Result<json::value> JsonBody(const http::Request& req) {
  const std::string& ct = req.headers.Get("content-type");
  if (ct.rfind("application/json", 0) != 0)
    return Error::Unsupported("json.content_type"_code, "send the body as application/json");
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 32;
  json::value v = json::parse(req.body, ec, {}, opts);
  if (ec) return Error::BadRequest("json.malformed"_code, "the body is not valid JSON: " + ec.message());
  return v;
}

Result<std::string> OptionalStringBody(const http::Request& req, const std::string& field) {
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

Result<int64_t> IdParam(const http::Request& req, const char* what) {
  const std::string& s = req.path_params.at("id");
  if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos)
    return Error::NotFound(std::string("no ") + what + " " + s);
  return std::stoll(s);
}

Result<PageRequest> PageQuery(const http::Request& req, const PageLimits& limits) {
  auto limit = req.query.find("limit"), cursor = req.query.find("cursor");
  return ParsePageQuery(limit == req.query.end() ? nullptr : &limit->second,
                        cursor == req.query.end() ? nullptr : &cursor->second, limits);
}

}  // namespace origine::api::internal
