#include "registry/hs.h"

#include <cctype>
#include <optional>
#include <set>

#include "core/csv.h"
#include "registry/hs_store.h"
#include "registry/reference.h"

namespace origine::registry {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool AllDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

bool NoControlCharacters(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20) return false;
  return true;
}

enum class Shape { kUnknown, kHs2022, kNational };

Shape ShapeOf(const std::vector<std::string>& f) {
  if (f.size() >= 5 && f[0] == "section" && f[1] == "hscode" && f[2] == "description" && f[3] == "parent" &&
      f[4] == "level")
    return Shape::kHs2022;
  if (f.size() >= 2 && f[0] == "code" && f[1] == "description") return Shape::kNational;
  return Shape::kUnknown;
}

// One data line of the HS 2022 shape; nullopt (with the problem in *bad) or
// the line, or a line with an empty code for the TOTAL root (skipped).
std::optional<HsLine> Hs2022Line(const std::vector<std::string>& f, std::optional<FieldError>* bad,
                                 const std::string& where) {
  if (f.size() != 5) {
    *bad = FieldError{where,
                      "hs_file.columns"_code,
                      "expected 5 columns, found " + std::to_string(f.size()),
                      {{"expected", "5"}, {"found", std::to_string(f.size())}}};
    return std::nullopt;
  }
  HsLine h;
  if (f[1] == "TOTAL") return h;  // the root of the tree, not a code
  h.section = f[0];
  h.code = f[1];
  h.label = f[2];
  h.parent = f[3] == "TOTAL" ? "" : f[3];
  if (!AllDigits(h.code) || (h.code.size() != 2 && h.code.size() != 4 && h.code.size() != 6))
    *bad = FieldError{where,
                      "hs_file.code"_code,
                      "hscode '" + h.code + "' must have 2, 4 or 6 digits",
                      {{"code", h.code}, {"digits", "2, 4, 6"}}};
  else if (f[4] != std::to_string(h.code.size()))
    *bad = FieldError{where,
                      "hs_file.level"_code,
                      "level '" + f[4] + "' does not match hscode '" + h.code + "'",
                      {{"level", f[4]}, {"code", h.code}}};
  else if (!h.parent.empty() && (h.code.size() <= h.parent.size() || h.code.rfind(h.parent, 0) != 0))
    *bad = FieldError{where,
                      "hs_file.parent"_code,
                      "parent '" + f[3] + "' is not a prefix of '" + h.code + "'",
                      {{"parent", f[3]}, {"code", h.code}}};
  else if (h.parent.empty() && h.code.size() != 2)
    *bad = FieldError{
        where, "hs_file.chapter_parent"_code, "only a chapter (2 digits) may have parent TOTAL", {{"code", h.code}}};
  if (*bad) return std::nullopt;
  return h;
}

// One data line of the national shape (code,description).
std::optional<HsLine> NationalLine(const std::vector<std::string>& f, std::optional<FieldError>* bad,
                                   const std::string& where) {
  if (f.size() < 2) {
    *bad = FieldError{where,
                      "hs_file.columns"_code,
                      "expected 2 columns (code,description)",
                      {{"expected", "2"}, {"found", std::to_string(f.size())}}};
    return std::nullopt;
  }
  HsLine h;
  for (char c : f[0])
    if (c != '.' && c != ' ') h.code += c;
  h.label = f[1];
  const size_t n = h.code.size();
  if (!AllDigits(h.code) || n < 2 || n > 10 || n % 2 != 0) {
    *bad = FieldError{where,
                      "hs_file.code"_code,
                      "code '" + f[0] + "' must have 2, 4, 6, 8 or 10 digits",
                      {{"code", f[0]}, {"digits", "2, 4, 6, 8, 10"}}};
    return std::nullopt;
  }
  h.parent = n == 2 ? "" : h.code.substr(0, n == 6 ? 4 : n - 2);
  return h;
}

}  // namespace

Result<std::vector<HsLine>> ParseHsCsv(std::string_view text, const std::string& name) {
  if (text.size() > kMaxHsFileBytes)
    return Error::Invalid("hs_file.too_large"_code, name + ": file larger than 32 MiB")
        .With("file", name)
        .With("max", "32 MiB");
  csv::ParseOptions options;
  options.skip_comment_lines = true;
  options.trim = true;
  auto records = csv::Parse(text, options);  // also drops a UTF-8 byte-order mark
  if (!records) {
    std::string line = "?";
    for (const auto& [k, v] : records.error().params)
      if (k == "line") line = v;
    const std::string where = name + ":" + line;
    return Error::Invalid("hs_file.invalid"_code, where + ": unterminated quoted field",
                          {{where, "hs_file.quote"_code, "unterminated quoted field"}})
        .With("file", name)
        .With("problems", "1");
  }
  std::vector<HsLine> out;
  std::vector<FieldError> errors;
  Shape shape = Shape::kUnknown;
  std::set<std::string> seen;
  for (csv::Record& rec : *records) {
    std::vector<std::string>& f = rec.fields;
    for (auto& x : f) x = Trim(x);
    const std::string where = name + ":" + std::to_string(rec.line);
    if (shape == Shape::kUnknown) {
      shape = ShapeOf(f);
      if (shape == Shape::kUnknown)
        return Error::Invalid("hs_file.header"_code,
                              where +
                                  ": unknown header (expected 'section,hscode,description,parent,level' or "
                                  "'code,description')",
                              {{where, "hs_file.header"_code, "unknown header", {{"line", std::to_string(rec.line)}}}})
            .With("file", name)
            .With("line", std::to_string(rec.line));
      continue;
    }
    if (out.size() >= kMaxHsLines)
      return Error::Invalid("hs_file.too_many_lines"_code, name + ": more than 200000 lines")
          .With("file", name)
          .With("max", std::to_string(kMaxHsLines));
    std::optional<FieldError> bad;
    std::optional<HsLine> h = shape == Shape::kHs2022 ? Hs2022Line(f, &bad, where) : NationalLine(f, &bad, where);
    if (h && h->code.empty()) continue;  // the TOTAL root
    if (h) {
      h->level = static_cast<int>(h->code.size());
      if (h->label.empty())
        bad = FieldError{where, "hs_file.label_empty"_code, "description is empty"};
      else if (h->label.size() > 1000 || !NoControlCharacters(h->label))
        bad = FieldError{where,
                         "hs_file.label_invalid"_code,
                         "description is longer than 1000 bytes or holds control characters",
                         {{"max", "1000"}}};
      else if (!seen.insert(h->code).second)
        bad = FieldError{where, "hs_file.duplicate"_code, "code " + h->code + " appears twice", {{"code", h->code}}};
    }
    if (bad) {
      if (errors.size() < 50) errors.push_back(std::move(*bad));
      continue;
    }
    out.push_back(std::move(*h));
  }
  if (shape == Shape::kUnknown)
    return Error::Invalid("hs_file.empty"_code, name + ": the file is empty").With("file", name);
  if (!errors.empty()) {
    std::string msg = errors[0].field + ": " + errors[0].message;
    if (errors.size() > 1) msg += " (and " + std::to_string(errors.size() - 1) + " more problems)";
    const std::string count = std::to_string(errors.size());
    return Error::Invalid("hs_file.invalid"_code, msg, std::move(errors)).With("file", name).With("problems", count);
  }
  if (out.empty()) return Error::Invalid("hs_file.no_data"_code, name + ": no data line").With("file", name);
  return out;
}

namespace {

Status CheckLang(const std::string& lang) {
  if (lang != "fr" && lang != "en")
    return Error::Invalid("lang.unknown"_code, "lang must be fr or en",
                          {{"lang", "lang.unknown"_code, "must be fr or en", {{"langs", "fr, en"}}}});
  return {};
}

}  // namespace

Result<size_t> StoreHs(storage::Tx& tx, const std::string& lang, const std::vector<HsLine>& lines) {
  RETURN_IF_ERROR(CheckLang(lang));
  for (const HsLine& h : lines) {
    RETURN_IF_ERROR(
        hs_store::Upsert(tx, lang, {h.code, h.label, " " + FoldAscii(h.label) + " ", h.level, h.parent, h.section}));
    std::set<std::string> distinct;
    for (auto& t : FoldTokens(h.label)) distinct.insert(std::move(t));
    RETURN_IF_ERROR(hs_store::ReplaceTokens(tx, lang, h.code, {distinct.begin(), distinct.end()}));
  }
  return lines.size();
}

namespace {

// [low, high) of the strings starting with `prefix` (non-empty): the last
// character is raised by one ('9' + 1 = ':' sorts after every digit).
hs_store::TokenRange PrefixRange(const std::string& prefix) {
  std::string high = prefix;
  high.back() = static_cast<char>(high.back() + 1);
  return {prefix, high};
}

Result<std::vector<HsHit>> SearchOne(storage::Tx& tx, std::string_view query, const std::string& lang, int limit) {
  std::string digits;
  bool code_query = true;
  for (char c : query) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      digits += c;
    else if (c != '.' && c != ' ')
      code_query = false;
  }
  std::vector<hs_store::Hit> found;
  if (code_query && !digits.empty()) {
    if (digits.size() > 10) return std::vector<HsHit>();
    const hs_store::TokenRange r = PrefixRange(digits);
    ASSIGN_OR_RETURN(found, hs_store::SelectCodeRange(tx, lang, r.low, r.high, limit));
  } else {
    std::vector<std::string> tokens = FoldTokens(query);
    if (tokens.empty()) return std::vector<HsHit>();
    if (tokens.size() > hs_store::kMaxTokenRanges) tokens.resize(hs_store::kMaxTokenRanges);
    // Each word must begin a word of the label: an indexed prefix range on hs_tokens.
    std::vector<hs_store::TokenRange> ranges;
    ranges.reserve(tokens.size());
    for (const auto& t : tokens) ranges.push_back(PrefixRange(t));
    ASSIGN_OR_RETURN(found, hs_store::SelectByTokens(tx, lang, ranges, limit));
  }
  std::vector<HsHit> hits;
  hits.reserve(found.size());
  for (auto& h : found) hits.push_back({std::move(h.code), std::move(h.label), lang, h.level});
  return hits;
}

}  // namespace

Result<std::vector<HsHit>> SearchHs(storage::Tx& tx, std::string_view query, const std::string& lang, int limit) {
  RETURN_IF_ERROR(CheckLang(lang));
  if (limit < 1 || limit > 100)
    return Error::Invalid("hs_search.limit"_code, "limit must be between 1 and 100",
                          {{"limit", "hs_search.limit"_code, "1..100", {{"min", "1"}, {"max", "100"}}}})
        .With("min", "1")
        .With("max", "100");
  if (query.size() > 200)
    return Error::Invalid("hs_search.query_too_long"_code, "the query is too long",
                          {{"q", "hs_search.query_too_long"_code, "at most 200 characters", {{"max", "200"}}}})
        .With("max", "200");
  ASSIGN_OR_RETURN(auto hits, SearchOne(tx, query, lang, limit));
  if (hits.empty()) return SearchOne(tx, query, lang == "fr" ? "en" : "fr", limit);
  return hits;
}

Result<std::string> HsLabel(storage::Tx& tx, const std::string& code, const std::string& lang) {
  return hs_store::SelectLabel(tx, code, lang);
}

}  // namespace origine::registry
