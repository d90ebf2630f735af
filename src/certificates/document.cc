#include "certificates/document.h"

#include <boost/json.hpp>

#include "certificates/application_input.h"
#include "core/clock.h"
#include "render/certificate_pdf.h"

namespace origine::certificates {
namespace json = boost::json;

namespace {

std::string Str(const json::object& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

const json::object& Sub(const json::object& o, const char* key) {
  static const json::object kEmpty;
  auto it = o.find(key);
  return it != o.end() && it->value().is_object() ? it->value().as_object() : kEmpty;
}

std::string FrenchDate(const std::string& iso) {
  // "2026-11-27T..." -> "27/11/2026"
  if (iso.size() < 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string GroupThousands(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202f";  // narrow no-break space, French style
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

std::string TransportFr(const std::string& mode) {
  if (mode == "road") return "Route";
  if (mode == "rail") return "Rail";
  if (mode == "air") return "Air";
  if (mode == "sea") return "Mer";
  if (mode == "multimodal") return "Multimodal";
  return mode;
}

}  // namespace

std::string BuildDocument(const DocumentInput& in) {
  const json::object& a = in.application;
  json::object doc;
  doc["format"] = "origine-certificate/1";
  doc["number"] = in.number;
  doc["regime"] = in.regime.code;
  doc["regime_title"] = in.regime.title_fr;
  doc["issuer"] = {{"country", in.issuer_country}, {"name", in.issuer_name}};
  doc["issued_at"] = FormatUtc(in.issued_at);
  doc["expires_at"] = FormatUtc(in.expires_at);
  doc["exporter"] = {{"name", in.exporter.name},
                     {"nif", in.exporter.nif},
                     {"rccm", in.exporter.rccm},
                     {"address", in.exporter.address}};
  doc["consignee"] = Sub(a, "consignee");
  doc["origin_country"] = Str(a, "origin_country");
  doc["destination_country"] = Str(a, "destination_country");
  doc["transport"] = Sub(a, "transport");
  doc["invoice"] = Sub(a, "invoice");
  doc["goods"] = a.at("goods");
  doc["signatory"] = in.signatory_name;
  doc["application_id"] = in.application_id;
  return json::serialize(doc);
}

trust::Claims ClaimsFromDocument(const DocumentInput& in, const std::string& sha256_hex) {
  const json::object& a = in.application;
  trust::Claims c;
  c.issuer_country = in.issuer_country;
  c.number = in.number;
  c.regime = in.regime.code;
  c.exporter_name = in.exporter.name;
  c.exporter_nif = in.exporter.nif;
  c.consignee_name = Str(Sub(a, "consignee"), "name");
  c.consignee_country = Str(Sub(a, "consignee"), "country");
  c.origin_country = Str(a, "origin_country");
  c.destination_country = Str(a, "destination_country");
  c.issued_at = in.issued_at;
  c.expires_at = in.expires_at;
  for (const auto& line : a.at("goods").as_array()) {
    const auto& l = line.as_object();
    c.goods.push_back({Str(l, "hs_code"), Str(l, "quantity"), Str(l, "unit"), Str(l, "net_weight_kg")});
  }
  const auto& inv = Sub(a, "invoice");
  c.invoice_reference = Str(inv, "number") + (Str(inv, "date").empty() ? "" : " du " + FrenchDate(Str(inv, "date")));
  for (size_t i = 0; i + 1 < sha256_hex.size(); i += 2)
    c.document_hash.push_back(static_cast<uint8_t>(std::stoi(sha256_hex.substr(i, 2), nullptr, 16)));
  return c;
}

Result<std::string> RenderDocumentPdf(const std::string& document_json, const std::string& qr_text,
                                      const std::string& sha256_hex) {
  boost::system::error_code ec;
  json::value parsed = json::parse(document_json, ec);
  if (ec || !parsed.is_object()) return Error::Internal("stored certificate document is not JSON");
  const json::object& d = parsed.as_object();
  render::CertificateView v;
  v.number = Str(d, "number");
  v.regime_code = Str(d, "regime");
  v.regime_title = Str(d, "regime_title");
  v.issuer_name = Str(Sub(d, "issuer"), "name");
  v.issuer_country = CountryNameFr(Str(Sub(d, "issuer"), "country"));
  v.issued_on = FrenchDate(Str(d, "issued_at"));
  v.expires_on = FrenchDate(Str(d, "expires_at"));
  const auto& e = Sub(d, "exporter");
  v.exporter_name = Str(e, "name");
  v.exporter_address = Str(e, "address");
  v.exporter_nif = Str(e, "nif");
  v.exporter_rccm = Str(e, "rccm");
  const auto& c = Sub(d, "consignee");
  v.consignee_name = Str(c, "name");
  v.consignee_address = Str(c, "address");
  v.consignee_country = CountryNameFr(Str(c, "country"));
  v.origin_country = CountryNameFr(Str(d, "origin_country"));
  v.destination_country = CountryNameFr(Str(d, "destination_country"));
  const auto& t = Sub(d, "transport");
  v.transport = TransportFr(Str(t, "mode")) + (Str(t, "details").empty() ? "" : " — " + Str(t, "details"));
  const auto& inv = Sub(d, "invoice");
  v.invoice_reference = Str(inv, "number") + (Str(inv, "date").empty() ? "" : " du " + FrenchDate(Str(inv, "date")));
  if (auto g = d.find("goods"); g != d.end() && g->value().is_array()) {
    for (const auto& line : g->value().as_array()) {
      const auto& l = line.as_object();
      int64_t value = l.contains("value_xof") && l.at("value_xof").is_int64() ? l.at("value_xof").as_int64() : 0;
      v.goods.push_back({Str(l, "hs_code"), Str(l, "description"), Str(l, "quantity"), Str(l, "unit"),
                         Str(l, "gross_weight_kg"), Str(l, "net_weight_kg"), GroupThousands(value)});
    }
  }
  v.signatory_name = Str(d, "signatory");
  v.qr_text = qr_text;
  v.document_sha256_hex = sha256_hex;
  return render::RenderCertificatePdf(v);
}

}  // namespace origine::certificates
