// origine/trust/keys.h — ES256 (ECDSA P-256 / SHA-256) keys, signatures and
// the X.509 certificates of the trust chain (root → document signer).
//
// Signatures are raw r||s, 64 bytes (the COSE and IEEE P1363 form).
// Thread-safety: a SigningKey may be used from several threads at once through
// its const methods; the free functions are reentrant.
// Failures come back as Error values; messages never contain key material.
#pragma once

#include <openssl/types.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "trust/bytes.h"

namespace origine::trust {

// An ES256 private key that signs without revealing itself: a SigningKey in
// memory, or a key inside a PKCS#11 token (pkcs11_key_store.h).
// Implementations are safe to use from several threads at once.
class Signer {
 public:
  virtual ~Signer() = default;
  // ECDSA over SHA-256(msg), returned as r||s (64 bytes). Errors never carry
  // key material.
  virtual Result<Bytes> SignEs256(std::span<const uint8_t> msg) const = 0;
  // DER SubjectPublicKeyInfo of the public half (empty on failure).
  virtual Bytes PublicKeySpkiDer() const = 0;
};

// A P-256 private key. Move-only; owns its EVP_PKEY. A moved-from key is empty:
// SignEs256 fails and ToPem/PublicKeySpkiDer return empty values.
class SigningKey final : public Signer {
 public:
  // A fresh random key. Fails with kInternal if OpenSSL cannot generate one.
  static Result<SigningKey> Generate();
  // Parses an unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY") holding a P-256
  // key. Fails with kInvalidArgument otherwise (encrypted keys included; no
  // passphrase prompt ever happens).
  static Result<SigningKey> FromPem(std::string_view pem);
  // Parses an encrypted PKCS#8 PEM ("BEGIN ENCRYPTED PRIVATE KEY") with
  // `passphrase`. Fails with kPermissionDenied when the passphrase is wrong (or
  // the file damaged: PKCS#8 cannot tell them apart), kInvalidArgument when
  // the text is not an encrypted PKCS#8 P-256 key.
  static Result<SigningKey> FromEncryptedPem(std::string_view pem, std::string_view passphrase);

  SigningKey(SigningKey&&) noexcept;
  SigningKey& operator=(SigningKey&&) noexcept;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  ~SigningKey() override;

  // Unencrypted PKCS#8 PEM. The caller owns the secret in the returned string
  // and must store it with restrictive permissions. Empty on failure.
  std::string ToPem() const;
  // Encrypted PKCS#8 PEM: PBES2 with scrypt (N=2^scrypt_log2_n, r=8, p=1,
  // 16-byte random salt) and AES-256-CBC. N=2^14 (16 MiB) is the most
  // OpenSSL's default 32 MiB scrypt limit lets PKCS#8 decryption use; tests
  // may pass 10 (not less). Fails with kInvalidArgument on an empty passphrase
  // or a log2_n outside 10..14, kInternal on an OpenSSL failure.
  Result<std::string> ToEncryptedPem(std::string_view passphrase, int scrypt_log2_n = 14) const;
  // ECDSA over SHA-256(msg), returned as r||s (64 bytes). Randomized.
  Result<Bytes> SignEs256(std::span<const uint8_t> msg) const override;
  // DER SubjectPublicKeyInfo of the public half.
  Bytes PublicKeySpkiDer() const override;
  // Borrowed OpenSSL handle for this module's certificate code; null when empty.
  EVP_PKEY* native() const { return pkey_.get(); }

 private:
  struct Free {
    void operator()(EVP_PKEY* p) const;
  };
  explicit SigningKey(EVP_PKEY* pkey) : pkey_(pkey) {}
  std::unique_ptr<EVP_PKEY, Free> pkey_;
};

// Verifies an ES256 signature (r||s) over `msg` with a P-256 public key given
// as DER SubjectPublicKeyInfo, or taken from a DER X.509 certificate. False
// when the key or certificate does not parse or is not P-256, when `sig` is
// not exactly 64 bytes, when r or s is 0 or >= the group order, or when the
// signature does not verify. Certificate validity dates are not checked here.
bool VerifyEs256WithSpki(std::span<const uint8_t> spki_der, std::span<const uint8_t> msg, std::span<const uint8_t> sig);
bool VerifyEs256WithCertificate(std::span<const uint8_t> cert_der, std::span<const uint8_t> msg,
                                std::span<const uint8_t> sig);

// ---- Certificates (certificate.cc) ----

struct CertInfo {
  int64_t not_before = 0;  // unix seconds
  int64_t not_after = 0;
  std::string common_name;  // subject CN, UTF-8; empty if absent
  std::string country;      // subject C; empty if absent
  Bytes public_key_spki_der;
};

// Certificates are signed through Signer::SignEs256 (the to-be-signed part is
// built by OpenSSL, signed by the Signer, and the result is checked with the
// issuer's public key), so a root key inside a PKCS#11 token works the same.

// Self-signed X.509 v3 root: CA:TRUE (critical), keyUsage keyCertSign+cRLSign
// (critical), subject = issuer = CN/C, random 127-bit serial, SHA-256 with
// ECDSA. Fails with kInvalidArgument if not_before >= not_after or the key is
// not P-256, kInternal on an OpenSSL or signing failure.
Result<Bytes> MakeRootCertificate(const Signer& root, const std::string& common_name, const std::string& country,
                                  int64_t not_before, int64_t not_after);

// Document-signer certificate for the public key `signer_spki_der` (DER
// SubjectPublicKeyInfo, P-256), issued by `root` whose certificate is
// `root_cert_der`: CA:FALSE, keyUsage digitalSignature (critical), random
// serial. Fails with kInvalidArgument if the root certificate does not parse
// or does not match `root`, if not_before >= not_after, or if the validity is
// not inside the root's.
Result<Bytes> MakeSignerCertificate(const Signer& root, std::span<const uint8_t> root_cert_der,
                                    std::span<const uint8_t> signer_spki_der, const std::string& common_name,
                                    const std::string& country, int64_t not_before, int64_t not_after);
// Same, for the public half of an in-memory key.
Result<Bytes> MakeSignerCertificate(const Signer& root, std::span<const uint8_t> root_cert_der,
                                    const SigningKey& signer_public, const std::string& common_name,
                                    const std::string& country, int64_t not_before, int64_t not_after);

// The COSE kid of a certificate: the first 8 bytes of SHA-256(DER).
Bytes KidOf(std::span<const uint8_t> cert_der);

// Reads validity, subject and public key. Fails with kInvalidArgument when
// `cert_der` is not exactly one DER certificate.
Result<CertInfo> ParseCertificate(std::span<const uint8_t> cert_der);

// Checks that `cert_der`'s signature verifies with `issuer_cert_der`'s key and
// that the issuer is a CA. Fails with kInvalidArgument otherwise.
Status VerifyIssuedBy(std::span<const uint8_t> cert_der, std::span<const uint8_t> issuer_cert_der);

}  // namespace origine::trust
