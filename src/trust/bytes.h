// origine/trust/bytes.h — the byte-string type of the trust module, and hex.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace origine::trust {

using Bytes = std::vector<uint8_t>;

// Lowercase hex of `data`. Never fails.
std::string HexEncode(std::span<const uint8_t> data);

// Decodes hex (either case). Fails with kInvalidArgument on an odd length or a
// non-hex character.
Result<Bytes> HexDecode(std::string_view hex);

inline Bytes ToBytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

}  // namespace origine::trust
