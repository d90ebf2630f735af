// origine/trust/cbor_reader.h — strict CBOR decoding on top of libcbor.
// Internal to the trust module.
//
// CborParse first walks the input without allocating (CborPrecheck) so that
// hostile input cannot make libcbor allocate huge arrays or recurse deeply,
// then hands it to cbor_load and requires that every byte was consumed.
// Ownership: CborItem owns one libcbor reference (cbor_decref on destruction).
// Thread-safety: items are not shared; functions are reentrant.
#pragma once

#include <cbor.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "trust/bytes.h"

namespace origine::trust {

struct CborItemDeleter {
  void operator()(cbor_item_t* item) const { cbor_decref(&item); }
};
using CborItem = std::unique_ptr<cbor_item_t, CborItemDeleter>;

// Checks that `data` is exactly one well-formed CBOR item with definite
// lengths only, nesting at most `max_depth` containers/tags deep, and whose
// declared lengths fit in the input. Fails with kInvalidArgument.
Status CborPrecheck(std::span<const uint8_t> data, int max_depth);

// CborPrecheck, then cbor_load. Fails with kInvalidArgument naming the problem.
Result<CborItem> CborParse(std::span<const uint8_t> data, int max_depth = 16);

// The tags wrapping the top-level item, outermost first, and the bytes of the
// item inside them. Needed because libcbor 0.8 refuses tags 7..20 (COSE_Sign1
// is tag 18): callers strip them here before CborParse. At most `max_tags`
// tags; fails with kInvalidArgument on more or on a truncated tag head.
struct Untagged {
  std::vector<uint64_t> tags;
  std::span<const uint8_t> rest;
};
Result<Untagged> StripOuterTags(std::span<const uint8_t> data, size_t max_tags);

// Typed views of an item; nullopt when the item has another type. The views
// point into the item and live as long as it does.
std::optional<int64_t> CborAsInt(const cbor_item_t* item);                     // uint or nint in int64 range
std::optional<std::string_view> CborAsText(const cbor_item_t* item);           // definite, valid UTF-8
std::optional<std::span<const uint8_t>> CborAsBytes(const cbor_item_t* item);  // definite

}  // namespace origine::trust
