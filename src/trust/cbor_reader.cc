#include "trust/cbor_reader.h"

#include <limits>
#include <string>
#include <vector>

#include "core/utf8.h"

namespace origine::trust {

Status CborPrecheck(std::span<const uint8_t> data, int max_depth) {
  const size_t n = data.size();
  size_t pos = 0;
  std::vector<uint64_t> open;  // items still expected by each open container
  do {
    if (pos >= n) return Error::Invalid("cbor.malformed"_code, "CBOR: input ends in the middle of an item");
    const uint8_t initial = data[pos++];
    const int major = initial >> 5;
    const int info = initial & 0x1f;
    uint64_t arg = 0;
    if (info < 24) {
      arg = static_cast<uint64_t>(info);
    } else if (info <= 27) {
      size_t width = size_t{1} << (info - 24);
      if (n - pos < width) return Error::Invalid("cbor.malformed"_code, "CBOR: input ends in an item header");
      for (size_t i = 0; i < width; ++i) arg = arg << 8 | data[pos++];
    } else if (info == 31) {
      return Error::Invalid("cbor.malformed"_code, "CBOR: indefinite-length items are not accepted");
    } else {
      return Error::Invalid("cbor.malformed"_code, "CBOR: reserved additional information value");
    }
    bool container = false;
    switch (major) {
      case 2:
      case 3:
        if (arg > n - pos) return Error::Invalid("cbor.malformed"_code, "CBOR: string longer than the input");
        pos += static_cast<size_t>(arg);
        break;
      case 4:
        if (arg > n - pos)
          return Error::Invalid("cbor.malformed"_code, "CBOR: array declares more items than bytes left");
        if (arg > 0) {
          open.push_back(arg);
          container = true;
        }
        break;
      case 5:
        if (arg > (n - pos) / 2)
          return Error::Invalid("cbor.malformed"_code, "CBOR: map declares more entries than bytes left");
        if (arg > 0) {
          open.push_back(arg * 2);
          container = true;
        }
        break;
      case 6:
        open.push_back(1);
        container = true;
        break;
      default:  // 0, 1, 7: the head is the whole item
        break;
    }
    if (open.size() > static_cast<size_t>(max_depth)) {
      return Error::Invalid("cbor.malformed"_code, "CBOR: nesting deeper than " + std::to_string(max_depth));
    }
    if (container) continue;
    while (!open.empty()) {
      if (--open.back() != 0) break;
      open.pop_back();
    }
  } while (!open.empty());
  if (pos != n) {
    return Error::Invalid("cbor.malformed"_code, "CBOR: " + std::to_string(n - pos) + " bytes follow the item");
  }
  return Status::Ok();
}

Result<CborItem> CborParse(std::span<const uint8_t> data, int max_depth) {
  RETURN_IF_ERROR(CborPrecheck(data, max_depth));
  cbor_load_result result{};
  CborItem item(cbor_load(data.data(), data.size(), &result));
  if (!item || result.error.code != CBOR_ERR_NONE) {
    return Error::Invalid("cbor.malformed"_code, "CBOR: not well-formed (libcbor error " +
                                                     std::to_string(static_cast<int>(result.error.code)) + " at byte " +
                                                     std::to_string(result.error.position) + ")");
  }
  if (result.read != data.size()) return Error::Invalid("cbor.malformed"_code, "CBOR: trailing bytes after the item");
  return item;
}

Result<Untagged> StripOuterTags(std::span<const uint8_t> data, size_t max_tags) {
  Untagged out;
  size_t pos = 0;
  while (pos < data.size() && (data[pos] >> 5) == 6) {
    if (out.tags.size() == max_tags) return Error::Invalid("cbor.malformed"_code, "CBOR: too many nested tags");
    const int info = data[pos++] & 0x1f;
    uint64_t tag = 0;
    if (info < 24) {
      tag = static_cast<uint64_t>(info);
    } else if (info <= 27) {
      size_t width = size_t{1} << (info - 24);
      if (data.size() - pos < width) return Error::Invalid("cbor.malformed"_code, "CBOR: input ends in a tag");
      for (size_t i = 0; i < width; ++i) tag = tag << 8 | data[pos++];
    } else {
      return Error::Invalid("cbor.malformed"_code, "CBOR: malformed tag");
    }
    out.tags.push_back(tag);
  }
  out.rest = data.subspan(pos);
  return out;
}

std::optional<int64_t> CborAsInt(const cbor_item_t* item) {
  if (item == nullptr) return std::nullopt;
  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (cbor_isa_uint(item)) {
    uint64_t v = cbor_get_int(item);
    if (v > kMax) return std::nullopt;
    return static_cast<int64_t>(v);
  }
  if (cbor_isa_negint(item)) {
    uint64_t v = cbor_get_int(item);  // the value is -1 - v
    if (v > kMax) return std::nullopt;
    return -1 - static_cast<int64_t>(v);
  }
  return std::nullopt;
}

std::optional<std::string_view> CborAsText(const cbor_item_t* item) {
  if (item == nullptr || !cbor_isa_string(item) || !cbor_string_is_definite(item)) {
    return std::nullopt;
  }
  size_t len = cbor_string_length(item);
  const char* p = reinterpret_cast<const char*>(cbor_string_handle(item));
  std::string_view s = len == 0 ? std::string_view() : std::string_view(p, len);
  if (!utf8::IsValid(s)) return std::nullopt;
  return s;
}

std::optional<std::span<const uint8_t>> CborAsBytes(const cbor_item_t* item) {
  if (item == nullptr || !cbor_isa_bytestring(item) || !cbor_bytestring_is_definite(item)) {
    return std::nullopt;
  }
  size_t len = cbor_bytestring_length(item);
  if (len == 0) return std::span<const uint8_t>();
  return std::span<const uint8_t>(cbor_bytestring_handle(item), len);
}

}  // namespace origine::trust
