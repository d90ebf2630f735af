#include "trust/trust_list.h"

#include <boost/json.hpp>

#include "trust/base64.h"
#include "trust/keys.h"

namespace origine::trust {

std::string TrustListToJson(const std::vector<TrustEntry>& entries) {
  // Written by hand: Base64 strings need no escaping, and the field order
  // stays fixed.
  std::string out = "{\"version\":1,\"certificates\":[";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"kid\":\"" + Base64Encode(entries[i].kid) + "\",\"certificate\":\"" +
           Base64Encode(entries[i].certificate_der) + "\"}";
  }
  out += "]}";
  return out;
}

namespace {

Result<Bytes> Field(const boost::json::object& obj, const char* name, const std::string& where) {
  const boost::json::value* v = obj.if_contains(name);
  if (v == nullptr) return Error::Invalid(where + ": field \"" + name + "\" is missing");
  const boost::json::string* s = v->if_string();
  if (s == nullptr) return Error::Invalid(where + ": field \"" + name + "\" is not a string");
  auto bytes = Base64Decode(std::string_view(s->data(), s->size()));
  if (!bytes) return Error::Invalid(where + ": field \"" + name + "\" is not valid Base64");
  return std::move(bytes).value();
}

}  // namespace

Result<std::vector<TrustEntry>> TrustListFromJson(std::string_view json) {
  if (json.size() > (size_t{8} << 20)) return Error::Invalid("trust list: larger than 8 MiB");
  boost::json::error_code ec;
  boost::json::value root;
  try {
    root = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
  } catch (const std::exception& e) {  // allocation failure; parse errors use ec
    return Error::Internal(std::string("trust list: JSON parser failed: ") + e.what());
  }
  if (ec) return Error::Invalid("trust list: invalid JSON (" + ec.message() + ")");
  const boost::json::object* obj = root.if_object();
  if (obj == nullptr) return Error::Invalid("trust list: top level is not an object");
  const boost::json::value* version = obj->if_contains("version");
  if (version == nullptr || !version->is_int64() || version->get_int64() != 1) {
    return Error::Invalid("trust list: \"version\" must be 1");
  }
  const boost::json::value* certs = obj->if_contains("certificates");
  if (certs == nullptr || !certs->is_array()) {
    return Error::Invalid("trust list: \"certificates\" must be an array");
  }
  std::vector<TrustEntry> out;
  const boost::json::array& arr = certs->get_array();
  for (size_t i = 0; i < arr.size(); ++i) {
    const std::string where = "trust list: certificates[" + std::to_string(i) + "]";
    const boost::json::object* entry = arr[i].if_object();
    if (entry == nullptr) return Error::Invalid(where + " is not an object");
    TrustEntry e;
    ASSIGN_OR_RETURN(e.kid, Field(*entry, "kid", where));
    ASSIGN_OR_RETURN(e.certificate_der, Field(*entry, "certificate", where));
    if (!ParseCertificate(e.certificate_der)) {
      return Error::Invalid(where + ": certificate is not a DER X.509 certificate");
    }
    if (e.kid != KidOf(e.certificate_der)) {
      return Error::Invalid(where + ": kid does not match the certificate");
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace origine::trust
