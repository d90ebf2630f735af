#include "api/verify_routes.h"

#include <boost/json.hpp>

#include "api/internal/errors.h"
#include "api/internal/json_io.h"
#include "api/internal/log_json.h"
#include "certificates/verification.h"
#include "core/encoding.h"

namespace origine::api {
namespace json = boost::json;
using http::Response;

void AddVerifyRoutes(const AddRoute& add, storage::Db& db, certificates::CertificateService& certificates,
                     const tlog::Log& log, const tlog::NoteSigner& log_signer) {
  add("POST", "/api/v1/verify", [&db, &certificates, &log, &log_signer](RouteCtx& c) -> Result<Response> {
    ASSIGN_OR_RETURN(json::object o, internal::ObjectBody(c.req));
    RETURN_IF_ERROR(internal::OnlyFields(o, {"qr", "number"}));
    const bool has_qr = o.contains("qr"), has_number = o.contains("number");
    if (has_qr == has_number)
      return internal::InvalidField("verify.qr_or_number"_code, has_qr ? "number" : "qr",
                                    "send exactly one of qr, number", "send either qr or number");
    const char* key = has_qr ? "qr" : "number";
    if (!o.at(key).is_string()) return internal::NotAString(key);
    std::string value(o.at(key).as_string());
    const size_t max = has_qr ? 8192u : 64u;
    if (value.size() > max)
      return internal::InvalidField("field.too_long"_code, key, "too long", std::string(key) + " is too long",
                                    {{"max", std::to_string(max)}});
    certificates::Verification v = has_qr ? certificates.VerifyQr(value) : certificates.VerifyNumber(value);
    json::object out = certificates::VerificationToJson(v);
    if (v.claims) {
      // A certificate of this platform: its issue leaf, the inclusion proof
      // and the signed checkpoint it is proved against (one snapshot).
      ASSIGN_OR_RETURN(auto tx, db.Begin(false));
      ASSIGN_OR_RETURN(auto indices, log.FindByCertificate(*tx, v.claims->number));
      for (uint64_t index : indices) {
        ASSIGN_OR_RETURN(tlog::LogEntry entry, log.Entry(*tx, index));
        auto rec = tlog::DecodeLeafRecord(entry.data);
        if (!rec || rec->event != tlog::Event::kIssue) continue;
        ASSIGN_OR_RETURN(tlog::Checkpoint head, log.Head(*tx));
        ASSIGN_OR_RETURN(auto proof, log.Inclusion(*tx, index, head.size));
        ASSIGN_OR_RETURN(std::string checkpoint, log.SignedCheckpoint(*tx, log_signer));
        out["log"] = {{"index", index},
                      {"tree_size", head.size},
                      {"leaf", encoding::Base64(entry.data)},
                      {"leaf_hash", encoding::Base64(entry.leaf_hash)},
                      {"inclusion_proof", internal::HashesJson(proof)},
                      {"checkpoint", checkpoint}};
        break;
      }
    }
    return internal::Json(out);
  });
}

}  // namespace origine::api
