// origine/registry/hs.h — the HS nomenclature: import of CSV files and search
// by code prefix or by words (accent- and case-insensitive, French or English).
//
// Two file shapes, told apart by the header line (docs/formats/hs-import.md):
//   section,hscode,description,parent,level   HS 2022 (datasets/harmonized-system),
//                                             codes of 2, 4 or 6 digits
//   code,description                          national tariff: codes of 2, 4, 6, 8
//                                             or 10 digits ("1207.40.00.00" allowed)
// The file is read as RFC 4180 CSV (core/csv.h: a UTF-8 byte-order mark is
// dropped, '#' lines are comments). Parsing checks every line and reports
// every problem (up to 50) as a field "NAME:LINE" with a code (hs_file.code,
// hs_file.level, hs_file.parent, hs_file.duplicate, ...), the whole error being
// kInvalidArgument "hs_file.invalid" whose message names the first problem
// ("NAME:LINE: problem"); a bad header is "hs_file.header", an unterminated
// quote stops the parse ("hs_file.quote"). Storage happens only when the whole
// file is good, in the caller's transaction (so an error writes nothing).
//
// Search runs in SQL on the hs_codes table (registry/hs_store.cc): a query made
// of digits (dots and spaces ignored) is a code prefix; otherwise every folded
// word must start a word of the folded label, found by an indexed prefix range
// on the word index hs_tokens (portable SQL, no FTS). Results in the asked
// language; when it has none, the other language is searched. A language
// other than fr/en is "lang.unknown"; a limit outside 1..100
// "hs_search.limit"; a query over 200 bytes "hs_search.query_too_long".
// Thread-safety: stateless; the Tx decides.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/db.h"

namespace origine::registry {

struct HsLine {
  std::string code;  // digits only
  std::string label;
  std::string parent;   // digits, "" for a chapter
  std::string section;  // roman numeral (HS 2022 shape), "" otherwise
  int level = 0;        // number of digits
};

inline constexpr size_t kMaxHsFileBytes = 32u << 20;
inline constexpr size_t kMaxHsLines = 200'000;

Result<std::vector<HsLine>> ParseHsCsv(std::string_view text, const std::string& name);

// Inserts or replaces the lines for `lang` ("fr" | "en"); returns the count.
Result<size_t> StoreHs(storage::Tx& tx, const std::string& lang, const std::vector<HsLine>& lines);

struct HsHit {
  std::string code, label, lang;
  int level = 0;
};
// At most `limit` (1..100) hits. An empty query gives no hits.
Result<std::vector<HsHit>> SearchHs(storage::Tx& tx, std::string_view query, const std::string& lang, int limit = 20);

// Label of `code` in `lang` (or the other language), "" if unknown.
Result<std::string> HsLabel(storage::Tx& tx, const std::string& code, const std::string& lang);

}  // namespace origine::registry
