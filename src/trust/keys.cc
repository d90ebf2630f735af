#include "trust/keys.h"

#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>

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
    return Error::Invalid("key.pem"_code, "key is not an unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY)");
  }
  if (pem.size() > 16384) return Error::Invalid("key.pem"_code, "key PEM is too large");
  ossl::Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Error::Internal(ossl::Drain("cannot allocate a BIO"));
  ossl::Pkey pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  if (!pkey) return Error::Invalid("key.pem"_code, ossl::Drain("key PEM does not parse"));
  if (!ossl::IsP256(pkey.get())) return Error::Invalid("key.pem"_code, "key is not an EC P-256 key");
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

Result<SigningKey> SigningKey::FromEncryptedPem(std::string_view pem, std::string_view passphrase) {
  if (pem.find("-----BEGIN ENCRYPTED PRIVATE KEY-----") == std::string_view::npos) {
    return Error::Invalid("key.pem"_code, "key is not an encrypted PKCS#8 PEM (BEGIN ENCRYPTED PRIVATE KEY)");
  }
  if (pem.size() > 16384) return Error::Invalid("key.pem"_code, "key PEM is too large");
  if (passphrase.empty()) return Error::Invalid("key.passphrase"_code, "empty passphrase");
  ossl::Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Error::Internal(ossl::Drain("cannot allocate a BIO"));
  std::unique_ptr<X509_SIG, ossl::Deleter<X509_SIG_free>> enc(
      PEM_read_bio_PKCS8(bio.get(), nullptr, NoPassphrase, nullptr));
  if (!enc) return Error::Invalid("key.pem"_code, ossl::Drain("encrypted key PEM does not parse"));
  std::unique_ptr<PKCS8_PRIV_KEY_INFO, ossl::Deleter<PKCS8_PRIV_KEY_INFO_free>> p8(
      PKCS8_decrypt(enc.get(), passphrase.data(), static_cast<int>(passphrase.size())));
  if (!p8) {
    ERR_clear_error();
    return Error::Denied("key.locked"_code, "cannot decrypt the key: wrong passphrase or damaged file");
  }
  ossl::Pkey pkey(EVP_PKCS82PKEY(p8.get()));
  if (!pkey) return Error::Invalid("key.pem"_code, ossl::Drain("decrypted key does not parse"));
  if (!ossl::IsP256(pkey.get())) return Error::Invalid("key.pem"_code, "key is not an EC P-256 key");
  return SigningKey(pkey.release());
}

Result<std::string> SigningKey::ToEncryptedPem(std::string_view passphrase, int scrypt_log2_n) const {
  if (!pkey_) return Error::Internal("signing key is empty (moved from)");
  if (passphrase.empty()) return Error::Invalid("key.passphrase"_code, "empty passphrase");
  if (scrypt_log2_n < 10 || scrypt_log2_n > 14)
    return Error::Invalid("key.scrypt"_code, "scrypt log2(N) must be 10 to 14");
  unsigned char salt[16];
  if (RAND_bytes(salt, sizeof salt) != 1) return Error::Internal(ossl::Drain("RAND_bytes failed"));
  // scrypt N=2^14, r=8, p=1: 16 MiB per attempt, within OpenSSL's default
  // 32 MiB scrypt memory limit for PKCS#8 decryption.
  X509_ALGOR* pbe =
      PKCS5_pbe2_set_scrypt(EVP_aes_256_cbc(), salt, sizeof salt, nullptr, uint64_t{1} << scrypt_log2_n, 8, 1);
  if (pbe == nullptr) return Error::Internal(ossl::Drain("cannot set up scrypt"));
  std::unique_ptr<X509_ALGOR, ossl::Deleter<X509_ALGOR_free>> pbe_owned(pbe);
  std::unique_ptr<PKCS8_PRIV_KEY_INFO, ossl::Deleter<PKCS8_PRIV_KEY_INFO_free>> p8(EVP_PKEY2PKCS8(pkey_.get()));
  if (!p8) return Error::Internal(ossl::Drain("cannot encode the key"));
  X509_SIG* enc = PKCS8_set0_pbe(passphrase.data(), static_cast<int>(passphrase.size()), p8.get(), pbe);
  if (enc == nullptr) return Error::Internal(ossl::Drain("cannot encrypt the key"));
  (void)pbe_owned.release();  // owned by enc now
  std::unique_ptr<X509_SIG, ossl::Deleter<X509_SIG_free>> enc_owned(enc);
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PKCS8(bio.get(), enc) != 1) return Error::Internal(ossl::Drain("cannot write the key"));
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  if (len <= 0 || data == nullptr) return Error::Internal("cannot write the key");
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
