#include "registry/hs_store.h"

namespace origine::registry::hs_store {
namespace {

constexpr std::string_view kUpsertCode =
    "INSERT INTO hs_codes (lang, code, label, folded, level, parent, section) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (lang, code) DO UPDATE SET label = excluded.label, folded = excluded.folded, "
    "level = excluded.level, parent = excluded.parent, section = excluded.section";
constexpr std::string_view kDeleteTokens = "DELETE FROM hs_tokens WHERE lang = ? AND code = ?";
constexpr std::string_view kInsertToken = "INSERT INTO hs_tokens (lang, token, code) VALUES (?, ?, ?)";
constexpr std::string_view kSelectCodeRange =
    "SELECT code, label, level FROM hs_codes WHERE lang = ? AND code >= ? AND code < ? ORDER BY code LIMIT ?";
// The word search: the head, one clause per word (an indexed prefix range on
// hs_tokens), the tail; every value is a parameter.
constexpr std::string_view kSelectByTokensHead = "SELECT code, label, level FROM hs_codes WHERE lang = ? ";
constexpr std::string_view kAndHasToken =
    "AND code IN (SELECT code FROM hs_tokens WHERE lang = ? AND token >= ? AND token < ?) ";
constexpr std::string_view kByLevelLimit = "ORDER BY level, code LIMIT ?";
constexpr std::string_view kSelectLabel = "SELECT label FROM hs_codes WHERE code = ? ORDER BY lang = ? DESC LIMIT 1";

std::vector<Hit> Hits(const std::vector<storage::Row>& rows) {
  std::vector<Hit> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), static_cast<int>(r.Int(2))});
  return out;
}

}  // namespace

Status Upsert(storage::Tx& tx, const std::string& lang, const CodeRow& h) {
  RETURN_IF_ERROR(tx.Exec(kUpsertCode, {lang, h.code, h.label, h.folded, int64_t{h.level}, h.parent, h.section}));
  return {};
}

Status ReplaceTokens(storage::Tx& tx, const std::string& lang, const std::string& code,
                     const std::vector<std::string>& tokens) {
  RETURN_IF_ERROR(tx.Exec(kDeleteTokens, {lang, code}));
  for (const auto& t : tokens) RETURN_IF_ERROR(tx.Exec(kInsertToken, {lang, t, code}));
  return {};
}

Result<std::vector<Hit>> SelectCodeRange(storage::Tx& tx, const std::string& lang, const std::string& low,
                                         const std::string& high, int64_t limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectCodeRange, {lang, low, high, limit}));
  return Hits(rows);
}

Result<std::vector<Hit>> SelectByTokens(storage::Tx& tx, const std::string& lang, const std::vector<TokenRange>& ranges,
                                        int64_t limit) {
  if (ranges.empty() || ranges.size() > kMaxTokenRanges)
    return Error::Internal("SelectByTokens takes 1 to 8 word ranges");
  std::string sql(kSelectByTokensHead);
  storage::Params params{lang};
  for (const auto& r : ranges) {
    sql += kAndHasToken;
    params.insert(params.end(), {lang, r.low, r.high});
  }
  sql += kByLevelLimit;
  params.push_back(limit);
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  return Hits(rows);
}

Result<std::string> SelectLabel(storage::Tx& tx, const std::string& code, const std::string& lang) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(kSelectLabel, {code, lang}));
  return rows.empty() ? std::string() : rows[0].Text(0);
}

}  // namespace origine::registry::hs_store
