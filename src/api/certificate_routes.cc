#include "api/certificate_routes.h"

#include <boost/json.hpp>
#include <cctype>

#include "api/internal/json_io.h"
#include "api/internal/params.h"

namespace origine::api {
namespace json = boost::json;
using http::Response;
using internal::Json;

void AddCertificateRoutes(const AddRoute& add, certificates::ApplicationService& applications,
                          certificates::CertificateService& certificates) {
  add("GET", "/api/v1/certificates", [&certificates](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(PageRequest page, internal::PageQuery(c.req, {500, 500}));
    ASSIGN_OR_RETURN(json::object list, certificates.List(*c.who, page));
    return Json(list);
  });
  add("GET", "/api/v1/certificates/{number}", [&certificates](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::object cert, certificates.Get(*c.who, c.req.path_params.at("number")));
    return Json(cert);
  });
  add("POST", "/api/v1/certificates/{number}/revoke", [&applications](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(std::string reason, internal::OptionalStringBody(c.req, "reason"));
    ASSIGN_OR_RETURN(json::object cert,
                     applications.RevokeCertificate(*c.who, c.req.path_params.at("number"), reason, c.meta));
    return Json(cert);
  });
  add("POST", "/api/v1/certificates/{number}/amend", [&applications](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(std::string kind, internal::OptionalStringBody(c.req, "kind"));
    ASSIGN_OR_RETURN(json::object app, applications.StartAmendment(*c.who, c.req.path_params.at("number"),
                                                                   kind.empty() ? "amendment" : kind, c.meta));
    return Json(app, 201);
  });
  add("GET", "/api/v1/certificates/{number}/pdf", [&certificates](RouteCtx& c) -> Result<Response> {
    const std::string& number = c.req.path_params.at("number");
    ASSIGN_OR_RETURN(std::string pdf, certificates.Pdf(*c.who, number));
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
}

}  // namespace origine::api
