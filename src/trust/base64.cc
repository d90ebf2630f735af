#include "trust/base64.h"

namespace origine::trust {
namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}
}  // namespace

std::string Base64Encode(std::span<const uint8_t> data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    uint32_t n = data[i] << 16 | data[i + 1] << 8 | data[i + 2];
    out.push_back(kAlphabet[n >> 18 & 63]);
    out.push_back(kAlphabet[n >> 12 & 63]);
    out.push_back(kAlphabet[n >> 6 & 63]);
    out.push_back(kAlphabet[n & 63]);
  }
  size_t rest = data.size() - i;
  if (rest > 0) {
    uint32_t n = data[i] << 16 | (rest == 2 ? data[i + 1] << 8 : 0);
    out.push_back(kAlphabet[n >> 18 & 63]);
    out.push_back(kAlphabet[n >> 12 & 63]);
    out.push_back(rest == 2 ? kAlphabet[n >> 6 & 63] : '=');
    out.push_back('=');
  }
  return out;
}

Result<Bytes> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return Error::Invalid("base64: length is not a multiple of 4");
  Bytes out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    int pad = 0;
    if (last && text[i + 3] == '=') pad = text[i + 2] == '=' ? 2 : 1;
    uint32_t n = 0;
    for (int j = 0; j < 4; ++j) {
      int v = j >= 4 - pad ? 0 : Value(text[i + j]);
      if (v < 0) return Error::Invalid("base64: invalid character at offset " + std::to_string(i + j));
      n = n << 6 | static_cast<uint32_t>(v);
    }
    out.push_back(static_cast<uint8_t>(n >> 16));
    if (pad < 2) out.push_back(static_cast<uint8_t>(n >> 8));
    if (pad < 1) out.push_back(static_cast<uint8_t>(n));
    if ((pad == 1 && (n & 0xff) != 0) || (pad == 2 && (n & 0xffff) != 0)) {
      return Error::Invalid("base64: non-zero bits in the padding");
    }
  }
  return out;
}

std::string Base64UrlEncode(std::span<const uint8_t> data) {
  std::string out = Base64Encode(data);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+')
      c = '-';
    else if (c == '/')
      c = '_';
  }
  return out;
}

Result<Bytes> Base64UrlDecode(std::string_view text) {
  if (text.size() % 4 == 1) return Error::Invalid("base64url: impossible length");
  std::string std_text(text);
  for (char& c : std_text) {
    if (c == '+' || c == '/' || c == '=') return Error::Invalid("base64url: invalid character");
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
  }
  while (std_text.size() % 4 != 0) std_text.push_back('=');
  auto out = Base64Decode(std_text);
  if (!out) return Error::Invalid("base64url: " + out.error().message.substr(8));
  return out;
}

}  // namespace origine::trust
