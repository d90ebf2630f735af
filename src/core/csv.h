// origine/core/csv.h — CSV as spreadsheets and providers write it (RFC 4180).
//
// Reading: a leading UTF-8 byte-order mark is dropped (spreadsheet exports
// add one), records end with CRLF or LF, quoted fields may hold commas,
// doubled quotes and line breaks. Writing: fields are quoted when needed and a
// cell that a spreadsheet would run as a formula (= + - @ tab CR at the start,
// except a plain number such as -1485) is prefixed with an apostrophe.
//
//   ASSIGN_OR_RETURN(auto rows, csv::Parse(text));
//   for (const csv::Record& r : rows) use(r.line, r.fields);
//   std::string out = csv::Line({"a", "b,c"});   // "a,\"b,c\"\r\n"
//
// Thread-safety: pure functions. Failure: kInvalidArgument, code
// "csv.unterminated_quote" naming the line where the quoted field started.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace origine::csv {

struct Record {
  size_t line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

struct ParseOptions {
  char separator = ',';
  bool skip_blank_lines = true;     // a line with nothing on it is no record
  bool skip_comment_lines = false;  // a line starting with '#' is no record
  bool trim = false;                // strip spaces and tabs around unquoted fields and around quotes
};

// Every record of `text`.
Result<std::vector<Record>> Parse(std::string_view text, const ParseOptions& options = {});

// Removes a leading UTF-8 byte-order mark, if any.
std::string_view StripBom(std::string_view text);

// One field, quoted when needed and neutralised against formula injection.
std::string Field(std::string_view value);
// One record: the fields joined by commas, ended by CRLF.
std::string Line(const std::vector<std::string>& fields);

}  // namespace origine::csv
