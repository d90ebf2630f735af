#include "identity/password.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace origine::identity {
namespace {
void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}
}  // namespace

Result<std::string> HashPassword(const std::string& password) {
  EnsureSodium();
  if (password.size() < 8)
    return Error::Invalid("password must have at least 8 characters", {{"password", "too short"}});
  if (password.size() > 256) return Error::Invalid("password is too long", {{"password", "too long"}});
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Error::Internal("password hashing ran out of memory");
  return std::string(out);
}

bool VerifyPassword(const std::string& encoded_hash, const std::string& password) {
  EnsureSodium();
  if (password.size() > 256) return false;
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken(size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string Sha256Hex(const std::string& text) {
  EnsureSodium();
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

}  // namespace origine::identity
