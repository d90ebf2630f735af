#include "core/paging.h"

#include <charconv>

namespace origine {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr size_t kMaxCursor = 300;

Error BadCursor() {
  return Error::BadRequest("paging.cursor"_code,
                           "the cursor is not valid for this listing: start again from the first page",
                           {{"cursor", "paging.cursor"_code, "not a cursor returned by this listing"}});
}

std::string Base64Url(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 0x3f];
  return out;
}

std::optional<std::string> FromBase64Url(std::string_view in) {
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = -1;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '-')
      v = 62;
    else if (c == '_')
      v = 63;
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return std::nullopt;  // canonical form only
  return out;
}

bool Digits(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; }

}  // namespace

Result<PageRequest> ParsePageQuery(const std::string* limit, const std::string* cursor, const PageLimits& limits) {
  PageRequest r;
  r.limit = limits.fallback;
  if (limit) {
    const std::string range = "1.." + std::to_string(limits.max);
    int n = 0;
    if (!Digits(*limit) || limit->size() > 9 ||
        std::from_chars(limit->data(), limit->data() + limit->size(), n).ec != std::errc() || n < 1 || n > limits.max)
      return Error::BadRequest("paging.limit"_code,
                               "limit must be an integer between 1 and " + std::to_string(limits.max),
                               {{"limit",
                                 "paging.limit"_code,
                                 "must be an integer in " + range,
                                 {{"max", std::to_string(limits.max)}}}})
          .With("max", std::to_string(limits.max));
    r.limit = n;
  }
  if (cursor) {
    if (cursor->empty() || cursor->size() > kMaxCursor) return BadCursor();
    r.cursor = *cursor;
  }
  return r;
}

std::string EncodeCursor(std::string_view kind, const PageKey& key) {
  std::string payload(kind);
  payload += "1|" + std::to_string(key.sort) + "|" + key.tie;
  return Base64Url(payload);
}

Result<PageKey> DecodeCursor(std::string_view kind, std::string_view cursor) {
  if (cursor.empty() || cursor.size() > kMaxCursor) return BadCursor();
  auto payload = FromBase64Url(cursor);
  if (!payload) return BadCursor();
  const std::string prefix = std::string(kind) + "1|";
  if (payload->compare(0, prefix.size(), prefix) != 0) return BadCursor();
  std::string_view rest = std::string_view(*payload).substr(prefix.size());
  const size_t bar = rest.find('|');
  if (bar == std::string_view::npos) return BadCursor();
  std::string_view sort = rest.substr(0, bar), tie = rest.substr(bar + 1);
  PageKey key;
  if (!Digits(sort) || sort.size() > 18 ||
      std::from_chars(sort.data(), sort.data() + sort.size(), key.sort).ec != std::errc())
    return BadCursor();
  for (char c : tie)
    if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e) return BadCursor();
  key.tie = std::string(tie);
  return key;
}

Result<int64_t> CursorId(const PageKey& key) {
  int64_t id = 0;
  if (!Digits(key.tie) || key.tie.size() > 18 ||
      std::from_chars(key.tie.data(), key.tie.data() + key.tie.size(), id).ec != std::errc() || id < 1)
    return BadCursor();
  return id;
}

}  // namespace origine
