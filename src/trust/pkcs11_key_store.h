// origine/trust/pkcs11_key_store.h — keys inside a PKCS#11 token (an HSM, or
// SoftHSM2 in tests and development).
//
// The module (e.g. /usr/lib/softhsm/libsofthsm2.so) is loaded with dlopen and
// driven through the PKCS#11 C API (p11-kit's pkcs11.h; docs/adr/0041).
// Keys are generated inside the token (C_GenerateKeyPair, EC P-256) as token
// objects labelled with the KeyStore label: private half CKA_SENSITIVE,
// not CKA_EXTRACTABLE, CKA_SIGN only. The private key never leaves the token:
// signing is C_Sign(CKM_ECDSA) over the SHA-256 digest computed here, which
// returns r||s. The public half is read from CKA_EC_POINT.
//
// One logged-in session per store; calls are serialized by a mutex (signing
// is rare: one per certificate issued). Errors name the module, token, label
// and the PKCS#11 return value (CKR_*), never the PIN.
#pragma once

#include <memory>
#include <string>

#include "trust/key_store.h"

namespace origine::trust {

class Pkcs11Module;  // the loaded module and its session

class Pkcs11KeyStore final : public KeyStore {
 public:
  // Loads `module_path`, finds the initialized token labelled `token_label`,
  // opens a read-write session and logs in as the user with `pin`. Fails with
  // kUnavailable when the module cannot be loaded or the token is absent,
  // kPermissionDenied on a wrong PIN, kInvalidArgument on empty arguments.
  static Result<std::unique_ptr<Pkcs11KeyStore>> Open(const std::string& module_path, const std::string& token_label,
                                                      std::string pin);
  ~Pkcs11KeyStore() override;

  std::string_view Kind() const override { return "pkcs11"; }
  Result<std::unique_ptr<Signer>> Generate(const std::string& label) override;
  Result<std::unique_ptr<Signer>> Load(const std::string& label) override;
  Status Destroy(const std::string& label) override;

 private:
  explicit Pkcs11KeyStore(std::shared_ptr<Pkcs11Module> module) : module_(std::move(module)) {}
  std::shared_ptr<Pkcs11Module> module_;
};

}  // namespace origine::trust
