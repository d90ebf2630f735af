// origine/trust/key_store.h — where the issuing keys live.
//
// FileKeyStore keeps development keys in a directory (e.g. var/keys, mode
// 0700):
//   root.key.pem                 root private key, PKCS#8 PEM, mode 0600
//   root.crt.der                 self-signed root certificate (10 years)
//   signer-<kid hex>.key.pem     document-signer private key, mode 0600
//   signer-<kid hex>.crt.der     document-signer certificate (2 years)
// Every file is written to a fresh temporary (O_CREAT|O_EXCL, mode 0600),
// fsynced, then renamed into place, so a crash never leaves a partial file.
// Keys are unencrypted on disk for now (see issue 4).
//
// Thread-safety: a FileKeyStore serializes its own calls with a mutex; two
// processes sharing a directory are not coordinated beyond atomic renames.
// Errors name files but never contain key material.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "trust/keys.h"
#include "trust/trust_list.h"

namespace origine::trust {

struct ActiveSigner {
  SigningKey key;
  Bytes certificate_der;
  Bytes kid;  // KidOf(certificate_der)
};

class KeyStore {
 public:
  virtual ~KeyStore() = default;
  // Returns the signer to use at `now`, creating the root and a signer on
  // first use (country: ISO 3166 alpha-2 of the issuing authority).
  virtual Result<ActiveSigner> EnsureDevelopmentKeys(int64_t now, const std::string& country) = 0;
  // Every document-signer certificate in the store (expired ones included),
  // sorted by kid, for the published trust list.
  virtual Result<std::vector<TrustEntry>> SignerCertificates() = 0;
};

class FileKeyStore final : public KeyStore {
 public:
  explicit FileKeyStore(std::string directory);

  // First call on an empty directory: creates it (0700), a root key and a
  // certificate valid [now, now + 10 years), and a signer key and certificate
  // valid [now, now + 2 years) (clipped to the root's validity). Later calls
  // load the files and return the signer valid at `now` with the latest
  // not_after; if none is valid any more, a new signer is created. Fails with
  // kInternal on I/O errors, kInvalidArgument on unreadable or inconsistent
  // files (e.g. a key that does not match its certificate), kConflict when the
  // root certificate has expired.
  Result<ActiveSigner> EnsureDevelopmentKeys(int64_t now, const std::string& country) override;
  Result<std::vector<TrustEntry>> SignerCertificates() override;

 private:
  Result<ActiveSigner> CreateSigner(const SigningKey& root, const Bytes& root_cert, int64_t now,
                                    const std::string& country);
  Result<std::vector<TrustEntry>> SignerCertificatesLocked();
  std::string dir_;
  std::mutex mu_;
};

}  // namespace origine::trust
