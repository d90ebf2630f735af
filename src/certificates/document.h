// origine/certificates/document.h — the full certificate document, the QR
// claims derived from it, and its PDF.
//
// The document is a JSON text built once at issuance, stored as is, and
// hashed (SHA-256 of those exact bytes goes in the QR as document_hash), so
// anyone holding the document can check it against a verified QR.
// Pure functions except RenderDocumentPdf (cairo/pango); all thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "certificates/regimes.h"
#include "core/result.h"
#include "trust/claims.h"

namespace origine::certificates {

struct CompanyInfo {
  std::string name, nif, rccm, address;
};

struct DocumentInput {
  std::string number;
  RegimeInfo regime;
  std::string issuer_country, issuer_name;
  int64_t issued_at = 0, expires_at = 0;
  CompanyInfo exporter;
  boost::json::object application;  // validated ApplicationInput
  std::string signatory_name;
  int64_t application_id = 0;
};

// The canonical document text (fixed key order, no whitespace).
std::string BuildDocument(const DocumentInput& in);

// The signed summary that goes in the QR code.
trust::Claims ClaimsFromDocument(const DocumentInput& in, const std::string& document_sha256_hex);

// Renders the stored document with its QR code as an A4 PDF (French).
Result<std::string> RenderDocumentPdf(const std::string& document_json, const std::string& qr_text,
                                      const std::string& document_sha256_hex);

}  // namespace origine::certificates
