#include "trust/claims.h"

#include <limits>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/utf8.h"
#include "trust/cbor_reader.h"
#include "trust/cbor_writer.h"

namespace origine::trust {
namespace {

enum Key : int64_t {
  kIssuerCountry = 1,
  kNumber = 2,
  kRegime = 3,
  kExporter = 4,
  kConsignee = 5,
  kOriginCountry = 6,
  kDestinationCountry = 7,
  kIssuedAt = 8,
  kExpiresAt = 9,
  kGoods = 10,
  kInvoiceReference = 11,
  kDocumentHash = 12,
  kLogIndex = 13,
};

Bytes EncodeParty(const std::string& a, const std::string& b) {
  return CborMap().Add(1, CborText(a)).Add(2, CborText(b)).Encode();
}

}  // namespace

Bytes EncodeClaims(const Claims& c) {
  CborWriter goods;
  goods.ArrayHeader(c.goods.size());
  for (const GoodsLine& g : c.goods) {
    goods.ArrayHeader(4).Tstr(g.hs_code).Tstr(g.quantity).Tstr(g.unit).Tstr(g.net_weight_kg);
  }
  CborMap m;
  m.Add(kIssuerCountry, CborText(c.issuer_country))
      .Add(kNumber, CborText(c.number))
      .Add(kRegime, CborText(c.regime))
      .Add(kExporter, EncodeParty(c.exporter_name, c.exporter_nif))
      .Add(kConsignee, EncodeParty(c.consignee_name, c.consignee_country))
      .Add(kOriginCountry, CborText(c.origin_country))
      .Add(kDestinationCountry, CborText(c.destination_country))
      .Add(kIssuedAt, CborInt(c.issued_at))
      .Add(kExpiresAt, CborInt(c.expires_at))
      .Add(kGoods, goods.bytes())
      .Add(kInvoiceReference, CborText(c.invoice_reference))
      .Add(kDocumentHash, CborBytes(c.document_hash));
  if (c.log_index) m.Add(kLogIndex, CborInt(*c.log_index));
  return m.Encode();
}

namespace {

std::string Name(int64_t key) { return "claims key " + std::to_string(key); }

// Decoding reads the input in place: CborPrecheck has already proved it one
// well-formed item with definite lengths, nesting at most 8 deep, whose
// lengths fit, so the reader below needs no bounds beyond that proof and
// allocates nothing (libcbor would allocate every item and string).

// One item: its major type, its head's argument, its string content (majors
// 2 and 3) and where its children start (majors 4 and 5).
struct Item {
  int major = 0;
  uint64_t arg = 0;
  std::span<const uint8_t> str;
  size_t body = 0;
};

// Reads the item at `pos` of precheck-valid `d` and moves `pos` past it.
// Fails on what libcbor used to refuse here: a text string that is not
// UTF-8, and tags (the claims have none).
Result<Item> ReadItem(std::span<const uint8_t> d, size_t& pos) {
  Item it;
  const uint8_t initial = d[pos++];
  it.major = initial >> 5;
  const int info = initial & 0x1f;
  if (info < 24) {
    it.arg = static_cast<uint64_t>(info);
  } else {
    const size_t width = size_t{1} << (info - 24);
    for (size_t i = 0; i < width; ++i) it.arg = it.arg << 8 | d[pos++];
  }
  it.body = pos;
  switch (it.major) {
    case 2:
    case 3:
      it.str = d.subspan(pos, static_cast<size_t>(it.arg));
      pos += static_cast<size_t>(it.arg);
      if (it.major == 3 &&
          !utf8::IsValid(std::string_view(reinterpret_cast<const char*>(it.str.data()), it.str.size()))) {
        return Error::Invalid("claims.malformed"_code, "CBOR: a text string is not valid UTF-8");
      }
      break;
    case 4:
    case 5: {
      const uint64_t children = it.major == 4 ? it.arg : 2 * it.arg;
      for (uint64_t i = 0; i < children; ++i) RETURN_IF_ERROR(ReadItem(d, pos));
      break;
    }
    case 6:
      return Error::Invalid("claims.malformed"_code, "CBOR: tags are not accepted in claims");
    default:  // 0, 1, 7: the head is the whole item
      break;
  }
  return it;
}

std::optional<int64_t> AsInt(const Item& it) {
  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if ((it.major != 0 && it.major != 1) || it.arg > kMax) return std::nullopt;
  return it.major == 0 ? static_cast<int64_t>(it.arg) : -1 - static_cast<int64_t>(it.arg);
}

std::optional<std::string> AsText(const Item& it) {
  if (it.major != 3) return std::nullopt;  // UTF-8 was checked by ReadItem
  return std::string(reinterpret_cast<const char*>(it.str.data()), it.str.size());
}

// The entries of an integer-keyed map, in encoded order (at most a dozen: a
// linear search beats a tree).
using IntFields = std::vector<std::pair<int64_t, Item>>;

const Item* Find(const IntFields& m, int64_t key) {
  for (const auto& [k, v] : m)
    if (k == key) return &v;
  return nullptr;
}

// Integer-keyed map → key to value; rejects non-integer or duplicate keys.
Result<IntFields> IntMap(std::span<const uint8_t> d, const Item& map, const std::string& what) {
  if (map.major != 5) return Error::Invalid("claims.malformed"_code, what + " is not a map");
  IntFields out;
  out.reserve(static_cast<size_t>(map.arg));
  size_t pos = map.body;
  for (uint64_t i = 0; i < map.arg; ++i) {
    ASSIGN_OR_RETURN(Item k, ReadItem(d, pos));
    ASSIGN_OR_RETURN(Item v, ReadItem(d, pos));
    auto key = AsInt(k);
    if (!key) return Error::Invalid("claims.malformed"_code, what + " has a key that is not an integer");
    if (Find(out, *key) != nullptr)
      return Error::Invalid("claims.malformed"_code, what + " has duplicate key " + std::to_string(*key));
    out.emplace_back(*key, v);
  }
  return out;
}

Status Text(const IntFields& m, int64_t key, const std::string& what, std::string* out) {
  const Item* v = Find(m, key);
  if (v == nullptr) return Error::Invalid("claims.malformed"_code, what + " is missing");
  auto s = AsText(*v);
  if (!s) return Error::Invalid("claims.malformed"_code, what + " is not a UTF-8 text string");
  *out = std::move(*s);
  return Status::Ok();
}

Status Uint(const IntFields& m, int64_t key, std::optional<int64_t>* out) {
  const Item* v = Find(m, key);
  if (v == nullptr) return Status::Ok();
  auto i = AsInt(*v);
  if (!i || *i < 0) return Error::Invalid("claims.malformed"_code, Name(key) + " is not an unsigned integer");
  *out = *i;
  return Status::Ok();
}

Status RequiredUint(const IntFields& m, int64_t key, int64_t* out) {
  std::optional<int64_t> v;
  RETURN_IF_ERROR(Uint(m, key, &v));
  if (!v) return Error::Invalid("claims.malformed"_code, Name(key) + " is missing");
  *out = *v;
  return Status::Ok();
}

Status DecodeParty(std::span<const uint8_t> d, const IntFields& m, int64_t key, std::string* a, std::string* b) {
  const Item* v = Find(m, key);
  if (v == nullptr) return Error::Invalid("claims.malformed"_code, Name(key) + " is missing");
  ASSIGN_OR_RETURN(auto party, IntMap(d, *v, Name(key)));
  RETURN_IF_ERROR(Text(party, 1, Name(key) + "/1", a));
  RETURN_IF_ERROR(Text(party, 2, Name(key) + "/2", b));
  return Status::Ok();
}

Status Goods(std::span<const uint8_t> d, const IntFields& m, std::vector<GoodsLine>* out) {
  const Item* v = Find(m, kGoods);
  if (v == nullptr) return Error::Invalid("claims.malformed"_code, Name(kGoods) + " is missing");
  if (v->major != 4) return Error::Invalid("claims.malformed"_code, Name(kGoods) + " is not an array");
  out->reserve(static_cast<size_t>(v->arg));
  size_t pos = v->body;
  for (uint64_t i = 0; i < v->arg; ++i) {
    ASSIGN_OR_RETURN(Item line, ReadItem(d, pos));
    if (line.major != 4 || line.arg != 4) {
      return Error::Invalid("claims.malformed"_code,
                            Name(kGoods) + "/" + std::to_string(i) + " is not an array of 4 text strings");
    }
    GoodsLine g;
    std::string* fields[4] = {&g.hs_code, &g.quantity, &g.unit, &g.net_weight_kg};
    size_t fpos = line.body;
    for (int j = 0; j < 4; ++j) {
      ASSIGN_OR_RETURN(Item f, ReadItem(d, fpos));
      auto text = AsText(f);
      if (!text) {
        return Error::Invalid("claims.malformed"_code, Name(kGoods) + "/" + std::to_string(i) + "/" +
                                                           std::to_string(j) + " is not a UTF-8 text string");
      }
      *fields[j] = std::move(*text);
    }
    out->push_back(std::move(g));
  }
  return Status::Ok();
}

}  // namespace

Result<Claims> DecodeClaims(std::span<const uint8_t> cbor) {
  RETURN_IF_ERROR(CborPrecheck(cbor, 8));
  size_t pos = 0;
  ASSIGN_OR_RETURN(Item root, ReadItem(cbor, pos));
  ASSIGN_OR_RETURN(auto m, IntMap(cbor, root, "claims"));
  Claims c;
  RETURN_IF_ERROR(Text(m, kIssuerCountry, Name(kIssuerCountry), &c.issuer_country));
  RETURN_IF_ERROR(Text(m, kNumber, Name(kNumber), &c.number));
  RETURN_IF_ERROR(Text(m, kRegime, Name(kRegime), &c.regime));
  RETURN_IF_ERROR(DecodeParty(cbor, m, kExporter, &c.exporter_name, &c.exporter_nif));
  RETURN_IF_ERROR(DecodeParty(cbor, m, kConsignee, &c.consignee_name, &c.consignee_country));
  RETURN_IF_ERROR(Text(m, kOriginCountry, Name(kOriginCountry), &c.origin_country));
  RETURN_IF_ERROR(Text(m, kDestinationCountry, Name(kDestinationCountry), &c.destination_country));
  RETURN_IF_ERROR(RequiredUint(m, kIssuedAt, &c.issued_at));
  RETURN_IF_ERROR(RequiredUint(m, kExpiresAt, &c.expires_at));
  RETURN_IF_ERROR(Goods(cbor, m, &c.goods));
  RETURN_IF_ERROR(Text(m, kInvoiceReference, Name(kInvoiceReference), &c.invoice_reference));
  const Item* hash = Find(m, kDocumentHash);
  if (hash == nullptr) return Error::Invalid("claims.malformed"_code, Name(kDocumentHash) + " is missing");
  if (hash->major != 2 || hash->str.size() != 32) {
    return Error::Invalid("claims.malformed"_code, Name(kDocumentHash) + " is not a 32-byte byte string");
  }
  c.document_hash.assign(hash->str.begin(), hash->str.end());
  RETURN_IF_ERROR(Uint(m, kLogIndex, &c.log_index));
  return c;
}

}  // namespace origine::trust
