#include "trust/claims.h"

#include <utility>
#include <vector>

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

// The entries of an integer-keyed map, in encoded order (at most a dozen: a
// linear search beats a tree and allocates once).
using IntFields = std::vector<std::pair<int64_t, const cbor_item_t*>>;

// Integer-keyed map → key to value; rejects non-integer or duplicate keys.
const cbor_item_t* Find(const IntFields& m, int64_t key) {
  for (const auto& [k, v] : m)
    if (k == key) return v;
  return nullptr;
}

Result<IntFields> IntMap(const cbor_item_t* item, const std::string& what) {
  if (!cbor_isa_map(item)) return Error::Invalid(what + " is not a map");
  IntFields out;
  out.reserve(cbor_map_size(item));
  const cbor_pair* pairs = cbor_map_handle(item);
  for (size_t i = 0; i < cbor_map_size(item); ++i) {
    auto key = CborAsInt(pairs[i].key);
    if (!key) return Error::Invalid(what + " has a key that is not an integer");
    if (Find(out, *key) != nullptr) return Error::Invalid(what + " has duplicate key " + std::to_string(*key));
    out.emplace_back(*key, pairs[i].value);
  }
  return out;
}

Status Text(const IntFields& m, int64_t key, const std::string& what, std::string* out) {
  const cbor_item_t* v = Find(m, key);
  if (v == nullptr) return Error::Invalid(what + " is missing");
  auto s = CborAsText(v);
  if (!s) return Error::Invalid(what + " is not a UTF-8 text string");
  *out = std::string(*s);
  return Status::Ok();
}

Status Uint(const IntFields& m, int64_t key, std::optional<int64_t>* out) {
  const cbor_item_t* v = Find(m, key);
  if (v == nullptr) return Status::Ok();
  auto i = CborAsInt(v);
  if (!i || *i < 0) return Error::Invalid(Name(key) + " is not an unsigned integer");
  *out = *i;
  return Status::Ok();
}

Status RequiredUint(const IntFields& m, int64_t key, int64_t* out) {
  std::optional<int64_t> v;
  RETURN_IF_ERROR(Uint(m, key, &v));
  if (!v) return Error::Invalid(Name(key) + " is missing");
  *out = *v;
  return Status::Ok();
}

Status DecodeParty(const IntFields& m, int64_t key, std::string* a, std::string* b) {
  const cbor_item_t* v = Find(m, key);
  if (v == nullptr) return Error::Invalid(Name(key) + " is missing");
  ASSIGN_OR_RETURN(auto party, IntMap(v, Name(key)));
  RETURN_IF_ERROR(Text(party, 1, Name(key) + "/1", a));
  RETURN_IF_ERROR(Text(party, 2, Name(key) + "/2", b));
  return Status::Ok();
}

Status Goods(const IntFields& m, std::vector<GoodsLine>* out) {
  const cbor_item_t* v = Find(m, kGoods);
  if (v == nullptr) return Error::Invalid(Name(kGoods) + " is missing");
  if (!cbor_isa_array(v)) return Error::Invalid(Name(kGoods) + " is not an array");
  cbor_item_t** lines = cbor_array_handle(v);
  for (size_t i = 0; i < cbor_array_size(v); ++i) {
    const std::string what = Name(kGoods) + "/" + std::to_string(i);
    const cbor_item_t* line = lines[i];
    if (!cbor_isa_array(line) || cbor_array_size(line) != 4) {
      return Error::Invalid(what + " is not an array of 4 text strings");
    }
    cbor_item_t** f = cbor_array_handle(line);
    std::string* fields[4];
    GoodsLine g;
    fields[0] = &g.hs_code;
    fields[1] = &g.quantity;
    fields[2] = &g.unit;
    fields[3] = &g.net_weight_kg;
    for (int j = 0; j < 4; ++j) {
      auto s = CborAsText(f[j]);
      if (!s) return Error::Invalid(what + "/" + std::to_string(j) + " is not a UTF-8 text string");
      *fields[j] = std::string(*s);
    }
    out->push_back(std::move(g));
  }
  return Status::Ok();
}

}  // namespace

Result<Claims> DecodeClaims(std::span<const uint8_t> cbor) {
  ASSIGN_OR_RETURN(CborItem root, CborParse(cbor, 8));
  ASSIGN_OR_RETURN(auto m, IntMap(root.get(), "claims"));
  Claims c;
  RETURN_IF_ERROR(Text(m, kIssuerCountry, Name(kIssuerCountry), &c.issuer_country));
  RETURN_IF_ERROR(Text(m, kNumber, Name(kNumber), &c.number));
  RETURN_IF_ERROR(Text(m, kRegime, Name(kRegime), &c.regime));
  RETURN_IF_ERROR(DecodeParty(m, kExporter, &c.exporter_name, &c.exporter_nif));
  RETURN_IF_ERROR(DecodeParty(m, kConsignee, &c.consignee_name, &c.consignee_country));
  RETURN_IF_ERROR(Text(m, kOriginCountry, Name(kOriginCountry), &c.origin_country));
  RETURN_IF_ERROR(Text(m, kDestinationCountry, Name(kDestinationCountry), &c.destination_country));
  RETURN_IF_ERROR(RequiredUint(m, kIssuedAt, &c.issued_at));
  RETURN_IF_ERROR(RequiredUint(m, kExpiresAt, &c.expires_at));
  RETURN_IF_ERROR(Goods(m, &c.goods));
  RETURN_IF_ERROR(Text(m, kInvoiceReference, Name(kInvoiceReference), &c.invoice_reference));
  const cbor_item_t* hash = Find(m, kDocumentHash);
  if (hash == nullptr) return Error::Invalid(Name(kDocumentHash) + " is missing");
  auto h = CborAsBytes(hash);
  if (!h || h->size() != 32) {
    return Error::Invalid(Name(kDocumentHash) + " is not a 32-byte byte string");
  }
  c.document_hash.assign(h->begin(), h->end());
  RETURN_IF_ERROR(Uint(m, kLogIndex, &c.log_index));
  return c;
}

}  // namespace origine::trust
