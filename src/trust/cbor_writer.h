// origine/trust/cbor_writer.h — a small deterministic CBOR encoder
// (RFC 8949 §4.2.1 core deterministic encoding). Internal to the trust module.
//
// Why hand-written: libcbor 0.8's serializer keeps whatever integer width the
// item was built with and emits map entries in insertion order, so canonical
// form would depend on every caller; here it holds by construction.
//   - integers and lengths always in the shortest form;
//   - definite lengths only; no floats, no indefinite items;
//   - CborMap sorts its entries by the bytewise order of their encoded keys and
//     rejects duplicates (a programming error: asserts).
// Thread-safety: a CborWriter is a plain value; do not share one across threads.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "trust/bytes.h"

namespace origine::trust {

class CborWriter {
 public:
  CborWriter& Uint(uint64_t v);
  CborWriter& Int(int64_t v);  // negative values as major type 1
  CborWriter& Bstr(std::span<const uint8_t> v);
  CborWriter& Tstr(std::string_view v);
  CborWriter& ArrayHeader(uint64_t count);
  CborWriter& MapHeader(uint64_t count);
  CborWriter& Tag(uint64_t tag);
  // Appends bytes that already are one encoded CBOR item.
  CborWriter& Raw(std::span<const uint8_t> encoded);

  // Reserves room for `n` more bytes (no effect on the encoding).
  CborWriter& Reserve(size_t n) {
    out_.reserve(out_.size() + n);
    return *this;
  }
  const Bytes& bytes() const& { return out_; }
  Bytes&& Take() && { return std::move(out_); }

 private:
  void Head(uint8_t major, uint64_t arg);
  Bytes out_;
};

// A map whose entries are emitted in canonical key order.
class CborMap {
 public:
  CborMap& Add(int64_t key, std::span<const uint8_t> encoded_value);
  // Encodes the map header and the sorted entries.
  Bytes Encode() const;

 private:
  std::vector<std::pair<Bytes, Bytes>> entries_;
};

// Convenience: one encoded item.
Bytes CborText(std::string_view v);
Bytes CborBytes(std::span<const uint8_t> v);
Bytes CborUint(uint64_t v);
Bytes CborInt(int64_t v);

}  // namespace origine::trust
