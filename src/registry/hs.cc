#include "registry/hs.h"

#include <cctype>
#include <set>

#include "registry/reference.h"

namespace origine::registry {

namespace {

// Splits one CSV record (RFC 4180 quoting, on one line).
bool SplitCsv(std::string_view line, std::vector<std::string>* out) {
  out->clear();
  std::string cur;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"')
          cur += '"', ++i;
        else
          quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"' && cur.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      out->push_back(std::move(cur));
      cur.clear();
      was_quoted = false;
    } else {
      cur += c;
    }
  }
  if (quoted) return false;
  out->push_back(std::move(cur));
  return true;
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool AllDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

bool ValidUtf8NoControl(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20) return false;
  return true;
}

}  // namespace

Result<std::vector<HsLine>> ParseHsCsv(std::string_view text, const std::string& name) {
  if (text.size() > kMaxHsFileBytes) return Error::Invalid(name + ": file larger than 32 MiB");
  std::vector<HsLine> out;
  std::vector<FieldError> errors;
  auto bad = [&](size_t line, const std::string& problem) {
    if (errors.size() < 50) errors.push_back({name + ":" + std::to_string(line), problem});
  };
  enum { kUnknown, kHs2022, kNational } shape = kUnknown;
  std::set<std::string> seen;
  size_t line_no = 0, pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // UTF-8 BOM
  std::vector<std::string> f;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    if (!SplitCsv(line, &f)) {
      bad(line_no, "unterminated quoted field");
      continue;
    }
    for (auto& x : f) x = Trim(x);
    if (shape == kUnknown) {
      if (f.size() >= 5 && f[0] == "section" && f[1] == "hscode" && f[2] == "description" && f[3] == "parent" &&
          f[4] == "level")
        shape = kHs2022;
      else if (f.size() >= 2 && f[0] == "code" && f[1] == "description")
        shape = kNational;
      else
        return Error::Invalid(name + ":" + std::to_string(line_no) +
                                  ": unknown header (expected 'section,hscode,description,parent,level' or "
                                  "'code,description')",
                              {{name + ":" + std::to_string(line_no), "unknown header"}});
      continue;
    }
    if (out.size() >= kMaxHsLines) return Error::Invalid(name + ": more than 200000 lines");
    HsLine h;
    if (shape == kHs2022) {
      if (f.size() != 5) {
        bad(line_no, "expected 5 columns, found " + std::to_string(f.size()));
        continue;
      }
      if (f[1] == "TOTAL") continue;  // the root of the tree, not a code
      h.section = f[0];
      h.code = f[1];
      h.label = f[2];
      h.parent = f[3] == "TOTAL" ? "" : f[3];
      if (!AllDigits(h.code) || (h.code.size() != 2 && h.code.size() != 4 && h.code.size() != 6)) {
        bad(line_no, "hscode '" + h.code + "' must have 2, 4 or 6 digits");
        continue;
      }
      if (f[4] != std::to_string(h.code.size())) {
        bad(line_no, "level '" + f[4] + "' does not match hscode '" + h.code + "'");
        continue;
      }
      if (!h.parent.empty() && (h.code.size() <= h.parent.size() || h.code.rfind(h.parent, 0) != 0)) {
        bad(line_no, "parent '" + f[3] + "' is not a prefix of '" + h.code + "'");
        continue;
      }
      if (h.parent.empty() && h.code.size() != 2) {
        bad(line_no, "only a chapter (2 digits) may have parent TOTAL");
        continue;
      }
    } else {
      if (f.size() < 2) {
        bad(line_no, "expected 2 columns (code,description)");
        continue;
      }
      for (char c : f[0])
        if (c != '.' && c != ' ') h.code += c;
      h.label = f[1];
      const size_t n = h.code.size();
      if (!AllDigits(h.code) || n < 2 || n > 10 || n % 2 != 0) {
        bad(line_no, "code '" + f[0] + "' must have 2, 4, 6, 8 or 10 digits");
        continue;
      }
      h.parent = n == 2 ? "" : h.code.substr(0, n == 6 ? 4 : n - 2);
    }
    h.level = static_cast<int>(h.code.size());
    if (h.label.empty()) {
      bad(line_no, "description is empty");
      continue;
    }
    if (h.label.size() > 1000 || !ValidUtf8NoControl(h.label)) {
      bad(line_no, "description is longer than 1000 bytes or holds control characters");
      continue;
    }
    if (!seen.insert(h.code).second) {
      bad(line_no, "code " + h.code + " appears twice");
      continue;
    }
    out.push_back(std::move(h));
  }
  if (shape == kUnknown) return Error::Invalid(name + ": the file is empty");
  if (!errors.empty()) {
    std::string msg = errors[0].field + ": " + errors[0].message;
    if (errors.size() > 1) msg += " (and " + std::to_string(errors.size() - 1) + " more problems)";
    return Error::Invalid(msg, std::move(errors));
  }
  if (out.empty()) return Error::Invalid(name + ": no data line");
  return out;
}

Result<size_t> StoreHs(storage::Tx& tx, const std::string& lang, const std::vector<HsLine>& lines) {
  if (lang != "fr" && lang != "en") return Error::Invalid("lang must be fr or en", {{"lang", "must be fr or en"}});
  for (const HsLine& h : lines) {
    RETURN_IF_ERROR(
        tx.Exec("INSERT INTO hs_codes (lang, code, label, folded, level, parent, section) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (lang, code) DO UPDATE SET label = excluded.label, folded = excluded.folded, "
                "level = excluded.level, parent = excluded.parent, section = excluded.section",
                {lang, h.code, h.label, " " + FoldAscii(h.label) + " ", int64_t{h.level}, h.parent, h.section}));
    RETURN_IF_ERROR(tx.Exec("DELETE FROM hs_tokens WHERE lang = ? AND code = ?", {lang, h.code}));
    std::set<std::string> tokens;
    for (auto& t : FoldTokens(h.label)) tokens.insert(std::move(t));
    for (const auto& t : tokens)
      RETURN_IF_ERROR(tx.Exec("INSERT INTO hs_tokens (lang, token, code) VALUES (?, ?, ?)", {lang, t, h.code}));
  }
  return lines.size();
}

namespace {

Result<std::vector<HsHit>> SearchOne(storage::Tx& tx, std::string_view query, const std::string& lang, int limit) {
  std::string digits;
  bool code_query = true;
  for (char c : query) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      digits += c;
    else if (c != '.' && c != ' ')
      code_query = false;
  }
  std::string sql = "SELECT code, label, level FROM hs_codes WHERE lang = ? ";
  storage::Params params{lang};
  if (code_query && !digits.empty()) {
    if (digits.size() > 10) return std::vector<HsHit>();
    sql += "AND code >= ? AND code < ? ORDER BY code LIMIT ?";
    std::string hi = digits;
    hi.back() = static_cast<char>(hi.back() + 1);  // '9' + 1 = ':' sorts after every digit
    params.push_back(digits);
    params.push_back(hi);
  } else {
    std::vector<std::string> tokens = FoldTokens(query);
    if (tokens.empty()) return std::vector<HsHit>();
    if (tokens.size() > 8) tokens.resize(8);
    // Each word must begin a word of the label: an indexed prefix range on hs_tokens.
    for (const auto& t : tokens) {
      std::string hi = t;
      hi.back() = static_cast<char>(hi.back() + 1);
      sql += "AND code IN (SELECT code FROM hs_tokens WHERE lang = ? AND token >= ? AND token < ?) ";
      params.push_back(lang);
      params.push_back(t);
      params.push_back(hi);
    }
    sql += "ORDER BY level, code LIMIT ?";
  }
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<HsHit> hits;
  for (const auto& r : rows) hits.push_back({r.Text(0), r.Text(1), lang, static_cast<int>(r.Int(2))});
  return hits;
}

}  // namespace

Result<std::vector<HsHit>> SearchHs(storage::Tx& tx, std::string_view query, const std::string& lang, int limit) {
  if (lang != "fr" && lang != "en") return Error::Invalid("lang must be fr or en", {{"lang", "must be fr or en"}});
  if (limit < 1 || limit > 100) return Error::Invalid("limit must be between 1 and 100", {{"limit", "1..100"}});
  if (query.size() > 200) return Error::Invalid("the query is too long", {{"q", "at most 200 characters"}});
  ASSIGN_OR_RETURN(auto hits, SearchOne(tx, query, lang, limit));
  if (hits.empty()) return SearchOne(tx, query, lang == "fr" ? "en" : "fr", limit);
  return hits;
}

Result<std::string> HsLabel(storage::Tx& tx, const std::string& code, const std::string& lang) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT label FROM hs_codes WHERE code = ? ORDER BY lang = ? DESC LIMIT 1", {code, lang}));
  return rows.empty() ? std::string() : rows[0].Text(0);
}

}  // namespace origine::registry
