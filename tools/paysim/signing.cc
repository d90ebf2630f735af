#include "paysim/signing.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

namespace origine::paysim {
namespace {

std::string Hex(const unsigned char* data, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 0xf];
  }
  return out;
}

}  // namespace

const std::array<const char*, 16> kCinetPayFields = {
    "cpm_site_id",     "cpm_trans_id",  "cpm_trans_date",    "cpm_amount",       "cpm_currency", "signature",
    "payment_method",  "cel_phone_num", "cpm_phone_prefixe", "cpm_language",     "cpm_version",  "cpm_payment_config",
    "cpm_page_action", "cpm_custom",    "cpm_designation",   "cpm_error_message"};

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), mac, &len);
  return Hex(mac, len);
}

std::string Sha256Hex(std::string_view data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  return Hex(md, sizeof md);
}

std::string WaveSignatureHeader(std::string_view secret, int64_t timestamp, std::string_view raw_body) {
  const std::string ts = std::to_string(timestamp);
  std::string message = ts;
  message.append(raw_body);
  return "t=" + ts + ",v1=" + HmacSha256Hex(secret, message);
}

std::string CinetPayToken(std::string_view secret, const std::map<std::string, std::string>& fields) {
  std::string message;
  for (const char* name : kCinetPayFields) {
    auto it = fields.find(name);
    if (it != fields.end()) message += it->second;
  }
  return HmacSha256Hex(secret, message);
}

std::array<uint8_t, 32> Derive(uint64_t seed, std::string_view label, uint64_t n) {
  std::string input(8, '\0');
  for (int i = 0; i < 8; ++i) input[i] = static_cast<char>((seed >> (8 * i)) & 0xff);
  input.append(label);
  input += ':';
  input += std::to_string(n);
  std::array<uint8_t, 32> out{};
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), out.data());
  return out;
}

uint64_t DeriveU64(uint64_t seed, std::string_view label, uint64_t n) {
  auto d = Derive(seed, label, n);
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | d[i];
  return v;
}

std::string DeriveText(uint64_t seed, std::string_view label, uint64_t n, std::string_view alphabet, size_t len) {
  auto d = Derive(seed, label, n);
  std::string out;
  for (size_t i = 0; i < len && i < d.size(); ++i) out += alphabet[d[i] % alphabet.size()];
  return out;
}

}  // namespace origine::paysim
