#include "identity/password.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

#include "core/encoding.h"

namespace origine::identity {
namespace {

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

ErrorParams LengthParams() {
  return {{"min", std::to_string(kMinPasswordBytes)}, {"max", std::to_string(kMaxPasswordBytes)}};
}

}  // namespace

FieldError PasswordLengthError(const std::string& field, const std::string& message) {
  return {field, "password.length"_code, message, LengthParams()};
}

Result<std::string> HashPassword(const std::string& password) {
  EnsureSodium();
  if (password.size() < kMinPasswordBytes || password.size() > kMaxPasswordBytes) {
    const bool short_one = password.size() < kMinPasswordBytes;
    Error e = Error::Invalid("password.length"_code,
                             short_one ? "password must have at least 8 characters" : "password is too long",
                             {PasswordLengthError("password", short_one ? "too short" : "too long")});
    e.params = LengthParams();
    return e;
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Error::Internal("password hashing ran out of memory");
  return std::string(out);
}

bool VerifyPassword(const std::string& encoded_hash, const std::string& password) {
  EnsureSodium();
  if (password.size() > kMaxPasswordBytes) return false;
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken(size_t bytes) {
  EnsureSodium();
  std::vector<uint8_t> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  return encoding::Base64Url(raw);
}

}  // namespace origine::identity
