#include "api/internal/json_io.h"

#include <boost/json.hpp>

#include "api/internal/errors.h"

namespace origine::api::internal {
namespace json = boost::json;

namespace {

bool Known(std::string_view key, std::initializer_list<std::string_view> allowed) {
  for (std::string_view a : allowed)
    if (key == a) return true;
  return false;
}

}  // namespace

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

Result<json::object> ObjectBody(const http::Request& req) {
  ASSIGN_OR_RETURN(json::value v, JsonBody(req));
  if (!v.is_object()) return NotAnObject();
  return std::move(v.as_object());
}

Status OnlyFields(const json::object& o, std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : o)
    if (!Known(kv.key(), allowed)) return UnknownField(std::string(kv.key()));
  return {};
}

Result<std::string> StringMember(const json::object& o, const std::string& name) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return std::string();
  if (!it->value().is_string()) return NotAString(name);
  return std::string(it->value().as_string());
}

Result<std::map<std::string, std::string>> StringFields(const http::Request& req,
                                                        std::initializer_list<std::string_view> allowed) {
  ASSIGN_OR_RETURN(json::object o, ObjectBody(req));
  std::map<std::string, std::string> out;
  for (const auto& kv : o) {
    if (!Known(kv.key(), allowed)) return UnknownField(std::string(kv.key()));
    if (kv.value().is_null()) continue;
    if (!kv.value().is_string()) return NotAString(std::string(kv.key()));
    out[std::string(kv.key())] = std::string(kv.value().as_string());
  }
  return out;
}

Result<std::string> OptionalStringBody(const http::Request& req, const std::string& field) {
  if (req.body.empty()) return std::string();
  ASSIGN_OR_RETURN(json::object o, ObjectBody(req));
  RETURN_IF_ERROR(OnlyFields(o, {field}));
  return StringMember(o, field);
}

}  // namespace origine::api::internal
