#include "render/certificate_pdf.h"

#include <cairo-pdf.h>
#include <glib.h>

#include <cstdio>
#include <string>
#include <utility>

#include "render/certificate_layout.h"
#include "render/qr_image.h"
#include "render/raii.h"

namespace origine::render {
namespace {

// "27/11/2026" → "2026-11-27T00:00:00" for the PDF creation date; empty if not that shape.
std::string IsoDate(const std::string& ddmmyyyy) {
  unsigned d = 0, m = 0, y = 0;
  char tail = 0;
  if (std::sscanf(ddmmyyyy.c_str(), "%2u/%2u/%4u%c", &d, &m, &y, &tail) != 3) return {};
  if (d < 1 || d > 31 || m < 1 || m > 12 || y < 1000) return {};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04u-%02u-%02uT00:00:00", y, m, d);
  return buf;
}

Status Validate(const CertificateView& v) {
  std::vector<FieldError> errors;
  auto utf8 = [&](const std::string& s, std::string field) {
    if (!g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) {
      errors.push_back({std::move(field), "render.utf8"_code, "must be valid UTF-8 without NUL bytes"});
    }
  };
  const std::pair<const std::string*, const char*> fields[] = {
      {&v.number, "number"},
      {&v.regime_code, "regime_code"},
      {&v.regime_title, "regime_title"},
      {&v.issuer_name, "issuer_name"},
      {&v.issuer_country, "issuer_country"},
      {&v.issued_on, "issued_on"},
      {&v.expires_on, "expires_on"},
      {&v.exporter_name, "exporter_name"},
      {&v.exporter_address, "exporter_address"},
      {&v.exporter_nif, "exporter_nif"},
      {&v.exporter_rccm, "exporter_rccm"},
      {&v.consignee_name, "consignee_name"},
      {&v.consignee_address, "consignee_address"},
      {&v.consignee_country, "consignee_country"},
      {&v.origin_country, "origin_country"},
      {&v.destination_country, "destination_country"},
      {&v.transport, "transport"},
      {&v.invoice_reference, "invoice_reference"},
      {&v.signatory_name, "signatory_name"},
      {&v.qr_text, "qr_text"},
      {&v.document_sha256_hex, "document_sha256_hex"},
  };
  for (const auto& [value, name] : fields) utf8(*value, name);
  if (v.number.empty()) errors.push_back({"number", "render.required"_code, "is required"});
  if (v.qr_text.empty()) errors.push_back({"qr_text", "render.required"_code, "is required"});
  if (v.goods.size() > kMaxGoodsLines)
    errors.push_back(
        {"goods", "render.too_many_lines"_code, "has too many lines", {{"max", std::to_string(kMaxGoodsLines)}}});
  for (size_t i = 0; i < v.goods.size() && i < kMaxGoodsLines; ++i) {
    const CertificateView::Line& l = v.goods[i];
    const std::string p = "goods/" + std::to_string(i) + "/";
    utf8(l.hs_code, p + "hs_code");
    utf8(l.description, p + "description");
    utf8(l.quantity, p + "quantity");
    utf8(l.unit, p + "unit");
    utf8(l.gross_weight_kg, p + "gross_weight_kg");
    utf8(l.net_weight_kg, p + "net_weight_kg");
    utf8(l.value_xof, p + "value_xof");
  }
  if (!errors.empty())
    return Error::Invalid("render.invalid"_code, "the certificate cannot be rendered", std::move(errors));
  return Status::Ok();
}

}  // namespace

Result<std::string> RenderCertificatePdf(const CertificateView& v) {
  RETURN_IF_ERROR(Validate(v));
  Result<QrMatrix> qr = EncodeQr(v.qr_text);
  if (!qr)
    return Error::Invalid("qr.text"_code, "the QR text cannot be encoded",
                          {{"qr_text", "qr.text"_code, qr.error().message}});

  std::string pdf;
  internal::SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(internal::AppendToString, &pdf, internal::kPageW, internal::kPageH));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error::Internal("cannot create the PDF surface");
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, v.number.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT, v.regime_title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, v.issuer_name.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Origine");
  if (std::string date = IsoDate(v.issued_on); !date.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  }
  {
    internal::CairoPtr cr(cairo_create(surface.get()));
    internal::DrawCertificate(cr.get(), v, *qr);
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      return Error::Internal(std::string("PDF drawing failed: ") + cairo_status_to_string(cairo_status(cr.get())));
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error::Internal("PDF output failed");
  }
  return pdf;
}

}  // namespace origine::render
