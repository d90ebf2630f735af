// origine/registry/hs_store.h — every SQL statement on `hs_codes` and
// `hs_tokens` (registry owns them, ADR 0058): the HS nomenclature per
// language and its word index. Internal to the registry module (hs.h is the
// interface).
//
// Thread-safety: stateless; the Tx belongs to the caller's thread. Failure:
// database errors pass through.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/db.h"

namespace origine::registry::hs_store {

struct CodeRow {
  std::string code, label, folded;  // folded: " " + FoldAscii(label) + " "
  int level = 0;
  std::string parent, section;
};
// Inserts or replaces the code in `lang`.
Status Upsert(storage::Tx& tx, const std::string& lang, const CodeRow& row);
// Replaces the word index of a code in `lang` with `tokens` (folded words, distinct).
Status ReplaceTokens(storage::Tx& tx, const std::string& lang, const std::string& code,
                     const std::vector<std::string>& tokens);

struct Hit {
  std::string code, label;
  int level = 0;
};
// Codes in [low, high) in `lang`, by code, at most `limit`.
Result<std::vector<Hit>> SelectCodeRange(storage::Tx& tx, const std::string& lang, const std::string& low,
                                         const std::string& high, int64_t limit);
// A range of folded words [low, high).
struct TokenRange {
  std::string low, high;
};
inline constexpr size_t kMaxTokenRanges = 8;
// Codes in `lang` having, for every range, a word in it; by level then code,
// at most `limit`. 1..kMaxTokenRanges ranges.
Result<std::vector<Hit>> SelectByTokens(storage::Tx& tx, const std::string& lang, const std::vector<TokenRange>& ranges,
                                        int64_t limit);

// The label of `code`, preferably in `lang`; "" if unknown in every language.
Result<std::string> SelectLabel(storage::Tx& tx, const std::string& code, const std::string& lang);

}  // namespace origine::registry::hs_store
