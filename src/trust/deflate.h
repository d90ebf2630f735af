// origine/trust/deflate.h — zlib (RFC 1950) compression of the COSE message.
//
// Thread-safety: safe to call concurrently. ZlibDecompress keeps one inflate
// state per thread (reset between calls) instead of allocating ~40 KiB of
// zlib state and window on every call.
#pragma once

#include <cstddef>
#include <span>

#include "trust/bytes.h"

namespace origine::trust {

// zlib stream of `data` at level 9. Never fails (aborts only if zlib cannot
// allocate, like any allocation).
Bytes ZlibCompress(std::span<const uint8_t> data);

// Inflates one complete zlib stream. Fails with kInvalidArgument when the
// stream is corrupt or truncated, when bytes follow the end of the stream, or
// when the output would exceed `max_output` bytes (zip-bomb guard).
Result<Bytes> ZlibDecompress(std::span<const uint8_t> data, size_t max_output = 65536);

}  // namespace origine::trust
