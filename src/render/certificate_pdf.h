// origine/render/certificate_pdf.h — the printable PDF of an issued certificate
// of origin (A4 portrait, French, vector QR code on every page).
//
// RenderCertificatePdf lays out the form with cairo + pango ("DejaVu Sans"):
// issuer header and certificate number, numbered boxes (exporter, consignee,
// countries, transport, invoice), the goods table (continued on as many pages as
// needed, header repeated), and on every page the certification block, the QR
// code (38-48 mm, modules >= 0.5 mm up to that size, 4-module quiet zone, the
// document SHA-256 under it) and a footer "N° ... — Page i / n". Long texts wrap;
// very long ones are cut with "…" (names 2 lines, addresses 4, goods
// descriptions 20). A goods line never splits across pages; the list ends with
// "Fin de la liste — N lignes" and the unused table space is struck through. PDF metadata: title =
// number, subject = regime title, author = issuer; the creation date is taken
// from issued_on ("dd/mm/yyyy") so equal input gives equal bytes.
//
// Ownership: returns the bytes by value; the view is only read during the call.
// Thread-safe: each call owns its surface and pango context (pango's per-thread
// default font map and fontconfig's cache are shared; they live until exit, see
// lsan.supp). Cost: ~25 ms for a one-page certificate (debug + ASan build).
// Failures: kInvalidArgument (with FieldError paths) for an empty number or
// qr_text, a string that is not valid UTF-8, more than kMaxGoodsLines lines, or
// a qr_text too long for a QR code; kInternal if cairo fails (out of memory).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/result.h"

namespace origine::render {

inline constexpr size_t kMaxGoodsLines = 1000;

struct CertificateView {                          // every string already formatted for display, French
  std::string number, regime_code, regime_title;  // "ML-ETLS-2026-000001", "ETLS", "Certificat d'origine — ..."
  std::string issuer_name, issuer_country;  // "Agence pour la promotion des exportations du Mali (APEX-Mali)", "Mali"
  std::string issued_on, expires_on;        // "27/11/2026"
  std::string exporter_name, exporter_address, exporter_nif, exporter_rccm;
  std::string consignee_name, consignee_address, consignee_country;
  std::string origin_country, destination_country, transport, invoice_reference;
  struct Line {
    std::string hs_code, description, quantity, unit, gross_weight_kg, net_weight_kg, value_xof;
  };
  std::vector<Line> goods;
  std::string signatory_name;
  std::string qr_text;              // "CO1:..." drawn as a QR on every page
  std::string document_sha256_hex;  // printed small under the QR
};

// PDF bytes of the certificate (starts with "%PDF-").
Result<std::string> RenderCertificatePdf(const CertificateView& view);

}  // namespace origine::render
