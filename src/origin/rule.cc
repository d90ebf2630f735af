#include "origin/rule.h"

#include "origin/internal/text.h"

namespace origine::origin {

using internal::Trim;

namespace {

constexpr size_t kMaxRuleText = 4096;

bool IsProcessCode(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

Result<RuleTerm> ParseChange(TermKind kind, std::string_view rest) {
  RuleTerm term;
  term.kind = kind;
  rest = Trim(rest);
  if (rest.empty()) return term;
  constexpr std::string_view kExcept = "except";
  if (rest.substr(0, kExcept.size()) != kExcept || rest.size() == kExcept.size() ||
      (rest[kExcept.size()] != ' ' && rest[kExcept.size()] != '\t')) {
    return Error::Invalid("rule.syntax"_code,
                          "expected 'except' after the change of classification, found '" + std::string(rest) + "'");
  }
  for (std::string_view part : Split(rest.substr(kExcept.size()), ',')) {
    std::optional<std::string> hs = internal::NormalizeHs(Trim(part));
    if (!hs)
      return Error::Invalid("rule.syntax"_code,
                            "'" + std::string(Trim(part)) + "' is not an HS code in the except list");
    term.except.push_back(std::move(*hs));
  }
  return term;
}

Result<RuleTerm> ParseTerm(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return Error::Invalid("rule.syntax"_code, "empty criterion");
  auto starts = [&](std::string_view p) { return text.substr(0, p.size()) == p; };
  auto word_end = [&](std::string_view p) {
    return text.size() == p.size() || text[p.size()] == ' ' || text[p.size()] == '\t';
  };
  if (text == "WO") return RuleTerm{TermKind::kWhollyObtained, 0, {}, {}};
  if (starts("CTSH") && word_end("CTSH")) return ParseChange(TermKind::kChangeOfSubheading, text.substr(4));
  if (starts("CTH") && word_end("CTH")) return ParseChange(TermKind::kChangeOfHeading, text.substr(3));
  if (starts("CC") && word_end("CC")) return ParseChange(TermKind::kChangeOfChapter, text.substr(2));
  if (starts("VA>=") || starts("VNM<=")) {
    const bool va = starts("VA>=");
    ASSIGN_OR_RETURN(int bp, ParsePercentBp(Trim(text.substr(va ? 4 : 5))));
    return RuleTerm{va ? TermKind::kValueAdded : TermKind::kMaxNonOriginating, bp, {}, {}};
  }
  if (starts("SP:")) {
    std::string_view code = Trim(text.substr(3));
    if (!IsProcessCode(code))
      return Error::Invalid("rule.syntax"_code,
                            "'" + std::string(code) + "' is not a process code (lowercase letters, digits, _)");
    return RuleTerm{TermKind::kSpecificProcess, 0, std::string(code), {}};
  }
  return Error::Invalid(
      "rule.syntax"_code,
      "'" + std::string(text) + "' is not a known criterion (WO, CC, CTH, CTSH, VA>=n, VNM<=n, SP:process)");
}

std::string FormatTerm(const RuleTerm& t) {
  std::string out;
  switch (t.kind) {
    case TermKind::kWhollyObtained:
      return "WO";
    case TermKind::kChangeOfChapter:
      out = "CC";
      break;
    case TermKind::kChangeOfHeading:
      out = "CTH";
      break;
    case TermKind::kChangeOfSubheading:
      out = "CTSH";
      break;
    case TermKind::kValueAdded:
    case TermKind::kMaxNonOriginating: {
      out = t.kind == TermKind::kValueAdded ? "VA>=" : "VNM<=";
      out += std::to_string(t.threshold_bp / 100);
      if (t.threshold_bp % 100 != 0) {
        out.push_back('.');
        out.push_back(static_cast<char>('0' + (t.threshold_bp % 100) / 10));
        if (t.threshold_bp % 10 != 0) out.push_back(static_cast<char>('0' + t.threshold_bp % 10));
      }
      return out;
    }
    case TermKind::kSpecificProcess:
      return "SP:" + t.process;
  }
  for (size_t i = 0; i < t.except.size(); ++i) {
    out += i == 0 ? " except " : ",";
    out += t.except[i];
  }
  return out;
}

}  // namespace

Result<int> ParsePercentBp(std::string_view text) {
  const std::string shown(text.substr(0, 32));
  auto bad = [&] {
    return Error::Invalid("rule.syntax"_code, "'" + shown + "' is not a percentage (e.g. 30 or 29.99, at most 100)");
  };
  if (text.empty() || text.size() > 6) return bad();
  int whole = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) whole = whole * 10 + (text[i] - '0');
  if (i == 0) return bad();
  int frac = 0;
  if (i < text.size()) {
    if (text[i] != '.' || i + 1 == text.size() || text.size() - i - 1 > 2) return bad();
    int scale = 10;
    for (size_t j = i + 1; j < text.size(); ++j) {
      if (text[j] < '0' || text[j] > '9') return bad();
      frac += (text[j] - '0') * scale;
      scale /= 10;
    }
  }
  const int bp = whole * 100 + frac;
  if (bp > 10000) return bad();
  return bp;
}

Result<Rule> ParseRule(std::string_view text) {
  if (text.size() > kMaxRuleText) return Error::Invalid("rule.syntax"_code, "rule longer than 4096 characters");
  if (Trim(text).empty()) return Error::Invalid("rule.syntax"_code, "empty rule");
  Rule rule;
  for (std::string_view alt_text : Split(text, '|')) {
    RuleAlternative alt;
    for (std::string_view term_text : Split(alt_text, '+')) {
      ASSIGN_OR_RETURN(RuleTerm term, ParseTerm(term_text));
      alt.terms.push_back(std::move(term));
    }
    rule.alternatives.push_back(std::move(alt));
  }
  rule.text = FormatRule(rule);
  return rule;
}

std::string FormatRule(const Rule& rule) {
  std::string out;
  for (size_t a = 0; a < rule.alternatives.size(); ++a) {
    if (a > 0) out += " | ";
    const auto& terms = rule.alternatives[a].terms;
    for (size_t t = 0; t < terms.size(); ++t) {
      if (t > 0) out += " + ";
      out += FormatTerm(terms[t]);
    }
  }
  return out;
}

}  // namespace origine::origin
