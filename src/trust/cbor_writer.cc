#include "trust/cbor_writer.h"

#include <algorithm>
#include <cassert>

namespace origine::trust {

void CborWriter::Head(uint8_t major, uint64_t arg) {
  uint8_t m = static_cast<uint8_t>(major << 5);
  if (arg < 24) {
    out_.push_back(m | static_cast<uint8_t>(arg));
    return;
  }
  int width;
  if (arg <= 0xff) {
    out_.push_back(m | 24);
    width = 1;
  } else if (arg <= 0xffff) {
    out_.push_back(m | 25);
    width = 2;
  } else if (arg <= 0xffffffffull) {
    out_.push_back(m | 26);
    width = 4;
  } else {
    out_.push_back(m | 27);
    width = 8;
  }
  for (int i = width - 1; i >= 0; --i) out_.push_back(static_cast<uint8_t>(arg >> (8 * i)));
}

CborWriter& CborWriter::Uint(uint64_t v) {
  Head(0, v);
  return *this;
}

CborWriter& CborWriter::Int(int64_t v) {
  if (v >= 0) {
    Head(0, static_cast<uint64_t>(v));
  } else {
    // -1 - v without overflow for INT64_MIN.
    Head(1, ~static_cast<uint64_t>(v));
  }
  return *this;
}

CborWriter& CborWriter::Bstr(std::span<const uint8_t> v) {
  Head(2, v.size());
  out_.insert(out_.end(), v.begin(), v.end());
  return *this;
}

CborWriter& CborWriter::Tstr(std::string_view v) {
  Head(3, v.size());
  out_.insert(out_.end(), v.begin(), v.end());
  return *this;
}

CborWriter& CborWriter::ArrayHeader(uint64_t count) {
  Head(4, count);
  return *this;
}

CborWriter& CborWriter::MapHeader(uint64_t count) {
  Head(5, count);
  return *this;
}

CborWriter& CborWriter::Tag(uint64_t tag) {
  Head(6, tag);
  return *this;
}

CborWriter& CborWriter::Raw(std::span<const uint8_t> encoded) {
  out_.insert(out_.end(), encoded.begin(), encoded.end());
  return *this;
}

CborMap& CborMap::Add(int64_t key, std::span<const uint8_t> encoded_value) {
  entries_.emplace_back(CborInt(key), Bytes(encoded_value.begin(), encoded_value.end()));
  return *this;
}

Bytes CborMap::Encode() const {
  std::vector<const std::pair<Bytes, Bytes>*> sorted;
  sorted.reserve(entries_.size());
  for (const auto& e : entries_) sorted.push_back(&e);
  // RFC 8949 §4.2.1: bytewise lexicographic order of the encoded keys.
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  CborWriter w;
  w.MapHeader(sorted.size());
  for (size_t i = 0; i < sorted.size(); ++i) {
    assert(i == 0 || sorted[i - 1]->first != sorted[i]->first);  // duplicate key
    w.Raw(sorted[i]->first).Raw(sorted[i]->second);
  }
  return std::move(w).Take();
}

Bytes CborText(std::string_view v) { return CborWriter().Tstr(v).bytes(); }
Bytes CborBytes(std::span<const uint8_t> v) { return CborWriter().Bstr(v).bytes(); }
Bytes CborUint(uint64_t v) { return CborWriter().Uint(v).bytes(); }
Bytes CborInt(int64_t v) { return CborWriter().Int(v).bytes(); }

}  // namespace origine::trust
