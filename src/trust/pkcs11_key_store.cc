#include "trust/pkcs11_key_store.h"

#include <dlfcn.h>
#include <openssl/crypto.h>
#include <p11-kit/pkcs11.h>

#include <cstring>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "trust/ossl.h"

namespace origine::trust {

namespace {

std::string Rv(CK_RV rv) {
  switch (rv) {
    case CKR_PIN_INCORRECT:
      return "CKR_PIN_INCORRECT";
    case CKR_PIN_LOCKED:
      return "CKR_PIN_LOCKED";
    case CKR_TOKEN_NOT_PRESENT:
      return "CKR_TOKEN_NOT_PRESENT";
    case CKR_KEY_HANDLE_INVALID:
      return "CKR_KEY_HANDLE_INVALID";
    case CKR_MECHANISM_INVALID:
      return "CKR_MECHANISM_INVALID";
    case CKR_USER_NOT_LOGGED_IN:
      return "CKR_USER_NOT_LOGGED_IN";
    default: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "CKR 0x%lx", static_cast<unsigned long>(rv));
      return buf;
    }
  }
}

// DER OID of prime256v1 (P-256), as CKA_EC_PARAMS.
constexpr CK_BYTE kP256Params[] = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
// SubjectPublicKeyInfo prefix for an uncompressed P-256 point (65 bytes follow).
constexpr uint8_t kSpkiPrefix[] = {0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
                                   0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};

std::string Padded(const CK_UTF8CHAR* field, size_t n) {
  std::string s(reinterpret_cast<const char*>(field), n);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  return s;
}

}  // namespace

class Pkcs11Module {
 public:
  ~Pkcs11Module() {
    if (fn_ != nullptr) {
      if (session_ != CK_INVALID_HANDLE) {
        fn_->C_Logout(session_);
        fn_->C_CloseSession(session_);
      }
      fn_->C_Finalize(nullptr);
    }
    if (handle_ != nullptr) ::dlclose(handle_);
  }

  Status Open(const std::string& module_path, const std::string& token_label, std::string& pin) {
    where_ = "PKCS#11 token '" + token_label + "'";
    handle_ = ::dlopen(module_path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr)
      return Error::Unavailable("pkcs11.unavailable"_code, "cannot load the PKCS#11 module " + module_path);
    auto get_list = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(handle_, "C_GetFunctionList"));
    if (get_list == nullptr || get_list(&fn_) != CKR_OK || fn_ == nullptr)
      return Error::Unavailable("pkcs11.unavailable"_code, module_path + " is not a PKCS#11 module");
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    if (CK_RV rv = fn_->C_Initialize(&args); rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      fn_ = nullptr;
      return Error::Unavailable("pkcs11.unavailable"_code, "cannot initialize " + module_path + ": " + Rv(rv));
    }
    CK_ULONG count = 0;
    if (CK_RV rv = fn_->C_GetSlotList(CK_TRUE, nullptr, &count); rv != CKR_OK)
      return Error::Unavailable("pkcs11.unavailable"_code, "cannot list the slots of " + module_path + ": " + Rv(rv));
    std::vector<CK_SLOT_ID> slots(count);
    if (count > 0 && fn_->C_GetSlotList(CK_TRUE, slots.data(), &count) != CKR_OK)
      return Error::Unavailable("pkcs11.unavailable"_code, "cannot list the slots of " + module_path);
    slots.resize(count);
    std::optional<CK_SLOT_ID> slot;
    for (CK_SLOT_ID s : slots) {
      CK_TOKEN_INFO info;
      if (fn_->C_GetTokenInfo(s, &info) != CKR_OK) continue;
      if ((info.flags & CKF_TOKEN_INITIALIZED) && Padded(info.label, sizeof info.label) == token_label) {
        slot = s;
        break;
      }
    }
    if (!slot) return Error::Unavailable("pkcs11.unavailable"_code, where_ + " not found in " + module_path);
    if (CK_RV rv = fn_->C_OpenSession(*slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session_);
        rv != CKR_OK) {
      session_ = CK_INVALID_HANDLE;
      return Error::Unavailable("pkcs11.unavailable"_code, "cannot open a session on " + where_ + ": " + Rv(rv));
    }
    CK_RV rv = fn_->C_Login(session_, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(pin.data()), pin.size());
    OPENSSL_cleanse(pin.data(), pin.size());
    if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_LOCKED || rv == CKR_PIN_INVALID || rv == CKR_PIN_LEN_RANGE)
      return Error::Denied("pkcs11.login"_code, "cannot log in to " + where_ + ": " + Rv(rv));
    if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN)
      return Error::Unavailable("pkcs11.unavailable"_code, "cannot log in to " + where_ + ": " + Rv(rv));
    return {};
  }

  // Handles of the objects of `cls` labelled `label`.
  Result<std::vector<CK_OBJECT_HANDLE>> Find(CK_OBJECT_CLASS cls, const std::string& label) {
    CK_ATTRIBUTE tmpl[] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_LABEL, const_cast<char*>(label.data()), label.size()}};
    if (CK_RV rv = fn_->C_FindObjectsInit(session_, tmpl, 2); rv != CKR_OK)
      return Error::Unavailable("pkcs11.unavailable"_code, "cannot search " + where_ + ": " + Rv(rv));
    std::vector<CK_OBJECT_HANDLE> out;
    CK_OBJECT_HANDLE h[16];
    CK_ULONG n = 0;
    while (fn_->C_FindObjects(session_, h, 16, &n) == CKR_OK && n > 0) out.insert(out.end(), h, h + n);
    fn_->C_FindObjectsFinal(session_);
    return out;
  }

  Result<Bytes> PublicSpki(CK_OBJECT_HANDLE pub, const std::string& label) {
    CK_ATTRIBUTE a{CKA_EC_POINT, nullptr, 0};
    if (fn_->C_GetAttributeValue(session_, pub, &a, 1) != CKR_OK || a.ulValueLen == 0 || a.ulValueLen > 128)
      return Error::Unavailable("pkcs11.unavailable"_code, "cannot read the public key of " + label + " in " + where_);
    Bytes point(a.ulValueLen);
    a.pValue = point.data();
    if (fn_->C_GetAttributeValue(session_, pub, &a, 1) != CKR_OK)
      return Error::Unavailable("pkcs11.unavailable"_code, "cannot read the public key of " + label + " in " + where_);
    // DER OCTET STRING around the point (PKCS#11 2.40), or the bare point.
    if (point.size() == 67 && point[0] == 0x04 && point[1] == 0x41) point.erase(point.begin(), point.begin() + 2);
    if (point.size() != 65 || point[0] != 0x04)
      return Error::Invalid("pkcs11.key"_code,
                            "key " + label + " in " + where_ + " is not an uncompressed P-256 point");
    Bytes spki(std::begin(kSpkiPrefix), std::end(kSpkiPrefix));
    spki.insert(spki.end(), point.begin(), point.end());
    if (!ossl::ParseSpki(spki))
      return Error::Invalid("pkcs11.key"_code, "key " + label + " in " + where_ + " is not on P-256");
    return spki;
  }

  Result<Bytes> Sign(CK_OBJECT_HANDLE priv, std::span<const uint8_t> msg) {
    Bytes digest = ossl::Sha256(msg);
    std::lock_guard<std::mutex> lock(mu);
    CK_MECHANISM mech{CKM_ECDSA, nullptr, 0};
    if (CK_RV rv = fn_->C_SignInit(session_, &mech, priv); rv != CKR_OK)
      return Error::Unavailable("pkcs11.unavailable"_code, "PKCS#11 signing failed in " + where_ + ": " + Rv(rv));
    Bytes sig(64);
    CK_ULONG len = sig.size();
    if (CK_RV rv = fn_->C_Sign(session_, digest.data(), digest.size(), sig.data(), &len); rv != CKR_OK)
      return Error::Unavailable("pkcs11.unavailable"_code, "PKCS#11 signing failed in " + where_ + ": " + Rv(rv));
    if (len != 64) return Error::Internal("PKCS#11 signature is not 64 bytes");
    return sig;
  }

  CK_FUNCTION_LIST_PTR fn() { return fn_; }
  CK_SESSION_HANDLE session() const { return session_; }
  const std::string& where() const { return where_; }
  std::mutex mu;  // serializes every use of the session

 private:
  void* handle_ = nullptr;
  CK_FUNCTION_LIST_PTR fn_ = nullptr;
  CK_SESSION_HANDLE session_ = CK_INVALID_HANDLE;
  std::string where_;
};

namespace {

class Pkcs11Key final : public Signer {
 public:
  Pkcs11Key(std::shared_ptr<Pkcs11Module> m, CK_OBJECT_HANDLE priv, Bytes spki)
      : m_(std::move(m)), priv_(priv), spki_(std::move(spki)) {}
  Result<Bytes> SignEs256(std::span<const uint8_t> msg) const override { return m_->Sign(priv_, msg); }
  Bytes PublicKeySpkiDer() const override { return spki_; }

 private:
  std::shared_ptr<Pkcs11Module> m_;
  CK_OBJECT_HANDLE priv_;
  Bytes spki_;
};

}  // namespace

Result<std::unique_ptr<Pkcs11KeyStore>> Pkcs11KeyStore::Open(const std::string& module_path,
                                                             const std::string& token_label, std::string pin) {
  if (module_path.empty() || token_label.empty() || pin.empty()) {
    OPENSSL_cleanse(pin.data(), pin.size());
    return Error::Invalid("pkcs11.config"_code, "PKCS#11 needs a module path, a token label and a PIN");
  }
  auto module = std::make_shared<Pkcs11Module>();
  Status st = module->Open(module_path, token_label, pin);
  OPENSSL_cleanse(pin.data(), pin.size());
  if (!st) return st.error();
  return std::unique_ptr<Pkcs11KeyStore>(new Pkcs11KeyStore(std::move(module)));
}

Pkcs11KeyStore::~Pkcs11KeyStore() = default;

Result<std::unique_ptr<Signer>> Pkcs11KeyStore::Generate(const std::string& label) {
  if (!IsValidKeyLabel(label))
    return Error::Invalid("key.label"_code, "invalid key label '" + label + "'").With("label", label);
  std::lock_guard<std::mutex> lock(module_->mu);
  ASSIGN_OR_RETURN(auto existing, module_->Find(CKO_PRIVATE_KEY, label));
  if (!existing.empty())
    return Error::Conflict("key.exists"_code, "key " + label + " already exists in " + module_->where())
        .With("label", label);
  CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
  CK_BYTE* lbl = reinterpret_cast<CK_BYTE*>(const_cast<char*>(label.data()));
  CK_ATTRIBUTE pub[] = {{CKA_TOKEN, &yes, sizeof yes},
                        {CKA_VERIFY, &yes, sizeof yes},
                        {CKA_EC_PARAMS, const_cast<CK_BYTE*>(kP256Params), sizeof kP256Params},
                        {CKA_LABEL, lbl, label.size()},
                        {CKA_ID, lbl, label.size()}};
  CK_ATTRIBUTE priv[] = {{CKA_TOKEN, &yes, sizeof yes},     {CKA_PRIVATE, &yes, sizeof yes},
                         {CKA_SENSITIVE, &yes, sizeof yes}, {CKA_EXTRACTABLE, &no, sizeof no},
                         {CKA_SIGN, &yes, sizeof yes},      {CKA_DECRYPT, &no, sizeof no},
                         {CKA_LABEL, lbl, label.size()},    {CKA_ID, lbl, label.size()}};
  CK_MECHANISM mech{CKM_EC_KEY_PAIR_GEN, nullptr, 0};
  CK_OBJECT_HANDLE hpub = CK_INVALID_HANDLE, hpriv = CK_INVALID_HANDLE;
  if (CK_RV rv = module_->fn()->C_GenerateKeyPair(module_->session(), &mech, pub, 5, priv, 8, &hpub, &hpriv);
      rv != CKR_OK)
    return Error::Unavailable("pkcs11.unavailable"_code,
                              "cannot generate key " + label + " in " + module_->where() + ": " + Rv(rv));
  ASSIGN_OR_RETURN(Bytes spki, module_->PublicSpki(hpub, label));
  return std::unique_ptr<Signer>(new Pkcs11Key(module_, hpriv, std::move(spki)));
}

Result<std::unique_ptr<Signer>> Pkcs11KeyStore::Load(const std::string& label) {
  if (!IsValidKeyLabel(label))
    return Error::Invalid("key.label"_code, "invalid key label '" + label + "'").With("label", label);
  std::lock_guard<std::mutex> lock(module_->mu);
  ASSIGN_OR_RETURN(auto privs, module_->Find(CKO_PRIVATE_KEY, label));
  ASSIGN_OR_RETURN(auto pubs, module_->Find(CKO_PUBLIC_KEY, label));
  if (privs.empty() || pubs.empty())
    return Error::NotFound("key.not_found"_code, "no key " + label + " in " + module_->where()).With("label", label);
  if (privs.size() > 1 || pubs.size() > 1)
    return Error::Conflict("pkcs11.key"_code, "several keys labelled " + label + " in " + module_->where());
  ASSIGN_OR_RETURN(Bytes spki, module_->PublicSpki(pubs[0], label));
  return std::unique_ptr<Signer>(new Pkcs11Key(module_, privs[0], std::move(spki)));
}

Status Pkcs11KeyStore::Destroy(const std::string& label) {
  if (!IsValidKeyLabel(label))
    return Error::Invalid("key.label"_code, "invalid key label '" + label + "'").With("label", label);
  std::lock_guard<std::mutex> lock(module_->mu);
  for (CK_OBJECT_CLASS cls : {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY}) {
    ASSIGN_OR_RETURN(auto handles, module_->Find(cls, label));
    for (CK_OBJECT_HANDLE h : handles)
      if (CK_RV rv = module_->fn()->C_DestroyObject(module_->session(), h); rv != CKR_OK)
        return Error::Unavailable("pkcs11.unavailable"_code,
                                  "cannot destroy key " + label + " in " + module_->where() + ": " + Rv(rv));
  }
  return {};
}

}  // namespace origine::trust
