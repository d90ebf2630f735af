#include "trust/keys.h"

#include <openssl/pem.h>

#include <algorithm>
#include <cstring>

#include "trust/ossl.h"

namespace origine::trust {

void SigningKey::Free::operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }

SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

Result<SigningKey> SigningKey::Generate() {
  EVP_PKEY* pkey = EVP_EC_gen("P-256");
  if (pkey == nullptr) return Error::Internal(ossl::Drain("cannot generate a P-256 key"));
  return SigningKey(pkey);
}

namespace {
// Refuses to supply a passphrase, so OpenSSL never prompts on a terminal.
int NoPassphrase(char*, int, int, void*) { return -1; }
}  // namespace

Result<SigningKey> SigningKey::FromPem(std::string_view pem) {
  if (pem.find("-----BEGIN PRIVATE KEY-----") == std::string_view::npos) {
    return Error::Invalid("key is not an unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY)");
  }
  if (pem.size() > 16384) return Error::Invalid("key PEM is too large");
  ossl::Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Error::Internal(ossl::Drain("cannot allocate a BIO"));
  ossl::Pkey pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  if (!pkey) return Error::Invalid(ossl::Drain("key PEM does not parse"));
  if (!ossl::IsP256(pkey.get())) return Error::Invalid("key is not an EC P-256 key");
  return SigningKey(pkey.release());
}

std::string SigningKey::ToPem() const {
  if (!pkey_) return {};
  ossl::Bio bio(BIO_new(BIO_s_secmem()));
  if (!bio || PEM_write_bio_PKCS8PrivateKey(bio.get(), pkey_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    ERR_clear_error();
    return {};
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  if (len <= 0 || data == nullptr) return {};
  return std::string(data, static_cast<size_t>(len));
}

Result<Bytes> SigningKey::SignEs256(std::span<const uint8_t> msg) const {
  if (!pkey_) return Error::Internal("signing key is empty (moved from)");
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  size_t der_len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &der_len, msg.data(), msg.size()) != 1) {
    return Error::Internal(ossl::Drain("ES256 signing failed"));
  }
  Bytes der(der_len);
  if (EVP_DigestSign(ctx.get(), der.data(), &der_len, msg.data(), msg.size()) != 1) {
    return Error::Internal(ossl::Drain("ES256 signing failed"));
  }
  const unsigned char* p = der.data();
  ossl::EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_len)));
  if (!sig) return Error::Internal(ossl::Drain("ES256: cannot parse the DER signature"));
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  Bytes raw(64);
  if (BN_bn2binpad(r, raw.data(), 32) != 32 || BN_bn2binpad(s, raw.data() + 32, 32) != 32) {
    return Error::Internal(ossl::Drain("ES256: r or s does not fit in 32 bytes"));
  }
  return raw;
}

Bytes SigningKey::PublicKeySpkiDer() const {
  if (!pkey_) return {};
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(pkey_.get(), &der);
  if (len <= 0) {
    ERR_clear_error();
    return {};
  }
  ossl::Buffer owned(der);
  return Bytes(der, der + len);
}

namespace {

bool VerifyWithKey(EVP_PKEY* key, std::span<const uint8_t> msg, std::span<const uint8_t> sig) {
  if (!ossl::IsP256(key) || sig.size() != 64) return false;
  if (!ossl::P256ScalarInRange(sig.data()) || !ossl::P256ScalarInRange(sig.data() + 32)) return false;
  ossl::EcdsaSig es(ECDSA_SIG_new());
  ossl::Bignum r(BN_bin2bn(sig.data(), 32, nullptr));
  ossl::Bignum s(BN_bin2bn(sig.data() + 32, 32, nullptr));
  if (!es || !r || !s || ECDSA_SIG_set0(es.get(), r.get(), s.get()) != 1) {
    ERR_clear_error();
    return false;
  }
  (void)r.release();  // now owned by es
  (void)s.release();
  unsigned char* der = nullptr;
  int der_len = i2d_ECDSA_SIG(es.get(), &der);
  if (der_len <= 0) {
    ERR_clear_error();
    return false;
  }
  ossl::Buffer owned(der);
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestVerify(ctx.get(), der, static_cast<size_t>(der_len), msg.data(), msg.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace

bool VerifyEs256WithSpki(std::span<const uint8_t> spki_der, std::span<const uint8_t> msg,
                         std::span<const uint8_t> sig) {
  ossl::Pkey key = ossl::ParseSpki(spki_der);
  return key && VerifyWithKey(key.get(), msg, sig);
}

bool VerifyEs256WithCertificate(std::span<const uint8_t> cert_der, std::span<const uint8_t> msg,
                                std::span<const uint8_t> sig) {
  ossl::X509Ptr cert = ossl::ParseX509(cert_der);
  if (!cert) return false;
  EVP_PKEY* key = X509_get0_pubkey(cert.get());  // borrowed from cert
  return key != nullptr && VerifyWithKey(key, msg, sig);
}

}  // namespace origine::trust
