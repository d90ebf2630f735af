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

namespace {
// The order n of the P-256 group, big-endian.
constexpr uint8_t kP256Order[32] = {0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
                                    0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17,
                                    0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51};
}  // namespace

bool P256ScalarInRange(const uint8_t* v) {
  bool zero = true;
  for (size_t i = 0; i < 32; ++i) zero = zero && v[i] == 0;
  return !zero && std::memcmp(v, kP256Order, 32) < 0;
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
