#include "payments/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include "core/file.h"

namespace origine::payments {
namespace {

constexpr size_t kMaxXlsxBytes = 256u << 20;

// A plain integer (optional minus sign, at most 15 digits): written as a number.
bool IsInteger(const std::string& v) {
  const size_t start = !v.empty() && v[0] == '-' ? 1 : 0;
  return v.size() > start && v.size() < 16 && v.find_first_not_of("0123456789", start) == std::string::npos;
}

}  // namespace

Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets) {
  char path[] = "/tmp/origine-xlsx-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return Error::Internal("cannot create a temporary file");
  ::close(fd);
  lxw_workbook* wb = workbook_new(path);
  if (!wb) {
    ::unlink(path);
    return Error::Internal("cannot create the workbook");
  }
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (const auto& s : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
    for (size_t c = 0; c < s.header.size(); ++c)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), s.header[c].c_str(), bold);
    for (size_t r = 0; r < s.rows.size(); ++r) {
      for (size_t c = 0; c < s.rows[r].size(); ++c) {
        const std::string& v = s.rows[r][c];
        const auto row = static_cast<lxw_row_t>(r + 1);
        const auto col = static_cast<lxw_col_t>(c);
        if (IsInteger(v))
          worksheet_write_number(ws, row, col, std::stod(v), nullptr);
        else
          worksheet_write_string(ws, row, col, v.c_str(), nullptr);
      }
    }
  }
  lxw_error err = workbook_close(wb);
  auto bytes = file::ReadFile(path, kMaxXlsxBytes);
  ::unlink(path);
  if (err != LXW_NO_ERROR) return Error::Internal(std::string("XLSX output failed: ") + lxw_strerror(err));
  if (!bytes) return Error::Internal("XLSX output unreadable: " + bytes.error().message);
  return std::move(*bytes);
}

}  // namespace origine::payments
