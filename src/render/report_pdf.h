// origine/render/report_pdf.h — simple A4 documents in the certificate's
// style (cairo + pango, "DejaVu Sans"): payment receipts and the daily
// Treasury report. A header (issuer, title, number), label/value fields, then
// tables (header row repeated on each new page), and a footer "title — page i / n".
//
// Ownership: returns the bytes. Thread-safe (each call owns its surface).
// Failures: kInvalidArgument for an empty title, a string that is not UTF-8,
// a row whose cell count differs from its table's columns, or more than
// 20,000 rows; kInternal if cairo fails.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace origine::render {

struct ReportTable {
  std::string caption;  // printed above the table ("" = none)
  std::vector<std::string> columns;
  std::vector<bool> right_aligned;  // per column (amounts); may be empty
  std::vector<std::vector<std::string>> rows;
};

struct ReportView {
  std::string issuer_name;                                  // first header line
  std::string title;                                        // "Reçu de paiement"
  std::string number;                                       // "RC-2026-000001" (top right; may be empty)
  std::string created;                                      // "27/11/2026 08:30 UTC", also the PDF creation date source
  std::vector<std::pair<std::string, std::string>> fields;  // label, value
  std::vector<ReportTable> tables;
  std::string note;  // small print at the end
};

// PDF bytes (starts with "%PDF-").
Result<std::string> RenderReportPdf(const ReportView& view);

}  // namespace origine::render
