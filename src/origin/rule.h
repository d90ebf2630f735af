// origine/origin/rule.h — the origin-rule expression language shared by the
// regime files (data/regimes/*.toml) and the AfCFTA product-specific rule
// tables (data/afcfta/*.csv). Grammar (docs/formats/regimes.md):
//
//   rule        := alternative ( "|" alternative )*      any one suffices
//   alternative := term ( "+" term )*                    all must hold
//   term        := "WO"                                  wholly obtained
//                | ("CC" | "CTH" | "CTSH") [ "except" hs ("," hs)* ]
//                | "VA>=" percent                        value added, minimum
//                | "VNM<=" percent                       non-originating materials, maximum
//                | "SP:" process_code                    specific process performed
//   percent     := digits [ "." digit [ digit ] ]        exact, kept in basis points
//
//   Result<Rule> r = ParseRule("CTH except 1801,1802 | VNM<=60");
//
// Thread-safety: pure functions over values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace origine::origin {

enum class TermKind {
  kWhollyObtained,
  kChangeOfChapter,     // 2-digit change
  kChangeOfHeading,     // 4-digit change
  kChangeOfSubheading,  // 6-digit change
  kValueAdded,          // (ex-works - CIF non-originating) / ex-works >= threshold
  kMaxNonOriginating,   // CIF non-originating / ex-works <= threshold
  kSpecificProcess,     // the named process was performed
};

struct RuleTerm {
  TermKind kind = TermKind::kWhollyObtained;
  int threshold_bp = 0;             // kValueAdded, kMaxNonOriginating: percent x 100
  std::string process;              // kSpecificProcess
  std::vector<std::string> except;  // change-of-classification: HS prefixes (digits) not allowed as inputs
};

struct RuleAlternative {
  std::vector<RuleTerm> terms;  // all must hold
};

struct Rule {
  std::vector<RuleAlternative> alternatives;  // any one suffices; never empty once parsed
  std::string text;                           // canonical text, as FormatRule returns it
};

// Parses the rule language above. Fails with kInvalidArgument and a message
// without location (callers prefix "file:line: "). Input is limited to 4 KiB.
Result<Rule> ParseRule(std::string_view text);

// Canonical text: "WO | CTH except 1801,1802 | VA>=30".
std::string FormatRule(const Rule& rule);

// "30" -> 3000, "29.99" -> 2999, "100" -> 10000. Fails on anything else
// (negative, more than two decimals, above 100 %).
Result<int> ParsePercentBp(std::string_view text);

}  // namespace origine::origin
