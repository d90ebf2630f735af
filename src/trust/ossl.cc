#include "trust/ossl.h"

#include <cstdlib>
#include <cstring>

namespace origine::trust::ossl {

std::string Drain(const std::string& what) {
  unsigned long first = ERR_get_error();
  ERR_clear_error();
  if (first == 0) return what;
  const char* reason = ERR_reason_error_string(first);
  return what + ": " + (reason ? reason : "OpenSSL error");
}

X509Ptr ParseX509(std::span<const uint8_t> der) {
  if (der.empty() || der.size() > (1u << 20)) return nullptr;
  const unsigned char* p = der.data();
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert || p != der.data() + der.size()) {
    ERR_clear_error();
    return nullptr;
  }
  return cert;
}

Pkey ParseSpki(std::span<const uint8_t> der) {
  if (der.empty() || der.size() > (1u << 16)) return nullptr;
  const unsigned char* p = der.data();
  Pkey key(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
  if (!key || p != der.data() + der.size()) {
    ERR_clear_error();
    return nullptr;
  }
  return key;
}

bool IsP256(const EVP_PKEY* pkey) {
  if (pkey == nullptr || EVP_PKEY_get_base_id(pkey) != EVP_PKEY_EC) return false;
  char name[64] = {};
  size_t len = 0;
  if (EVP_PKEY_get_group_name(pkey, name, sizeof name, &len) != 1) {
    ERR_clear_error();
    return false;
  }
  return std::strcmp(name, "prime256v1") == 0;
}

Bytes Sha256(std::span<const uint8_t> data) {
  Bytes out(32);
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr) != 1 || len != 32) {
    std::abort();  // SHA-256 is always available in the default provider
  }
  return out;
}

}  // namespace origine::trust::ossl
