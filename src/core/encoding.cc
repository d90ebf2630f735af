#include "core/encoding.h"

#include <sodium.h>

namespace origine::encoding {
namespace {

// sodium_init is idempotent and thread-safe; the hash picks its fastest
// implementation once initialised.
[[maybe_unused]] const int kSodiumReady = sodium_init();

std::string ToBase64(std::span<const uint8_t> data, int variant) {
  std::string out(sodium_base64_encoded_len(data.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), data.data(), data.size(), variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

Result<Bytes> FromBase64Variant(std::string_view text, int variant, ErrorId code, const char* what) {
  Bytes out(text.size() / 4 * 3 + 3);
  size_t len = 0;
  const char* end = nullptr;
  // No ignored characters: whitespace and foreign alphabets fail; libsodium
  // also refuses non-zero unused bits and, for padded variants, bad padding.
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end, variant) != 0 ||
      end != text.data() + text.size())
    return Error::Invalid(code, std::string("not canonical ") + what);
  out.resize(len);
  return out;
}

}  // namespace

std::string Base64(std::span<const uint8_t> data) { return ToBase64(data, sodium_base64_VARIANT_ORIGINAL); }

Result<Bytes> FromBase64(std::string_view text) {
  if (text.size() % 4 != 0) return Error::Invalid("encoding.base64"_code, "not canonical base64");
  return FromBase64Variant(text, sodium_base64_VARIANT_ORIGINAL, "encoding.base64"_code, "base64");
}

std::string Base64Url(std::span<const uint8_t> data) {
  return ToBase64(data, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

Result<Bytes> FromBase64Url(std::string_view text) {
  if (text.size() % 4 == 1) return Error::Invalid("encoding.base64url"_code, "not canonical base64url");
  return FromBase64Variant(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING, "encoding.base64url"_code, "base64url");
}

std::string Hex(std::span<const uint8_t> data) {
  std::string out(data.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data.data(), data.size());
  out.resize(data.size() * 2);
  return out;
}

Result<Bytes> FromHex(std::string_view text) {
  if (text.size() % 2 != 0) return Error::Invalid("encoding.hex"_code, "hex of odd length");
  if (text.empty()) return Bytes{};  // libsodium must not be given a null output buffer
  Bytes out(text.size() / 2);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end) != 0 ||
      end != text.data() + text.size() || len != out.size())
    return Error::Invalid("encoding.hex"_code, "not hex");
  return out;
}

Sha256Digest Sha256(std::span<const uint8_t> data) {
  Sha256Digest d;
  crypto_hash_sha256(d.data(), data.data(), data.size());
  return d;
}

std::string Sha256Hex(std::span<const uint8_t> data) { return Hex(Sha256(data)); }

}  // namespace origine::encoding
