// X.509 certificates of the trust chain (declared in keys.h).
#include <openssl/rand.h>

#include <ctime>

#include "trust/keys.h"
#include "trust/ossl.h"

namespace origine::trust {
namespace {

Result<ossl::X509NamePtr> MakeName(const std::string& common_name, const std::string& country) {
  ossl::X509NamePtr name(X509_NAME_new());
  if (!name) return Error::Internal(ossl::Drain("cannot allocate a name"));
  if (country.size() != 2) return Error::Invalid("x509.name"_code, "country must be a 2-letter ISO 3166 code");
  if (common_name.empty() || common_name.size() > 64) {
    return Error::Invalid("x509.name"_code, "common name must have 1 to 64 characters");
  }
  auto add = [&](const char* field, const std::string& value) {
    return X509_NAME_add_entry_by_txt(name.get(), field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(value.data()),
                                      static_cast<int>(value.size()), -1, 0) == 1;
  };
  if (!add("C", country) || !add("CN", common_name)) {
    return Error::Invalid("x509.name"_code, ossl::Drain("invalid certificate name"));
  }
  return name;
}

Status AddExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
  ossl::X509Ext ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) {
    return Error::Internal(ossl::Drain("cannot add a certificate extension"));
  }
  return Status::Ok();
}

Status SetRandomSerial(X509* cert) {
  unsigned char buf[16];
  if (RAND_bytes(buf, sizeof buf) != 1) return Error::Internal(ossl::Drain("RAND_bytes failed"));
  buf[0] &= 0x7f;  // positive
  buf[0] |= 0x40;  // and never zero or short
  ossl::Bignum bn(BN_bin2bn(buf, sizeof buf, nullptr));
  if (!bn || BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) == nullptr) {
    return Error::Internal(ossl::Drain("cannot set the serial number"));
  }
  return Status::Ok();
}

void AppendDerLength(Bytes& out, size_t len) {
  if (len < 0x80) {
    out.push_back(static_cast<uint8_t>(len));
    return;
  }
  uint8_t buf[sizeof(size_t)];
  int n = 0;
  for (size_t v = len; v > 0; v >>= 8) buf[n++] = static_cast<uint8_t>(v & 0xff);
  out.push_back(static_cast<uint8_t>(0x80 | n));
  while (n > 0) out.push_back(buf[--n]);
}

// AlgorithmIdentifier ecdsa-with-SHA256 (1.2.840.10045.4.3.2), no parameters.
constexpr uint8_t kEcdsaSha256AlgId[] = {0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02};

// Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, BIT STRING signature }
// with the Signer's r||s turned into a DER ECDSA-Sig-Value.
Result<Bytes> SignTbs(const Signer& signer, std::span<const uint8_t> tbs) {
  ASSIGN_OR_RETURN(Bytes raw, signer.SignEs256(tbs));
  if (raw.size() != 64) return Error::Internal("signer returned a signature that is not 64 bytes");
  ossl::EcdsaSig es(ECDSA_SIG_new());
  ossl::Bignum r(BN_bin2bn(raw.data(), 32, nullptr));
  ossl::Bignum s(BN_bin2bn(raw.data() + 32, 32, nullptr));
  if (!es || !r || !s || ECDSA_SIG_set0(es.get(), r.get(), s.get()) != 1) {
    return Error::Internal(ossl::Drain("cannot build the certificate signature"));
  }
  (void)r.release();  // owned by es now
  (void)s.release();
  unsigned char* sig_der = nullptr;
  int sig_len = i2d_ECDSA_SIG(es.get(), &sig_der);
  if (sig_len <= 0) return Error::Internal(ossl::Drain("cannot encode the certificate signature"));
  ossl::Buffer owned(sig_der);
  Bytes body(tbs.begin(), tbs.end());
  body.insert(body.end(), std::begin(kEcdsaSha256AlgId), std::end(kEcdsaSha256AlgId));
  body.push_back(0x03);  // BIT STRING: 0 unused bits, then the signature
  AppendDerLength(body, static_cast<size_t>(sig_len) + 1);
  body.push_back(0x00);
  body.insert(body.end(), sig_der, sig_der + sig_len);
  Bytes out{0x30};
  AppendDerLength(out, body.size());
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

// Builds and signs a certificate. `issuer_cert` is null for a self-signed root.
// OpenSSL fills in the to-be-signed part (a throwaway key sets the algorithm
// identifiers), `issuer_key` signs it, and the result must verify with the
// issuer's public key.
Result<Bytes> Build(const Signer& issuer_key, X509* issuer_cert, EVP_PKEY* subject_key, const std::string& common_name,
                    const std::string& country, int64_t not_before, int64_t not_after, bool ca) {
  if (subject_key == nullptr || !ossl::IsP256(subject_key))
    return Error::Invalid("x509.key"_code, "key is empty or not P-256");
  const Bytes issuer_spki = issuer_key.PublicKeySpkiDer();
  ossl::Pkey issuer_public = ossl::ParseSpki(issuer_spki);
  if (!issuer_public || !ossl::IsP256(issuer_public.get()))
    return Error::Invalid("x509.key"_code, "issuer key is empty or not P-256");
  if (not_before >= not_after) return Error::Invalid("x509.validity"_code, "not_before must be before not_after");
  ASSIGN_OR_RETURN(ossl::X509NamePtr subject, MakeName(common_name, country));
  ossl::X509Ptr cert(X509_new());
  if (!cert) return Error::Internal(ossl::Drain("cannot allocate a certificate"));
  X509* x = cert.get();
  if (X509_set_version(x, X509_VERSION_3) != 1 || X509_set_subject_name(x, subject.get()) != 1 ||
      X509_set_issuer_name(x, issuer_cert ? X509_get_subject_name(issuer_cert) : subject.get()) != 1 ||
      ASN1_TIME_set(X509_getm_notBefore(x), static_cast<time_t>(not_before)) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(x), static_cast<time_t>(not_after)) == nullptr ||
      X509_set_pubkey(x, subject_key) != 1) {
    return Error::Internal(ossl::Drain("cannot fill in the certificate"));
  }
  RETURN_IF_ERROR(SetRandomSerial(x));
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer_cert ? issuer_cert : x, x, nullptr, nullptr, 0);
  if (ca) {
    RETURN_IF_ERROR(AddExtension(x, &ctx, NID_basic_constraints, "critical,CA:TRUE"));
    RETURN_IF_ERROR(AddExtension(x, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign"));
  } else {
    RETURN_IF_ERROR(AddExtension(x, &ctx, NID_basic_constraints, "critical,CA:FALSE"));
    RETURN_IF_ERROR(AddExtension(x, &ctx, NID_key_usage, "critical,digitalSignature"));
  }
  RETURN_IF_ERROR(AddExtension(x, &ctx, NID_subject_key_identifier, "hash"));
  RETURN_IF_ERROR(AddExtension(x, &ctx, NID_authority_key_identifier, "keyid:always"));
  ossl::Pkey throwaway(EVP_EC_gen("P-256"));
  if (!throwaway || X509_sign(x, throwaway.get(), EVP_sha256()) <= 0) {
    return Error::Internal(ossl::Drain("cannot prepare the certificate"));
  }
  unsigned char* tbs = nullptr;
  int tbs_len = i2d_re_X509_tbs(x, &tbs);
  if (tbs_len <= 0) return Error::Internal(ossl::Drain("cannot encode the certificate"));
  ossl::Buffer owned(tbs);
  ASSIGN_OR_RETURN(Bytes der, SignTbs(issuer_key, std::span<const uint8_t>(tbs, static_cast<size_t>(tbs_len))));
  ossl::X509Ptr check = ossl::ParseX509(der);
  if (!check || X509_verify(check.get(), issuer_public.get()) != 1) {
    ERR_clear_error();
    return Error::Internal("the signed certificate does not verify with the issuer key");
  }
  return der;
}

Result<int64_t> ToUnix(const ASN1_TIME* t) {
  struct tm tm {};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) {
    return Error::Invalid("x509.validity"_code, ossl::Drain("certificate has an invalid time"));
  }
  return static_cast<int64_t>(timegm(&tm));
}

std::string NameEntry(const X509_NAME* name, int nid) {
  int idx = X509_NAME_get_index_by_NID(name, nid, -1);
  if (idx < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, data);
  if (len < 0) {
    ERR_clear_error();
    return {};
  }
  ossl::Buffer owned(utf8);
  return std::string(reinterpret_cast<const char*>(utf8), static_cast<size_t>(len));
}

}  // namespace

Result<Bytes> MakeRootCertificate(const Signer& root, const std::string& common_name, const std::string& country,
                                  int64_t not_before, int64_t not_after) {
  ossl::Pkey pub = ossl::ParseSpki(root.PublicKeySpkiDer());
  if (!pub) return Error::Invalid("x509.key"_code, "root key is empty or not P-256");
  return Build(root, nullptr, pub.get(), common_name, country, not_before, not_after, true);
}

Result<Bytes> MakeSignerCertificate(const Signer& root, std::span<const uint8_t> root_cert_der,
                                    std::span<const uint8_t> signer_spki_der, const std::string& common_name,
                                    const std::string& country, int64_t not_before, int64_t not_after) {
  ossl::X509Ptr root_cert = ossl::ParseX509(root_cert_der);
  if (!root_cert) return Error::Invalid("x509.parse"_code, "root certificate does not parse");
  ASSIGN_OR_RETURN(CertInfo root_info, ParseCertificate(root_cert_der));
  const Bytes root_spki = root.PublicKeySpkiDer();
  if (root_spki.empty() || root_spki != root_info.public_key_spki_der) {
    return Error::Invalid("x509.key"_code, "root key does not match the root certificate");
  }
  if (not_before < root_info.not_before || not_after > root_info.not_after) {
    return Error::Invalid("x509.validity"_code, "signer validity must lie inside the root certificate's validity");
  }
  ossl::Pkey pub = ossl::ParseSpki(signer_spki_der);
  if (!pub) return Error::Invalid("x509.key"_code, "signer public key is not a DER SubjectPublicKeyInfo");
  return Build(root, root_cert.get(), pub.get(), common_name, country, not_before, not_after, false);
}

Result<Bytes> MakeSignerCertificate(const Signer& root, std::span<const uint8_t> root_cert_der,
                                    const SigningKey& signer_public, const std::string& common_name,
                                    const std::string& country, int64_t not_before, int64_t not_after) {
  const Bytes spki = signer_public.PublicKeySpkiDer();
  if (spki.empty()) return Error::Invalid("x509.key"_code, "key is empty");
  return MakeSignerCertificate(root, root_cert_der, spki, common_name, country, not_before, not_after);
}

Bytes KidOf(std::span<const uint8_t> cert_der) {
  Bytes digest = ossl::Sha256(cert_der);
  digest.resize(8);
  return digest;
}

Result<CertInfo> ParseCertificate(std::span<const uint8_t> cert_der) {
  ossl::X509Ptr cert = ossl::ParseX509(cert_der);
  if (!cert) return Error::Invalid("x509.parse"_code, "certificate is not a single DER X.509 certificate");
  CertInfo info;
  ASSIGN_OR_RETURN(info.not_before, ToUnix(X509_get0_notBefore(cert.get())));
  ASSIGN_OR_RETURN(info.not_after, ToUnix(X509_get0_notAfter(cert.get())));
  const X509_NAME* subject = X509_get_subject_name(cert.get());
  info.common_name = NameEntry(subject, NID_commonName);
  info.country = NameEntry(subject, NID_countryName);
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  unsigned char* der = nullptr;
  int len = key ? i2d_PUBKEY(key, &der) : -1;
  if (len <= 0) return Error::Invalid("x509.parse"_code, ossl::Drain("certificate public key cannot be read"));
  ossl::Buffer owned(der);
  info.public_key_spki_der.assign(der, der + len);
  return info;
}

Status VerifyIssuedBy(std::span<const uint8_t> cert_der, std::span<const uint8_t> issuer_cert_der) {
  ossl::X509Ptr cert = ossl::ParseX509(cert_der);
  ossl::X509Ptr issuer = ossl::ParseX509(issuer_cert_der);
  if (!cert || !issuer) return Error::Invalid("x509.parse"_code, "certificate does not parse");
  if (X509_check_ca(issuer.get()) == 0) return Error::Invalid("x509.issuer"_code, "issuer is not a CA");
  EVP_PKEY* key = X509_get0_pubkey(issuer.get());
  if (key == nullptr || X509_verify(cert.get(), key) != 1) {
    ERR_clear_error();
    return Error::Invalid("x509.issuer"_code, "certificate signature does not verify with the issuer key");
  }
  return Status::Ok();
}

}  // namespace origine::trust
