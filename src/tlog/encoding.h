// origine/tlog/encoding.h — base64 (RFC 4648 §4, padded, canonical) and hex for
// the transparency log's text formats. Internal to the tlog module (the lower
// modules have no codec the log could use without depending upward).
// Thread-safety: pure functions. Failure: decoders return nullopt.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace origine::tlog::encoding {

std::string Base64(std::span<const uint8_t> data);
// Strict: padded, no whitespace, no other alphabet, unused bits zero.
std::optional<std::vector<uint8_t>> FromBase64(std::string_view text);

std::string Hex(std::span<const uint8_t> data);                      // lowercase
std::optional<std::vector<uint8_t>> FromHex(std::string_view text);  // either case, even length

// Well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Decodes one UTF-8 sequence at s[i] (i < s.size()); returns the code point and
// advances i, or -1 for invalid UTF-8 (overlong, surrogate, out of range, truncated).
int32_t NextCodePoint(std::string_view s, size_t& i);

}  // namespace origine::tlog::encoding
