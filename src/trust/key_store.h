// origine/trust/key_store.h — where the issuing private keys live.
//
// A KeyStore holds named P-256 private keys (the authority root and the
// document signers) and hands out Signers that sign without revealing them.
// What each key is for, its certificate and its status are kept elsewhere
// (pki::KeyManager, in the database); a store only knows labels.
// Two implementations:
//   FileKeyStore   encrypted PKCS#8 files (scrypt + AES-256-CBC), the default
//   Pkcs11KeyStore keys inside a PKCS#11 token (pkcs11_key_store.h)
//
// Labels: 1 to 64 characters of [a-z0-9-] (e.g. "signer-20261127-083000-3fa1").
// Errors name labels and files, never key material, passphrases or PINs.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "trust/keys.h"

namespace origine::trust {

// True for a valid key label.
bool IsValidKeyLabel(std::string_view label);

class KeyStore {
 public:
  virtual ~KeyStore() = default;
  // "file" or "pkcs11" (recorded with each key in the database).
  virtual std::string_view Kind() const = 0;
  // Generates a new P-256 key named `label`. Fails with kInvalidArgument on a
  // bad label, kConflict if the label exists, kInternal/kUnavailable on a
  // store failure.
  virtual Result<std::unique_ptr<Signer>> Generate(const std::string& label) = 0;
  // The key named `label`. Fails with kNotFound if absent, kPermissionDenied
  // when it cannot be unlocked (wrong passphrase or PIN).
  virtual Result<std::unique_ptr<Signer>> Load(const std::string& label) = 0;
  // Destroys the key named `label` (a removed signer must never sign again).
  // Absent is not an error.
  virtual Status Destroy(const std::string& label) = 0;
};

// Keys as files in `directory` (mode 0700):
//   <label>.key.pem   encrypted PKCS#8 PEM ("BEGIN ENCRYPTED PRIVATE KEY"),
//                     mode 0600, written atomically (temporary, fsync, rename)
// The passphrase (the key-encryption key) is kept in memory only and wiped
// when the store is destroyed.
//
// Thread-safety: calls are serialized by a mutex; two processes sharing a
// directory are coordinated only by O_EXCL creation and atomic renames.
class FileKeyStore final : public KeyStore {
 public:
  // Opens (creating it 0700 if needed) `directory`. Fails with
  // kInvalidArgument on an empty passphrase, and with kConflict when the
  // directory holds unencrypted keys of an earlier version (root.key.pem,
  // signer-*.key.pem with "BEGIN PRIVATE KEY"), naming the file and what to do.
  // `scrypt_log2_n` is the key-encryption cost of new files (14 in
  // production; tests use 10 to stay fast under sanitizers).
  static Result<std::unique_ptr<FileKeyStore>> Open(const std::string& directory, std::string passphrase,
                                                    int scrypt_log2_n = 14);
  ~FileKeyStore() override;

  std::string_view Kind() const override { return "file"; }
  Result<std::unique_ptr<Signer>> Generate(const std::string& label) override;
  Result<std::unique_ptr<Signer>> Load(const std::string& label) override;
  Status Destroy(const std::string& label) override;

  // Path of the file of `label` (for messages and tests).
  std::string PathOf(const std::string& label) const;

 private:
  FileKeyStore(std::string directory, std::string passphrase, int scrypt_log2_n);
  std::string dir_;
  std::string passphrase_;
  int scrypt_log2_n_;
  std::mutex mu_;
};

// The key-encryption passphrase: the whole content of `path` with one
// trailing newline removed. Fails with kNotFound when absent, kPermissionDenied
// when the file is readable by group or others (it must be 0600 or 0400),
// kInvalidArgument when it is empty or shorter than 16 bytes.
Result<std::string> ReadPassphraseFile(const std::string& path);
// Same rules for any secret file (e.g. a PKCS#11 PIN), at least `min_size` bytes.
Result<std::string> ReadSecretFile(const std::string& path, size_t min_size);

// Creates `path` (mode 0600; its directory 0700 if missing) holding 32 random bytes in Base64 and
// returns them; for development installations (`make run`). Fails with
// kConflict when the file exists.
Result<std::string> CreatePassphraseFile(const std::string& path);

}  // namespace origine::trust
