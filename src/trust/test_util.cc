#include "trust/test_util.h"

#include "core/encoding.h"

namespace origine::trust::testing {

Bytes Hex(std::string_view hex) {
  auto r = encoding::FromHex(hex);
  if (!r) {
    ADD_FAILURE() << "bad hex: " << hex;
    return {};
  }
  return *r;
}

Bytes Base64Url(std::string_view text) {
  auto r = encoding::FromBase64Url(text);
  if (!r) {
    ADD_FAILURE() << "bad base64url: " << text;
    return {};
  }
  return *r;
}

std::string Str(const boost::json::value& v) {
  if (const auto* s = v.if_string()) return std::string(s->data(), s->size());
  return {};
}

Claims SampleClaims(int64_t issued_at) {
  Claims c;
  c.issuer_country = "ML";
  c.number = "ML-ETLS-2026-000001";
  c.regime = "ETLS";
  c.exporter_name = "Société Malienne des Mangues";
  c.exporter_nif = "084123456A";
  c.consignee_name = "Dakar Fruits SARL";
  c.consignee_country = "SN";
  c.origin_country = "ML";
  c.destination_country = "SN";
  c.issued_at = issued_at;
  c.expires_at = issued_at + int64_t{180} * 86400;
  c.goods = {{"080450", "1200", "kg", "1200.000"}, {"200799", "40", "carton", "380.5"}};
  c.invoice_reference = "INV-2026-0042";
  c.document_hash = Bytes(32, 0x5a);
  c.log_index = 41;
  return c;
}

}  // namespace origine::trust::testing
