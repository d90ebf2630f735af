// origine/payments/xlsx.h — spreadsheets of the staff reports (reconciliations,
// the Treasury report), through libxlsxwriter. Every cell is written as text
// (never as a formula), except cells that are plain integers, written as numbers.
// Thread-safety: reentrant (a private temporary file per call).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace origine::payments {

struct Sheet {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// XLSX bytes of the sheets; kInternal when libxlsxwriter fails.
Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets);

}  // namespace origine::payments
