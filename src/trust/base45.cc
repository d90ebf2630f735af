#include "trust/base45.h"

#include <algorithm>
#include <array>

namespace origine::trust {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

constexpr uint8_t kInvalid = 0xff;

constexpr std::array<uint8_t, 256> MakeReverse() {
  std::array<uint8_t, 256> r{};
  for (auto& v : r) v = kInvalid;
  for (size_t i = 0; i < kAlphabet.size(); ++i) {
    r[static_cast<uint8_t>(kAlphabet[i])] = static_cast<uint8_t>(i);
  }
  return r;
}
constexpr std::array<uint8_t, 256> kReverse = MakeReverse();

}  // namespace

std::string Base45Encode(std::span<const uint8_t> data) {
  std::string out;
  out.reserve(data.size() / 2 * 3 + 2);
  size_t i = 0;
  for (; i + 1 < data.size(); i += 2) {
    unsigned n = data[i] * 256u + data[i + 1];
    out.push_back(kAlphabet[n % 45]);
    out.push_back(kAlphabet[n / 45 % 45]);
    out.push_back(kAlphabet[n / 2025]);
  }
  if (i < data.size()) {
    unsigned n = data[i];
    out.push_back(kAlphabet[n % 45]);
    out.push_back(kAlphabet[n / 45]);
  }
  return out;
}

Result<Bytes> Base45Decode(std::string_view text) {
  if (text.size() % 3 == 1) {
    return Error::Invalid("qr.base45"_code,
                          "Base45: length " + std::to_string(text.size()) + " leaves a dangling single character");
  }
  Bytes out;
  out.reserve(text.size() / 3 * 2 + 1);
  unsigned digits[3];
  for (size_t i = 0; i < text.size(); i += 3) {
    size_t group = std::min<size_t>(3, text.size() - i);
    for (size_t j = 0; j < group; ++j) {
      uint8_t v = kReverse[static_cast<uint8_t>(text[i + j])];
      if (v == kInvalid) {
        return Error::Invalid("qr.base45"_code,
                              "Base45: character at offset " + std::to_string(i + j) + " is not in the alphabet");
      }
      digits[j] = static_cast<unsigned>(v);
    }
    if (group == 3) {
      unsigned n = digits[0] + digits[1] * 45 + digits[2] * 2025;
      if (n > 65535) {
        return Error::Invalid("qr.base45"_code,
                              "Base45: group at offset " + std::to_string(i) + " decodes to more than 65535");
      }
      out.push_back(static_cast<uint8_t>(n >> 8));
      out.push_back(static_cast<uint8_t>(n & 0xff));
    } else {
      unsigned n = digits[0] + digits[1] * 45;
      if (n > 255) {
        return Error::Invalid("qr.base45"_code, "Base45: final pair decodes to more than 255");
      }
      out.push_back(static_cast<uint8_t>(n));
    }
  }
  return out;
}

}  // namespace origine::trust
