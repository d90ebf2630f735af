// origine/trust/ossl.h — RAII owners for OpenSSL objects and error draining.
// Internal to the trust module.
//
// Every OpenSSL object created in this module is held by one of these
// unique_ptr aliases from the moment it is created.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <span>
#include <string>

#include "trust/bytes.h"

namespace origine::trust::ossl {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};

struct OpensslFree {
  void operator()(unsigned char* p) const { OPENSSL_free(p); }
};
// A buffer allocated by OpenSSL (i2d_* output).
using Buffer = std::unique_ptr<unsigned char, OpensslFree>;
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using X509Ext = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>>;

// Empties OpenSSL's thread-local error queue and returns "what: <first error>"
// (library reason strings only; they never contain key material).
std::string Drain(const std::string& what);

// Parses a DER X.509 certificate that must span all of `der`; null otherwise.
X509Ptr ParseX509(std::span<const uint8_t> der);

// Parses a DER SubjectPublicKeyInfo that must span all of `der`; null otherwise.
Pkey ParseSpki(std::span<const uint8_t> der);

// True when `pkey` is an EC key on P-256 (prime256v1).
bool IsP256(const EVP_PKEY* pkey);

// 0 < v < n for a 32-byte big-endian scalar v, n the order of the P-256 group.
bool P256ScalarInRange(const uint8_t* v);

// SHA-256 of `data`.
Bytes Sha256(std::span<const uint8_t> data);

}  // namespace origine::trust::ossl
