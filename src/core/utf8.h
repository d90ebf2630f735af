// origine/core/utf8.h — strict UTF-8 (RFC 3629): no overlong forms, no
// surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence.
// Used where a text must be well-formed before it is signed or logged (the
// transparency log's notes and records, the CBOR text of certificate claims).
//
//   if (!utf8::IsValid(name)) return Error::Invalid(...);
//   for (size_t i = 0; i < s.size();) { int32_t cp = utf8::NextCodePoint(s, i); if (cp < 0) ...; }
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace origine::utf8 {

// Decodes the sequence that starts at s[i] (i < s.size()): returns its code
// point and advances i past it, or returns -1 (i unchanged) when the bytes
// there are not well-formed UTF-8.
int32_t NextCodePoint(std::string_view s, size_t& i);

// True when the whole of `s` is well-formed UTF-8 (the empty string is).
bool IsValid(std::string_view s);

}  // namespace origine::utf8
