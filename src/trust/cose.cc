#include "trust/cose.h"

#include <set>
#include <string>

#include "trust/cbor_reader.h"
#include "trust/cbor_writer.h"

namespace origine::trust {

Result<Bytes> SignSign1(std::span<const uint8_t> payload, const Signer& key, std::span<const uint8_t> kid) {
  Bytes protected_header = CborMap().Add(1, CborInt(kCoseAlgEs256)).Add(4, CborBytes(kid)).Encode();
  ASSIGN_OR_RETURN(Bytes signature, key.SignEs256(SigStructure(protected_header, {}, payload)));
  CborWriter w;
  w.Tag(kCoseSign1Tag).ArrayHeader(4).Bstr(protected_header).MapHeader(0).Bstr(payload).Bstr(signature);
  return std::move(w).Take();
}

Bytes SigStructure(std::span<const uint8_t> protected_bstr, std::span<const uint8_t> external_aad,
                   std::span<const uint8_t> payload) {
  CborWriter w;
  // 1 + 11 ("Signature1") + three heads of at most 9 bytes.
  w.Reserve(39 + protected_bstr.size() + external_aad.size() + payload.size());
  w.ArrayHeader(4).Tstr("Signature1").Bstr(protected_bstr).Bstr(external_aad).Bstr(payload);
  return std::move(w).Take();
}

namespace {

struct Header {
  std::optional<int64_t> alg;
  std::optional<Bytes> kid;
};

// Reads labels 1 (alg, integer) and 4 (kid, bstr) of a header map; other
// labels are ignored. Labels must be integers or text and must not repeat.
Result<Header> ReadHeader(const cbor_item_t* map, const char* which) {
  const std::string what = std::string("COSE: ") + which + " header";
  if (!cbor_isa_map(map)) return Error::Invalid("cose.malformed"_code, what + " is not a map");
  Header h;
  std::set<int64_t> int_labels;
  std::set<std::string> text_labels;
  const cbor_pair* pairs = cbor_map_handle(map);
  for (size_t i = 0; i < cbor_map_size(map); ++i) {
    if (auto text = CborAsText(pairs[i].key)) {
      if (!text_labels.emplace(*text).second) return Error::Invalid("cose.malformed"_code, what + " repeats a label");
      continue;
    }
    auto label = CborAsInt(pairs[i].key);
    if (!label) return Error::Invalid("cose.malformed"_code, what + " has a label that is neither integer nor text");
    if (!int_labels.insert(*label).second) {
      return Error::Invalid("cose.malformed"_code, what + " repeats label " + std::to_string(*label));
    }
    if (*label == 1) {
      h.alg = CborAsInt(pairs[i].value);
      if (!h.alg) return Error::Invalid("cose.malformed"_code, what + ": alg is not an integer");
    } else if (*label == 4) {
      auto kid = CborAsBytes(pairs[i].value);
      if (!kid) return Error::Invalid("cose.malformed"_code, what + ": kid is not a byte string");
      h.kid = Bytes(kid->begin(), kid->end());
    }
  }
  return h;
}

}  // namespace

Result<Sign1> ParseSign1(std::span<const uint8_t> cose) {
  // Accept 61(18(x)), 61(x), 18(x) and x. The tags are read here rather than
  // by libcbor, whose 0.8 release rejects tag 18.
  auto stripped = StripOuterTags(cose, 2);
  if (!stripped) return Error::Invalid("cose.malformed"_code, "COSE: " + stripped.error().message);
  const Untagged& untagged = *stripped;
  const std::vector<uint64_t>& tags = untagged.tags;
  const bool tags_ok = tags.empty() || (tags.size() == 1 && (tags[0] == kCoseSign1Tag || tags[0] == kCwtTag)) ||
                       (tags.size() == 2 && tags[0] == kCwtTag && tags[1] == kCoseSign1Tag);
  if (!tags_ok) {
    std::string list;
    for (uint64_t t : tags) list += (list.empty() ? "" : ", ") + std::to_string(t);
    return Error::Invalid("cose.malformed"_code,
                          "COSE: unexpected CBOR tag(s) " + list + " (expected 18, or 61 for a CWT)");
  }
  auto parsed = CborParse(untagged.rest, 16);
  if (!parsed) return Error::Invalid("cose.malformed"_code, "COSE: " + parsed.error().message);
  CborItem item = std::move(parsed).value();
  if (!cbor_isa_array(item.get()) || cbor_array_size(item.get()) != 4) {
    return Error::Invalid("cose.malformed"_code, "COSE: COSE_Sign1 is not an array of 4 elements");
  }
  cbor_item_t** parts = cbor_array_handle(item.get());
  auto protected_bstr = CborAsBytes(parts[0]);
  if (!protected_bstr) return Error::Invalid("cose.malformed"_code, "COSE: protected header is not a byte string");
  auto payload = CborAsBytes(parts[2]);
  if (!payload)
    return Error::Invalid("cose.malformed"_code,
                          "COSE: payload is not a byte string (detached payloads are not accepted)");
  auto signature = CborAsBytes(parts[3]);
  if (!signature) return Error::Invalid("cose.malformed"_code, "COSE: signature is not a byte string");

  Header prot;
  if (!protected_bstr->empty()) {
    auto prot_map = CborParse(*protected_bstr, 4);
    if (!prot_map) return Error::Invalid("cose.malformed"_code, "COSE: protected header: " + prot_map.error().message);
    ASSIGN_OR_RETURN(prot, ReadHeader(prot_map->get(), "protected"));
  }
  ASSIGN_OR_RETURN(Header unprot, ReadHeader(parts[1], "unprotected"));

  Sign1 out;
  out.protected_bstr.assign(protected_bstr->begin(), protected_bstr->end());
  out.alg = prot.alg.value_or(0);
  if (prot.kid) {
    out.kid = *prot.kid;
  } else if (unprot.kid) {
    out.kid = *unprot.kid;
  }
  out.payload.assign(payload->begin(), payload->end());
  out.signature.assign(signature->begin(), signature->end());
  return out;
}

bool VerifySign1Es256(const Sign1& msg, std::span<const uint8_t> spki_der, std::span<const uint8_t> external_aad) {
  if (msg.alg != kCoseAlgEs256) return false;
  return VerifyEs256WithSpki(spki_der, SigStructure(msg.protected_bstr, external_aad, msg.payload), msg.signature);
}

}  // namespace origine::trust
