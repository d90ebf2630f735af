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
