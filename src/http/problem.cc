#include "http/problem.h"

#include <boost/json.hpp>

namespace origine::http {
namespace {

const char* DefaultSlug(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid-input";
    case ErrorCode::kBadRequest:
      return "bad-request";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kPermissionDenied:
      return "forbidden";
    case ErrorCode::kNotFound:
      return "not-found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kPayloadTooLarge:
      return "payload-too-large";
    case ErrorCode::kUnsupportedMedia:
      return "unsupported-media-type";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

const char* Title(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 503:
      return "Service Unavailable";
    default:
      return "Internal Server Error";
  }
}

}  // namespace

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 422;
    case ErrorCode::kBadRequest:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMedia:
      return 415;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response Problem(const Error& error, const Request& req, const std::string& slug) {
  const int status = StatusFor(error.code);
  boost::json::object doc;
  doc["type"] = "/problems/" + (slug.empty() ? std::string(DefaultSlug(error.code)) : slug);
  doc["title"] = Title(status);
  doc["status"] = status;
  // Internal errors never leak their message (it may name tables or files).
  doc["detail"] = error.code == ErrorCode::kInternal ? "An internal error occurred." : error.message;
  doc["instance"] = req.path;
  doc["request_id"] = req.request_id;
  if (!error.fields.empty()) {
    boost::json::array errors;
    for (const auto& f : error.fields) errors.push_back({{"field", f.field}, {"message", f.message}});
    doc["errors"] = std::move(errors);
  }
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(doc);
  if (status == 401) r.AddHeader("WWW-Authenticate", "Cookie realm=\"origine\"");
  return r;
}

Response Problem(int status, const std::string& slug, const std::string& detail, const Request& req) {
  Error e;
  switch (status) {
    case 400:
      e.code = ErrorCode::kBadRequest;
      break;
    case 422:
      e.code = ErrorCode::kInvalidArgument;
      break;
    case 401:
      e.code = ErrorCode::kUnauthenticated;
      break;
    case 403:
      e.code = ErrorCode::kPermissionDenied;
      break;
    case 404:
      e.code = ErrorCode::kNotFound;
      break;
    case 409:
      e.code = ErrorCode::kConflict;
      break;
    case 413:
      e.code = ErrorCode::kPayloadTooLarge;
      break;
    case 415:
      e.code = ErrorCode::kUnsupportedMedia;
      break;
    case 503:
      e.code = ErrorCode::kUnavailable;
      break;
    default:
      e.code = ErrorCode::kInternal;
  }
  e.message = detail;
  Response r = Problem(e, req, slug);
  if (r.status != status) {  // 405 has no ErrorCode of its own
    r.status = status;
    auto doc = boost::json::parse(r.body).as_object();
    doc["status"] = status;
    doc["title"] = Title(status);
    r.body = boost::json::serialize(doc);
  }
  return r;
}

}  // namespace origine::http
