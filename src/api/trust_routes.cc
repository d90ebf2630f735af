#include "api/trust_routes.h"

#include <boost/json.hpp>

#include "api/internal/json_io.h"
#include "core/encoding.h"

namespace origine::api {

namespace json = boost::json;
using http::Response;

namespace {

Response Document(std::string body, int64_t version, const char* cache) {
  Response r;
  r.body = std::move(body);
  r.AddHeader("Cache-Control", cache);
  r.AddHeader("ETag", "\"tl-" + std::to_string(version) + "\"");
  return r;
}

}  // namespace

void AddTrustRoutes(const AddRoute& add, pki::KeyManager& keys, trust::TrustListSource& trust) {
  add("GET", "/api/v1/trust-list", [&trust](RouteCtx&) -> Result<Response> {
    std::shared_ptr<const trust::TrustListSnapshot> list = trust.Current();
    if (list->version == 0) return Error::NotFound("trust_list.not_found"_code, "no trust list published yet");
    // no-cache: a removed signer must reach verifiers at their next request
    // (the ETag lets caches revalidate).
    return Document(list->json, list->version, "no-cache");
  });
  add("GET", "/api/v1/trust-list/versions", [&keys](RouteCtx&) -> Result<Response> {
    ASSIGN_OR_RETURN(auto versions, keys.Versions());
    json::array a;
    for (const auto& v : versions)
      a.push_back(json::object{{"version", v.version},
                               {"issued_at", FormatUtc(v.issued_at)},
                               {"sha256", v.sha256},
                               {"log_index", v.log_index}});
    return internal::Json(json::object{{"versions", std::move(a)}}, 200, "public, max-age=60");
  });
  add("GET", "/api/v1/trust-list/versions/{version}", [&keys](RouteCtx& c) -> Result<Response> {
    const std::string& s = c.req.path_params.at("version");
    if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos || s[0] == '0')
      return Error::NotFound("trust_list.not_found"_code, "no trust list version " + s).With("version", s);
    const int64_t n = std::stoll(s);
    ASSIGN_OR_RETURN(std::string doc, keys.TrustListDocument(n));
    return Document(std::move(doc), n, "public, max-age=31536000, immutable");
  });
  add("GET", "/api/v1/trust-list/root", [&keys](RouteCtx&) -> Result<Response> {
    ASSIGN_OR_RETURN(trust::Bytes der, keys.RootCertificate());
    ASSIGN_OR_RETURN(trust::CertInfo info, trust::ParseCertificate(der));
    return internal::Json(json::object{{"kid", encoding::Base64(trust::KidOf(der))},
                                       {"certificate", encoding::Base64(der)},
                                       {"public_key", encoding::Base64(info.public_key_spki_der)},
                                       {"not_before", FormatUtc(info.not_before)},
                                       {"not_after", FormatUtc(info.not_after)}},
                          200, "public, max-age=3600");
  });
}

}  // namespace origine::api
