// origine/trust/claims.h — the claims carried in a CO1: QR code and their
// deterministic CBOR form (docs/formats/qr-payload.md has the key map).
//
// Thread-safety: pure functions over plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "trust/bytes.h"

namespace origine::trust {

struct GoodsLine {
  std::string hs_code, quantity, unit, net_weight_kg;
  bool operator==(const GoodsLine&) const = default;
};

struct Claims {
  std::string issuer_country;  // "ML"
  std::string number;          // "ML-ETLS-2026-000001"
  std::string regime;          // "ETLS"
  std::string exporter_name, exporter_nif;
  std::string consignee_name, consignee_country;
  std::string origin_country, destination_country;
  int64_t issued_at = 0, expires_at = 0;  // unix seconds
  std::vector<GoodsLine> goods;
  std::string invoice_reference;
  Bytes document_hash;  // SHA-256 of the canonical full document, 32 bytes
  std::optional<int64_t> log_index;
  bool operator==(const Claims&) const = default;
};

// Deterministic CBOR (RFC 8949 §4.2.1) with integer keys: the same Claims
// always give the same bytes. Never fails. Preconditions (not checked):
// issued_at, expires_at and log_index are >= 0 and strings are UTF-8;
// otherwise DecodeClaims will refuse the result.
Bytes EncodeClaims(const Claims& claims);

// Strict decoding: every required key (1..12) present with its type, no
// duplicate keys, valid UTF-8 in every text string, no tags, document_hash
// exactly 32 bytes, integers >= 0; unknown integer keys are ignored. Fails with kInvalidArgument naming the
// first offending key. Does not require canonical encoding of the input.
Result<Claims> DecodeClaims(std::span<const uint8_t> cbor);

}  // namespace origine::trust
