#include "trust/trust_list.h"

#include <algorithm>
#include <boost/json.hpp>

#include "core/date.h"
#include "core/encoding.h"
#include "trust/keys.h"

namespace origine::trust {

std::string TrustListToJson(const std::vector<TrustEntry>& entries) {
  // Written by hand: Base64 strings need no escaping, and the field order
  // stays fixed.
  std::string out = "{\"version\":1,\"certificates\":[";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"kid\":\"" + encoding::Base64(entries[i].kid) + "\",\"certificate\":\"" +
           encoding::Base64(entries[i].certificate_der) + "\"}";
  }
  out += "]}";
  return out;
}

namespace {

Result<Bytes> Field(const boost::json::object& obj, const char* name, const std::string& where) {
  const boost::json::value* v = obj.if_contains(name);
  if (v == nullptr) return Error::Invalid("trust_list.field"_code, where + ": field \"" + name + "\" is missing");
  const boost::json::string* s = v->if_string();
  if (s == nullptr) return Error::Invalid("trust_list.field"_code, where + ": field \"" + name + "\" is not a string");
  auto bytes = encoding::FromBase64(std::string_view(s->data(), s->size()));
  if (!bytes) return Error::Invalid("trust_list.field"_code, where + ": field \"" + name + "\" is not valid Base64");
  return std::move(bytes).value();
}

}  // namespace

Result<std::vector<TrustEntry>> TrustListFromJson(std::string_view json) {
  if (json.size() > (size_t{8} << 20)) return Error::Invalid("trust_list.json"_code, "trust list: larger than 8 MiB");
  boost::json::error_code ec;
  boost::json::value root;
  try {
    root = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
  } catch (const std::exception& e) {  // allocation failure; parse errors use ec
    return Error::Internal(std::string("trust list: JSON parser failed: ") + e.what());
  }
  if (ec) return Error::Invalid("trust_list.json"_code, "trust list: invalid JSON (" + ec.message() + ")");
  const boost::json::object* obj = root.if_object();
  if (obj == nullptr) return Error::Invalid("trust_list.json"_code, "trust list: top level is not an object");
  const boost::json::value* version = obj->if_contains("version");
  if (version == nullptr || !version->is_int64() || version->get_int64() != 1) {
    return Error::Invalid("trust_list.format"_code, "trust list: \"version\" must be 1");
  }
  const boost::json::value* certs = obj->if_contains("certificates");
  if (certs == nullptr || !certs->is_array()) {
    return Error::Invalid("trust_list.format"_code, "trust list: \"certificates\" must be an array");
  }
  std::vector<TrustEntry> out;
  const boost::json::array& arr = certs->get_array();
  for (size_t i = 0; i < arr.size(); ++i) {
    const std::string where = "trust list: certificates[" + std::to_string(i) + "]";
    const boost::json::object* entry = arr[i].if_object();
    if (entry == nullptr) return Error::Invalid("trust_list.entry"_code, where + " is not an object");
    TrustEntry e;
    ASSIGN_OR_RETURN(e.kid, Field(*entry, "kid", where));
    ASSIGN_OR_RETURN(e.certificate_der, Field(*entry, "certificate", where));
    if (!ParseCertificate(e.certificate_der)) {
      return Error::Invalid("trust_list.entry"_code, where + ": certificate is not a DER X.509 certificate");
    }
    if (e.kid != KidOf(e.certificate_der)) {
      return Error::Invalid("trust_list.entry"_code, where + ": kid does not match the certificate");
    }
    out.push_back(std::move(e));
  }
  return out;
}

// ---- Format 2 ------------------------------------------------------------

namespace {

std::string Quote(std::string_view text) {
  return boost::json::serialize(boost::json::value(boost::json::string(text)));
}

bool ValidIssuer(const std::string& c) {
  return c.size() == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z';
}

// Strict "YYYY-MM-DDTHH:MM:SSZ": ParseTimestamp (impossible dates refused),
// and only the canonical form FormatUtc writes (no offset, no fraction).
std::optional<int64_t> ParseUtc(std::string_view text) {
  auto t = ParseTimestamp(text);
  if (!t || FormatUtc(*t) != text) return std::nullopt;
  return *t;
}

bool EntryLess(const TrustEntry& a, const TrustEntry& b) {
  if (a.kid != b.kid) return a.kid < b.kid;
  return a.certificate_der < b.certificate_der;
}

Result<std::string> EntryJson(const TrustEntry& e, const std::string& where) {
  auto info = ParseCertificate(e.certificate_der);
  if (!info) return Error::Invalid("trust_list.entry"_code, where + ": certificate is not a DER X.509 certificate");
  if (e.kid != KidOf(e.certificate_der))
    return Error::Invalid("trust_list.entry"_code, where + ": kid does not match the certificate");
  if (e.types.empty()) return Error::Invalid("trust_list.entry"_code, where + ": types is empty");
  std::vector<std::string> types = e.types;
  std::sort(types.begin(), types.end());
  std::string out = "{\"kid\":\"" + encoding::Base64(e.kid) + "\",\"certificate\":\"" +
                    encoding::Base64(e.certificate_der) + "\",\"public_key\":\"" +
                    encoding::Base64(info->public_key_spki_der) + "\",\"not_before\":\"" + FormatUtc(info->not_before) +
                    "\",\"not_after\":\"" + FormatUtc(info->not_after) + "\",\"types\":[";
  for (size_t i = 0; i < types.size(); ++i) {
    if (types[i].empty()) return Error::Invalid("trust_list.entry"_code, where + ": empty type");
    out += (i ? "," : "") + Quote(types[i]);
  }
  out += "]";
  if (e.revocation) {
    if (e.revocation->reason.empty() || e.revocation->reason.size() > kMaxRevocationReason)
      return Error::Invalid("trust_list.entry"_code, where + ": revocation reason must have 1 to " +
                                                         std::to_string(kMaxRevocationReason) + " characters");
    out += ",\"revoked\":{\"at\":\"" + FormatUtc(e.revocation->revoked_at) +
           "\",\"reason\":" + Quote(e.revocation->reason) + "}";
  }
  out += "}";
  return out;
}

std::string HeaderJson(std::span<const uint8_t> root_cert_der) {
  return "{\"alg\":\"ES256\",\"kid\":\"" + encoding::Base64(KidOf(root_cert_der)) + "\",\"typ\":\"" +
         std::string(kTrustListJwsType) + "\"}";
}

Result<boost::json::value> ParseJson(std::string_view json, const char* what) {
  if (json.size() > (size_t{8} << 20))
    return Error::Invalid("trust_list.json"_code, std::string(what) + ": larger than 8 MiB");
  boost::json::error_code ec;
  boost::json::value v;
  try {
    v = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
  } catch (const std::exception& e) {
    return Error::Internal(std::string(what) + ": JSON parser failed: " + e.what());
  }
  if (ec) return Error::Invalid("trust_list.json"_code, std::string(what) + ": invalid JSON (" + ec.message() + ")");
  if (!v.is_object()) return Error::Invalid("trust_list.json"_code, std::string(what) + ": top level is not an object");
  return v;
}

Result<std::string> StringField(const boost::json::object& obj, const char* name, const std::string& where) {
  const boost::json::value* v = obj.if_contains(name);
  if (v == nullptr) return Error::Invalid("trust_list.field"_code, where + ": field \"" + name + "\" is missing");
  if (!v->is_string())
    return Error::Invalid("trust_list.field"_code, where + ": field \"" + name + "\" is not a string");
  return std::string(v->get_string());
}

Result<int64_t> TimeField(const boost::json::object& obj, const char* name, const std::string& where) {
  ASSIGN_OR_RETURN(std::string text, StringField(obj, name, where));
  auto t = ParseUtc(text);
  if (!t)
    return Error::Invalid("trust_list.field"_code,
                          where + ": field \"" + name + "\" is not a UTC time YYYY-MM-DDTHH:MM:SSZ");
  return *t;
}

Result<TrustEntry> ParseEntry(const boost::json::value& v, std::span<const uint8_t> root_der,
                              const std::string& where) {
  const boost::json::object* obj = v.if_object();
  if (obj == nullptr) return Error::Invalid("trust_list.entry"_code, where + " is not an object");
  TrustEntry e;
  ASSIGN_OR_RETURN(e.kid, Field(*obj, "kid", where));
  ASSIGN_OR_RETURN(e.certificate_der, Field(*obj, "certificate", where));
  ASSIGN_OR_RETURN(Bytes spki, Field(*obj, "public_key", where));
  auto info = ParseCertificate(e.certificate_der);
  if (!info) return Error::Invalid("trust_list.entry"_code, where + ": certificate is not a DER X.509 certificate");
  if (e.kid != KidOf(e.certificate_der))
    return Error::Invalid("trust_list.entry"_code, where + ": kid does not match the certificate");
  if (spki != info->public_key_spki_der)
    return Error::Invalid("trust_list.entry"_code, where + ": public_key does not match the certificate");
  ASSIGN_OR_RETURN(int64_t not_before, TimeField(*obj, "not_before", where));
  ASSIGN_OR_RETURN(int64_t not_after, TimeField(*obj, "not_after", where));
  if (not_before != info->not_before || not_after != info->not_after)
    return Error::Invalid("trust_list.entry"_code, where + ": not_before/not_after differ from the certificate");
  if (!VerifyIssuedBy(e.certificate_der, root_der))
    return Error::Invalid("trust_list.entry"_code, where + ": certificate was not issued by the root");
  const boost::json::value* types = obj->if_contains("types");
  if (types == nullptr || !types->is_array() || types->get_array().empty())
    return Error::Invalid("trust_list.entry"_code, where + ": \"types\" must be a non-empty array of strings");
  for (const auto& t : types->get_array()) {
    if (!t.is_string() || t.get_string().empty())
      return Error::Invalid("trust_list.entry"_code, where + ": \"types\" must be a non-empty array of strings");
    e.types.emplace_back(t.get_string());
  }
  std::sort(e.types.begin(), e.types.end());
  if (const boost::json::value* r = obj->if_contains("revoked")) {
    const boost::json::object* ro = r->if_object();
    if (ro == nullptr) return Error::Invalid("trust_list.entry"_code, where + ": \"revoked\" is not an object");
    SignerRevocation rev;
    ASSIGN_OR_RETURN(rev.revoked_at, TimeField(*ro, "at", where + ".revoked"));
    ASSIGN_OR_RETURN(rev.reason, StringField(*ro, "reason", where + ".revoked"));
    if (rev.reason.empty() || rev.reason.size() > kMaxRevocationReason)
      return Error::Invalid("trust_list.entry"_code, where + ".revoked: reason must have 1 to " +
                                                         std::to_string(kMaxRevocationReason) + " characters");
    e.revocation = std::move(rev);
  }
  return e;
}

}  // namespace

Result<std::string> TrustListPayload(const TrustListDocument& doc) {
  if (doc.version < 1) return Error::Invalid("trust_list.format"_code, "trust list: version must be >= 1");
  if (!ValidIssuer(doc.issuer))
    return Error::Invalid("trust_list.format"_code, "trust list: issuer must be two capital letters");
  std::vector<const TrustEntry*> sorted;
  for (const auto& e : doc.entries) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [](const TrustEntry* a, const TrustEntry* b) { return EntryLess(*a, *b); });
  std::string out = "{\"format\":2,\"version\":" + std::to_string(doc.version) + ",\"issuer\":\"" + doc.issuer +
                    "\",\"issued_at\":\"" + FormatUtc(doc.issued_at) + "\",\"certificates\":[";
  for (size_t i = 0; i < sorted.size(); ++i) {
    ASSIGN_OR_RETURN(std::string entry, EntryJson(*sorted[i], "trust list: certificates[" + std::to_string(i) + "]"));
    out += (i ? "," : "") + entry;
  }
  out += "]}";
  return out;
}

Result<std::string> SignTrustList(const TrustListDocument& doc, const Signer& root,
                                  std::span<const uint8_t> root_cert_der) {
  ASSIGN_OR_RETURN(CertInfo root_info, ParseCertificate(root_cert_der));
  if (root.PublicKeySpkiDer() != root_info.public_key_spki_der)
    return Error::Invalid("trust_list.root"_code, "trust list: the root key does not match the root certificate");
  ASSIGN_OR_RETURN(std::string payload, TrustListPayload(doc));
  const std::string header = HeaderJson(root_cert_der);
  const std::string signing_input = encoding::Base64Url(ToBytes(header)) + "." + encoding::Base64Url(ToBytes(payload));
  ASSIGN_OR_RETURN(Bytes sig, root.SignEs256(ToBytes(signing_input)));
  // The document = the payload's fields, then root and jws.
  std::string out = payload.substr(0, payload.size() - 1);
  out += ",\"root\":\"" + encoding::Base64(root_cert_der) + "\",\"jws\":\"" + signing_input + "." +
         encoding::Base64Url(sig) + "\"}";
  return out;
}

Result<int> TrustListFormat(std::string_view json) {
  ASSIGN_OR_RETURN(boost::json::value v, ParseJson(json, "trust list"));
  const auto& obj = v.get_object();
  if (const auto* f = obj.if_contains("format")) {
    if (f->is_int64() && f->get_int64() == 2) return 2;
    return Error::Invalid("trust_list.format"_code, "trust list: unsupported \"format\" (this version reads 2)");
  }
  if (const auto* ver = obj.if_contains("version"); ver && ver->is_int64() && ver->get_int64() == 1) return 1;
  return Error::Invalid("trust_list.format"_code, "trust list: neither \"format\":2 nor \"version\":1");
}

Result<Bytes> EmbeddedTrustListRoot(std::string_view json) {
  ASSIGN_OR_RETURN(boost::json::value v, ParseJson(json, "trust list"));
  ASSIGN_OR_RETURN(Bytes root, Field(v.get_object(), "root", "trust list"));
  if (!ParseCertificate(root))
    return Error::Invalid("trust_list.root"_code, "trust list: \"root\" is not a DER X.509 certificate");
  return root;
}

Result<VerifiedTrustList> VerifySignedTrustList(std::string_view json, std::span<const uint8_t> pinned_root_der) {
  if (!ParseCertificate(pinned_root_der))
    return Error::Invalid("trust_list.root"_code, "trust list: the pinned root is not a DER certificate");
  ASSIGN_OR_RETURN(boost::json::value outer, ParseJson(json, "trust list"));
  ASSIGN_OR_RETURN(std::string jws, StringField(outer.get_object(), "jws", "trust list"));
  const size_t dot1 = jws.find('.');
  const size_t dot2 = dot1 == std::string::npos ? dot1 : jws.find('.', dot1 + 1);
  if (dot2 == std::string::npos || jws.find('.', dot2 + 1) != std::string::npos)
    return Error::Invalid("trust_list.jws"_code, "trust list: jws is not a JWS compact serialization (three parts)");
  auto header_bytes = encoding::FromBase64Url(std::string_view(jws).substr(0, dot1));
  auto payload_bytes = encoding::FromBase64Url(std::string_view(jws).substr(dot1 + 1, dot2 - dot1 - 1));
  auto sig = encoding::FromBase64Url(std::string_view(jws).substr(dot2 + 1));
  if (!header_bytes || !payload_bytes || !sig)
    return Error::Invalid("trust_list.jws"_code, "trust list: jws is not valid base64url");
  auto header = ParseJson(std::string_view(reinterpret_cast<const char*>(header_bytes->data()), header_bytes->size()),
                          "trust list JWS header");
  if (!header) return header.error();
  const auto& h = header->get_object();
  const auto* alg = h.if_contains("alg");
  const auto* typ = h.if_contains("typ");
  const auto* kid = h.if_contains("kid");
  if (alg == nullptr || !alg->is_string() || alg->get_string() != "ES256")
    return Error::Invalid("trust_list.jws"_code, "trust list: JWS alg must be ES256");
  if (typ == nullptr || !typ->is_string() || typ->get_string() != kTrustListJwsType)
    return Error::Invalid("trust_list.jws"_code, "trust list: JWS typ must be " + std::string(kTrustListJwsType));
  if (kid == nullptr || !kid->is_string() || kid->get_string() != encoding::Base64(KidOf(pinned_root_der)))
    return Error::Invalid("trust_list.root"_code,
                          "trust list: signed by another root (JWS kid is not the pinned root's kid)");
  if (h.if_contains("crit") != nullptr)
    return Error::Invalid("trust_list.jws"_code, "trust list: JWS crit is not supported");
  const std::string signing_input = jws.substr(0, dot2);
  if (!VerifyEs256WithCertificate(pinned_root_der, ToBytes(signing_input), *sig))
    return Error::Invalid("trust_list.signature"_code,
                          "trust list: the signature does not verify with the pinned root");

  VerifiedTrustList out;
  out.payload.assign(payload_bytes->begin(), payload_bytes->end());
  out.root_der.assign(pinned_root_der.begin(), pinned_root_der.end());
  ASSIGN_OR_RETURN(boost::json::value pv, ParseJson(out.payload, "trust list payload"));
  const auto& p = pv.get_object();
  const auto* format = p.if_contains("format");
  if (format == nullptr || !format->is_int64() || format->get_int64() != 2)
    return Error::Invalid("trust_list.format"_code, "trust list payload: \"format\" must be 2");
  const auto* version = p.if_contains("version");
  if (version == nullptr || !version->is_int64() || version->get_int64() < 1)
    return Error::Invalid("trust_list.format"_code, "trust list payload: \"version\" must be an integer >= 1");
  out.document.version = version->get_int64();
  ASSIGN_OR_RETURN(out.document.issuer, StringField(p, "issuer", "trust list payload"));
  if (!ValidIssuer(out.document.issuer))
    return Error::Invalid("trust_list.format"_code, "trust list payload: issuer must be two capital letters");
  ASSIGN_OR_RETURN(out.document.issued_at, TimeField(p, "issued_at", "trust list payload"));
  const auto* certs = p.if_contains("certificates");
  if (certs == nullptr || !certs->is_array())
    return Error::Invalid("trust_list.format"_code, "trust list payload: \"certificates\" must be an array");
  const auto& arr = certs->get_array();
  for (size_t i = 0; i < arr.size(); ++i) {
    ASSIGN_OR_RETURN(TrustEntry e, ParseEntry(arr[i], pinned_root_der,
                                              "trust list payload: certificates[" + std::to_string(i) + "]"));
    out.document.entries.push_back(std::move(e));
  }
  return out;
}

}  // namespace origine::trust
