#include "http/problem.h"

#include <boost/json.hpp>

namespace origine::http {
namespace {

const char* DefaultSlug(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return "invalid-input";
    case ErrorKind::kBadRequest:
      return "bad-request";
    case ErrorKind::kUnauthenticated:
      return "unauthenticated";
    case ErrorKind::kPermissionDenied:
      return "forbidden";
    case ErrorKind::kNotFound:
      return "not-found";
    case ErrorKind::kConflict:
      return "conflict";
    case ErrorKind::kPayloadTooLarge:
      return "payload-too-large";
    case ErrorKind::kUnsupportedMedia:
      return "unsupported-media-type";
    case ErrorKind::kUnavailable:
      return "unavailable";
    case ErrorKind::kInternal:
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

int StatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return 422;
    case ErrorKind::kBadRequest:
      return 400;
    case ErrorKind::kUnauthenticated:
      return 401;
    case ErrorKind::kPermissionDenied:
      return 403;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kPayloadTooLarge:
      return 413;
    case ErrorKind::kUnsupportedMedia:
      return 415;
    case ErrorKind::kUnavailable:
      return 503;
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

namespace {

boost::json::object ParamsJson(const ErrorParams& params) {
  boost::json::object out;
  for (const auto& [name, value] : params) out[name] = value;
  return out;
}

ErrorKind KindFor(int status) {
  switch (status) {
    case 400:
      return ErrorKind::kBadRequest;
    case 422:
      return ErrorKind::kInvalidArgument;
    case 401:
      return ErrorKind::kUnauthenticated;
    case 403:
      return ErrorKind::kPermissionDenied;
    case 404:
      return ErrorKind::kNotFound;
    case 409:
      return ErrorKind::kConflict;
    case 413:
      return ErrorKind::kPayloadTooLarge;
    case 415:
      return ErrorKind::kUnsupportedMedia;
    case 503:
      return ErrorKind::kUnavailable;
    default:
      return ErrorKind::kInternal;
  }
}

}  // namespace

namespace {

// The problem document: `status` and its title, type /problems/<slug>.
Response Document(int status, const std::string& slug, const Error& error, const Request& req) {
  const bool internal = error.kind == ErrorKind::kInternal;
  boost::json::object doc;
  doc["type"] = "/problems/" + slug;
  doc["title"] = Title(status);
  doc["status"] = status;
  // Internal errors never leak their message (it may name tables or files).
  doc["detail"] = internal ? "An internal error occurred." : error.message;
  doc["code"] = internal ? std::string("internal") : error.code;
  if (!internal && !error.params.empty()) doc["params"] = ParamsJson(error.params);
  doc["instance"] = req.path;
  doc["request_id"] = req.request_id;
  if (!error.fields.empty() && !internal) {
    boost::json::array errors;
    for (const auto& f : error.fields) {
      boost::json::object item{{"field", f.field}, {"code", f.code}, {"message", f.message}};
      if (!f.params.empty()) item["params"] = ParamsJson(f.params);
      errors.push_back(std::move(item));
    }
    doc["errors"] = std::move(errors);
  }
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(doc);
  if (status == 401) r.AddHeader("WWW-Authenticate", "Cookie realm=\"origine\"");
  return r;
}

}  // namespace

Response Problem(const Error& error, const Request& req, const std::string& slug) {
  return Document(StatusFor(error.kind), slug.empty() ? DefaultSlug(error.kind) : slug, error, req);
}

Response Problem(int status, ErrorId code, const std::string& slug, const std::string& detail, const Request& req) {
  // A 4xx status without an ErrorKind of its own (405) is no internal error:
  // its detail and code are shown (the document keeps the status given).
  ErrorKind kind = KindFor(status);
  if (kind == ErrorKind::kInternal && status < 500) kind = ErrorKind::kBadRequest;
  const Error e = Error::Make(kind, code, detail);
  return Document(status, slug.empty() ? DefaultSlug(kind) : slug, e, req);
}

}  // namespace origine::http
