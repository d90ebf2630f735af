// origine/trust/bytes.h — the byte-string type of the trust module (the one of
// core/encoding.h, whose codecs the module uses: Base64, base64url, hex).
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "core/encoding.h"
#include "core/result.h"

namespace origine::trust {

using Bytes = encoding::Bytes;

inline Bytes ToBytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

}  // namespace origine::trust
