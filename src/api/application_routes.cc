#include "api/application_routes.h"

#include <boost/json.hpp>

#include "api/internal/json_io.h"
#include "api/internal/params.h"

namespace origine::api {
namespace json = boost::json;
using http::Response;
using internal::Json;
using internal::JsonBody;

namespace {

Result<int64_t> IdParam(const http::Request& req) {
  return internal::IdParam(req, "application.not_found"_code, "application");
}

// Optional {"comment": "..."} body of review actions (an empty body is allowed).
Result<std::string> CommentBody(const http::Request& req) { return internal::OptionalStringBody(req, "comment"); }

}  // namespace

void AddApplicationRoutes(const AddRoute& add, certificates::ApplicationService& applications) {
  add("GET", "/api/v1/applications", [&applications](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(std::optional<std::string> status,
                     internal::OneOfQuery(c.req, "status",
                                          {"draft", "awaiting_payment", "submitted", "returned", "approved", "issued"},
                                          "application.status_unknown"_code,
                                          "must be draft, awaiting_payment, submitted, returned, approved or issued"));
    // Default 500: the web pages that read one page keep working.
    ASSIGN_OR_RETURN(PageRequest page, internal::PageQuery(c.req, {500, 500}));
    ASSIGN_OR_RETURN(json::object list, applications.List(*c.who, status, page));
    return Json(list);
  });
  add("POST", "/api/v1/applications", [&applications](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    ASSIGN_OR_RETURN(json::object app, applications.Create(*c.who, body, c.meta));
    Response r = Json(app, 201);
    r.AddHeader("Location", "/api/v1/applications/" + std::to_string(app["id"].as_int64()));
    return r;
  });
  add("GET", "/api/v1/applications/{id}", [&applications](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req));
    ASSIGN_OR_RETURN(json::object app, applications.Get(*c.who, id));
    return Json(app);
  });
  add("PUT", "/api/v1/applications/{id}", [&applications](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req));
    ASSIGN_OR_RETURN(json::value body, JsonBody(c.req));
    ASSIGN_OR_RETURN(json::object app, applications.Update(*c.who, id, body, c.meta));
    return Json(app);
  });
  add("POST", "/api/v1/applications/{id}/submit", [&applications](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req));
    ASSIGN_OR_RETURN(json::object app, applications.Submit(*c.who, id, c.meta));
    return Json(app);
  });
  add("POST", "/api/v1/applications/{id}/approve", [&applications](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req));
    ASSIGN_OR_RETURN(std::string comment, CommentBody(c.req));
    ASSIGN_OR_RETURN(json::object app, applications.Approve(*c.who, id, comment, c.meta));
    return Json(app);
  });
  add("POST", "/api/v1/applications/{id}/return", [&applications](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req));
    ASSIGN_OR_RETURN(std::string comment, CommentBody(c.req));
    ASSIGN_OR_RETURN(json::object app, applications.Return(*c.who, id, comment, c.meta));
    return Json(app);
  });
  add("POST", "/api/v1/applications/{id}/sign", [&applications](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(int64_t id, IdParam(c.req));
    ASSIGN_OR_RETURN(json::object app, applications.Sign(*c.who, id, c.meta));
    return Json(app);
  });
}

}  // namespace origine::api
